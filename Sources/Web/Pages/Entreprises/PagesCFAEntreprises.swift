import Domain
import Foundation
import Hummingbird

/// `/cfa/entreprises`: the companies' requests to a CFA (issue 16) — the inbox by status, one request with its
/// history, a change of status, a reply sent to the company by e-mail. A CFA sees the requests to the organismes it
/// covers (as for its ruptures: its own and the formateurs it fully owns); anyone else's is a 404.
struct PagesCFAEntreprises {
    let deps: Dependances

    static func auteur(_ i: Identite) -> String { "\(i.utilisateur.nomComplet) (\(i.utilisateur.email))" }

    func noms(_ ids: Set<OrganismeID>) async throws -> [OrganismeID: String] {
        var noms: [OrganismeID: String] = [:]
        for id in ids { noms[id] = try await deps.store.organisme(id: id)?.nom }
        return noms
    }

    /// `GET /cfa/entreprises[?statut=nouvelle|en-cours|pourvue|sans-suite]`.
    @Sendable func liste(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let ids = try PagesCFARuptures.organismes(i)
        let q = Dictionary(VueTableau.requete(request), uniquingKeysWith: { a, _ in a })
        var filtre: StatutDemande?
        if let v = q["statut"] {
            guard let s = StatutDemande(parametre: v) else {
                throw ErreurApi.parametres([
                    ErreurValidation(
                        "statut",
                        "Statut : valeur attendue \(StatutDemande.allCases.map(\.parametre).joined(separator: ", ")).")
                ])
            }
            filtre = s
        }
        let demandes = try await deps.store.demandesEntreprises(organismes: ids)
        var vue = DemandesEntreprisesVue.construire(
            demandes, filtre: filtre, noms: ids.count > 1 ? try await noms(ids) : [:], plusieurs: ids.count > 1)
        if i.organismeParametrableEntreprises != nil { vue.parametres = "/cfa/entreprises/parametres" }
        return try await deps.page(vue, "Demandes d'entreprises", request, context)
    }

    /// The request named by the path, to one of these organismes; anyone else's is a 404.
    func demandeDuChemin(_ context: ContexteRequete, _ i: Identite) async throws -> DemandeEntreprise {
        let ids = try PagesCFARuptures.organismes(i)
        guard let id = context.parameters.get("id", as: Int64.self),
            let d = try await deps.store.demandeEntreprise(id: DemandeEntrepriseID(id)), ids.contains(d.organisme)
        else { throw ErreurComptes.introuvable }
        return d
    }

    /// `GET /cfa/entreprises/:id`.
    @Sendable func fiche(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let d = try await demandeDuChemin(context, i)
        let q = VueTableau.requete(request)
        var messages: [(String, String)] = []
        if q.contains(where: { $0 == ("avis", "statut") }) {
            messages.append(("succes", "Statut enregistré : « \(d.statut.libelle) »."))
        }
        if q.contains(where: { $0 == ("avis", "reponse") }) {
            messages.append(("succes", "Réponse envoyée par e-mail à \(d.contenu.email)."))
        }
        return try await page(d, request, context, messages: messages)
    }

    func page(
        _ d: DemandeEntreprise, _ request: Request, _ context: ContexteRequete, saisie: [String: String] = [:],
        erreurs: [ErreurSaisie] = [], messages: [(String, String)] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let nom = try await deps.store.organisme(id: d.organisme)?.nom ?? "votre CFA"
        return try await deps.page(
            DemandeEntrepriseVue.construire(
                d, organisme: nom, evenements: try await deps.store.evenements(demande: d.id), saisie: saisie),
            "Demande de \(d.contenu.entreprise)", request, context, erreurs: erreurs, messages: messages,
            status: status)
    }

    /// The version of the form, or a 400 naming it.
    static func version(_ f: Formulaire) throws -> Int64 {
        guard let v = Int64(f["version"]), v >= 0 else {
            throw ErreurApi.parametres([ErreurValidation("version", "Version : entier attendu (rechargez la page).")])
        }
        return v
    }

    /// A refused save: someone changed the request meanwhile (409), or it is gone (404).
    func refus(
        _ r: EnregistrementDemande, _ d: DemandeEntreprise, _ request: Request, _ context: ContexteRequete,
        saisie: [String: String]
    ) async throws -> Response {
        guard case .conflit(let auteur, let le) = r else { throw ErreurComptes.introuvable }
        let actuelle = try await deps.store.demandeEntreprise(id: d.id) ?? d
        return try await page(
            actuelle, request, context, saisie: saisie,
            erreurs: [
                ErreurSaisie(
                    "version",
                    "Non enregistré : \(auteur) a modifié cette demande le \(dateHeureFR(le)) entre-temps. Voici la "
                        + "demande à jour : vérifiez, puis recommencez.")
            ], status: .conflict)
    }

    /// `POST /cfa/entreprises/:id/statut`.
    @Sendable func changerStatut(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let d = try await demandeDuChemin(context, i)
        let f = try await Formulaire.lire(request)
        let version = try Self.version(f)
        guard let statut = StatutDemande(parametre: f["statut"]) else {
            return try await page(
                d, request, context,
                erreurs: [
                    ErreurSaisie(
                        "statut",
                        "Statut : choisissez-en un dans la liste ("
                            + StatutDemande.allCases.map(\.libelle).joined(separator: ", ") + ").")
                ], status: .badRequest)
        }
        let r = try await DemandesEntreprises.changerStatut(
            d, vers: statut, auteur: Self.auteur(i), versionLue: version, store: deps.store, now: deps.horloge.now())
        guard case .fait = r else { return try await refus(r, d, request, context, saisie: [:]) }
        try await deps.comptes.journaliser(
            i, "demande_entreprise_statut",
            "Demande d'entreprise \(d.id) (\(d.contenu.entreprise)) : « \(statut.libelle) »")
        return deps.redirection("/cfa/entreprises/\(d.id)?avis=statut")
    }

    /// `POST /cfa/entreprises/:id/reponse`: the reply e-mailed to the company through the outbox.
    @Sendable func repondre(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let d = try await demandeDuChemin(context, i)
        let f = try await Formulaire.lire(request)
        let version = try Self.version(f)
        let texte: String
        switch DemandesEntreprises.lireReponse(f["reponse"]) {
        case .success(let t): texte = t
        case .failure(let e):
            return try await page(d, request, context, saisie: f.champs, erreurs: [e], status: .badRequest)
        }
        let r = try await DemandesEntreprises.repondre(
            d, texte: texte, auteur: Self.auteur(i), nomAuteur: i.utilisateur.nomComplet,
            emailAuteur: i.utilisateur.email,
            nomCFA: try await deps.store.organisme(id: d.organisme)?.nom ?? i.organisation.nom, versionLue: version,
            store: deps.store, now: deps.horloge.now())
        guard case .fait = r else { return try await refus(r, d, request, context, saisie: f.champs) }
        try await deps.comptes.journaliser(
            i, "demande_entreprise_reponse",
            "Réponse à la demande d'entreprise \(d.id) (\(d.contenu.entreprise)) envoyée à \(d.contenu.email)")
        return deps.redirection("/cfa/entreprises/\(d.id)?avis=reponse")
    }
}

import Domain
import Foundation
import Hummingbird

/// « Déclarer une rupture » (issue 15): a CFA tells the mission locale about a broken contract before its ERP sends
/// it. The CFA picks one of its apprentices in contract today, gives the first day without contract and the cause;
/// the case is in the mission locale's list at once, marked « rupture déclarée par le CFA », until the ERP's data
/// shows the rupture. The CFA may withdraw a declaration it made by mistake. Only the organisme's users reach its
/// learners (404 for anyone else's).
struct DeclarationsRupturePage {
    let deps: Dependances
    static let parPage = 50

    func aujourdhui() -> Jour { HeureDeParis.jour(deps.horloge.now()) }

    /// `GET /cfa/ruptures/declarer`: the organisme's apprentices in contract today, found by name.
    @Sendable func apprentis(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let ids = try PagesCFARuptures.organismes(i)
        let query = Dictionary(VueTableau.requete(request), uniquingKeysWith: { a, _ in a })
        let recherche = query["recherche"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard recherche.count <= 100 else {
            throw ErreurApi.parametres([ErreurValidation("recherche", "Recherche : 100 caractères au plus.")])
        }
        let jour = aujourdhui()
        let r = RequeteIndicateurs(
            perimetre: .organismes(ids), filtres: FiltresIndicateurs(date: jour), fiablesSeulement: false,
            aujourdhui: jour)
        let apprentis = await deps.index.effectifs(r, codes: [CodeStatut.apprenti]).map(\.id)
        let (total, lignes) = try await deps.store.effectifs(
            ids: apprentis, recherche: recherche.isEmpty ? nil : recherche, limite: Self.parPage, decalage: 0)
        let declares = Set(try await deps.suivis.declares(organismes: ids, store: deps.store).map(\.ligne.effectif))
        try await deps.comptes.journaliserAccesNominatif(
            i, liste: "Déclarer une rupture : apprentis du CFA", perimetre: .organismes(ids), lignes: lignes.count,
            filtres: recherche.isEmpty ? [] : [("recherche", recherche)])
        let vue = ApprentisDeclarationVue(
            recherche: recherche, total: total, affiches: lignes.count,
            lignes: lignes.map { e in
                ApprentisDeclarationVue.Ligne(
                    nom: "\(e.nom) \(e.prenom)",
                    formation: deps.index.formation(cfd: e.cfd, rncp: e.rncp)?.libelle ?? e.cfd ?? "—",
                    naissance: Classeur.dateFrancaise(e.dateDeNaissance),
                    lien: declares.contains(e.id) ? "/cfa/ruptures/\(e.id)" : "/cfa/ruptures/declarer/\(e.id)",
                    dejaDeclaree: declares.contains(e.id))
            })
        return try await deps.page(vue, "Déclarer une rupture", request, context)
    }

    func effectifDuChemin(_ context: ContexteRequete, _ i: Identite) async throws -> EffectifStocke {
        try await PagesCFARuptures.effectifDuChemin(deps, context, try PagesCFARuptures.organismes(i))
    }

    @Sendable func formulaire(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let e = try await effectifDuChemin(context, i)
        return try await page(e, request, context, saisie: [:])
    }

    func page(
        _ e: EffectifStocke, _ request: Request, _ context: ContexteRequete, saisie: [String: String],
        erreurs: [ErreurSaisie] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let a = e.effectif.apprenant
        return try await deps.page(
            DeclarationRuptureFormulaireVue.construire(e, saisie: saisie, aujourdhui: aujourdhui()),
            "Déclarer la rupture du contrat de \(a.prenom) \(a.nom)", request, context, erreurs: erreurs,
            status: status)
    }

    @Sendable func declarer(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let e = try await effectifDuChemin(context, i)
        let form = try await Formulaire.lire(request)
        let declaration: DeclarationRupture
        switch DeclarationRupture.lire(form.champs, effectif: e.effectif, aujourdhui: aujourdhui()) {
        case .success(let d): declaration = d
        case .failure(let erreurs):
            return try await page(e, request, context, saisie: form.champs, erreurs: erreurs.liste, status: .badRequest)
        }
        let resultat = try await deps.store.declarer(
            declaration, effectif: e.id, auteur: "\(i.utilisateur.nomComplet) (\(i.utilisateur.email))",
            organisation: i.organisation.nom, now: deps.horloge.now())
        let refus: String
        switch resultat {
        case .declaree:
            try await deps.comptes.journaliser(
                i, "rupture_declaree", "Rupture déclarée le \(declaration.date) — effectif \(e.id)")
            return deps.redirection("/cfa/ruptures/\(e.id)?avis=declaration")
        case .effectifInconnu: throw ErreurComptes.introuvable
        case .horsChamp(let motif):
            refus =
                "Rupture non transmise : \((motif.libellePourCFA ?? "ce jeune n'est pas suivi par une mission locale").lowercasedFirst)."
        case .plusDeContrat:
            refus =
                "Rupture non transmise : les données de votre ERP ont changé entre-temps, le contrat n'est plus en "
                + "cours à cette date. Vérifiez la date."
        }
        return try await page(
            e, request, context, saisie: form.champs, erreurs: [ErreurSaisie("declaration", refus)],
            status: .unprocessableContent)
    }

    /// `POST /cfa/ruptures/:id/declaration/retrait`: the case follows the ERP's data again.
    @Sendable func retirer(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let e = try await effectifDuChemin(context, i)
        _ = try await Formulaire.lire(request)
        guard
            try await deps.store.retirerDeclaration(
                effectif: e.id, auteur: "\(i.utilisateur.nomComplet) (\(i.utilisateur.email))",
                organisation: i.organisation.nom, now: deps.horloge.now())
        else { throw ErreurComptes.introuvable }
        try await deps.comptes.journaliser(i, "rupture_declaree_retiree", "Déclaration retirée — effectif \(e.id)")
        return deps.redirection("/cfa/ruptures?avis=retrait")
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

import Domain
import Foundation
import Hummingbird

/// A training organisation's young people in rupture and its work with the missions locales (F17): the list with
/// each one's collaboration status, the case page with the history shared with the mission locale, the request for
/// support, comments, and the download. Only the organisme's users reach its learners (404 for anyone else's).
struct PagesCFARuptures {
    let deps: Dependances

    static func organismes(_ i: Identite) throws -> Set<OrganismeID> {
        guard let ids = i.organismesEnCollaboration else { throw ErreurComptes.interdit }
        return ids
    }

    func aujourdhui() -> Jour { HeureDeParis.jour(deps.horloge.now()) }

    /// The learners of these organismes whose status today is "en rupture", and those whose rupture the CFA
    /// declared before its ERP sent it, with their cases: the list kept in memory, brought up to date with the
    /// records and cases written since its last view.
    func jeunes(_ ids: Set<OrganismeID>) async throws -> [JeuneEnRupture] {
        let jour = aujourdhui()
        let r = RequeteIndicateurs(
            perimetre: .organismes(ids), filtres: FiltresIndicateurs(date: jour), fiablesSeulement: false,
            aujourdhui: jour)
        let rupturants = await deps.index.effectifs(r, codes: [CodeStatut.rupturant]).map(\.id)
        let suivis = try await deps.suivis.suivis(effectifs: rupturants, declaresDe: ids, store: deps.store)
        let declares = suivis.values.filter { $0.suivi.ligne.ruptureDeclaree != nil }.map(\.suivi.ligne.effectif)
        let referentiel = try await deps.suivis.referentiel(deps.store)
        return try await deps.rupturesCFA.jeunes(
            organismes: ids, versions: deps.index.versions(rupturants + declares), suivis: suivis,
            contexte: .init(aujourdhui: jour, regles: deps.reglesSuivi, versionReferentiel: referentiel.version),
            couverture: referentiel.couverture, lire: { try await deps.store.effectifsStockes(ids: $0) })
    }

    /// One learner's row (a case page), read afresh.
    func jeunes(_ effectifs: [EffectifStocke]) async throws -> [JeuneEnRupture] {
        let suivis = try await deps.store.suivis(effectifs: effectifs.map(\.id))
        return RupturesCFA.jeunes(
            effectifs, suivis: Dictionary(suivis.map { ($0.ligne.effectif, $0) }, uniquingKeysWith: { a, _ in a }),
            regles: deps.reglesSuivi, couverture: try await deps.suivis.referentiel(deps.store).couverture,
            aujourdhui: aujourdhui())
    }

    func nomsMissionsLocales() async throws -> [String: String] {
        Dictionary(
            try await deps.suivis.referentiel(deps.store).missionsLocales.map { ($0.code, $0.nom) },
            uniquingKeysWith: { a, _ in a })
    }

    func formation(_ cfd: String?, _ rncp: String?) -> String? { deps.index.formation(cfd: cfd, rncp: rncp)?.libelle }

    static func filtres(_ query: [(String, String)]) throws -> (
        recherche: String?, formation: String?, statut: StatutCollaboration?, page: Int
    ) {
        let q = Dictionary(query, uniquingKeysWith: { a, _ in a })
        func v(_ k: String) -> String? {
            let t = q[k]?.trimmingCharacters(in: .whitespaces) ?? ""
            return t.isEmpty ? nil : t
        }
        var erreurs: [ErreurValidation] = []
        if let r = v("recherche"), r.count > 100 {
            erreurs.append(ErreurValidation("recherche", "Recherche : 100 caractères au plus."))
        }
        if let f = v("formation"), f.count > 20 || !f.allSatisfy({ $0.isLetter || $0.isNumber }) {
            erreurs.append(ErreurValidation("formation", "Formation : code CFD invalide."))
        }
        let statut = v("statut").map(StatutCollaboration.init(rawValue:))
        if statut == .some(nil) {
            erreurs.append(
                ErreurValidation(
                    "statut",
                    "Statut : valeur attendue \(StatutCollaboration.allCases.map(\.rawValue).joined(separator: ", "))."
                ))
        }
        let page = v("page").map { Int($0) ?? 0 } ?? 1
        if !(1...100_000).contains(page) {
            erreurs.append(ErreurValidation("page", "Page : un entier positif est attendu."))
        }
        guard erreurs.isEmpty else { throw ErreurApi.parametres(erreurs) }
        return (v("recherche"), v("formation")?.uppercased(), statut ?? nil, page)
    }

    @Sendable func liste(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let ids = try Self.organismes(i)
        let query = VueTableau.requete(request)
        let f = try Self.filtres(query)
        let tous = try await jeunes(ids)
        let affiches = RupturesCFA.filtrer(tous, recherche: f.recherche, formation: f.formation, statut: f.statut)
        let pages = max(1, (affiches.count + RupturesCFA.parPage - 1) / RupturesCFA.parPage)
        let page = min(f.page, pages)
        try await deps.comptes.journaliserAccesNominatif(
            i, liste: "Jeunes en rupture du CFA (écran, page \(page))", perimetre: .organismes(ids),
            lignes: min(RupturesCFA.parPage, max(0, affiches.count - (page - 1) * RupturesCFA.parPage)),
            filtres: query.filter { $0.0 != "page" })
        let vue = RupturesCFAVue.construire(
            tous: tous, affiches: affiches, page: page, nombrePages: pages, query: query,
            nonLus: try await deps.store.nonLus(.cfa, dans: .organismes(ids)), formation: formation,
            missionsLocales: try await nomsMissionsLocales(),
            envoiAutomatique: try await i.organisation.organisme.asyncMap {
                try await deps.store.envoiAutomatique(organisme: $0)
            })
        let messages =
            query.contains { $0 == ("avis", "retrait") }
            ? [("succes", "Déclaration retirée : le dossier suit de nouveau les données de votre ERP.")] : []
        return try await deps.page(vue, "Jeunes en rupture", request, context, messages: messages)
    }

    /// The learner named by the path, of these organismes and with a rupture; anyone else's is a 404.
    func jeuneDuChemin(_ context: ContexteRequete, _ ids: Set<OrganismeID>) async throws -> JeuneEnRupture {
        guard let j = try await jeunes([try await Self.effectifDuChemin(deps, context, ids)]).first else {
            throw ErreurComptes.introuvable
        }
        return j
    }

    /// The learner named by the path, one of these organismes'; anyone else's is a 404.
    static func effectifDuChemin(_ deps: Dependances, _ context: ContexteRequete, _ ids: Set<OrganismeID>)
        async throws -> EffectifStocke
    {
        guard let id = context.parameters.get("id", as: Int64.self),
            let e = try await deps.store.effectifsStockes(ids: [EffectifID(id)]).first,
            ids.contains(e.effectif.organismeId)
        else { throw ErreurComptes.introuvable }
        return e
    }

    @Sendable func fiche(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let j = try await jeuneDuChemin(context, try Self.organismes(i))
        let query = VueTableau.requete(request)
        var messages: [(String, String)] = []
        if query.contains(where: { $0 == ("avis", "demande") }) {
            messages.append(
                ("succes", "Demande envoyée à la mission locale : elle la voit dès maintenant, en priorité."))
        }
        if query.contains(where: { $0 == ("avis", "declaration") }) {
            messages.append(
                ("succes", "Rupture déclarée : la mission locale la voit dès maintenant dans sa liste."))
        }
        if query.contains(where: { $0 == ("avis", "commentaire") }) {
            messages.append(("succes", "Commentaire ajouté : la mission locale le voit dès maintenant."))
        }
        return try await pageFiche(j, request, context, identite: i, messages: messages)
    }

    func pageFiche(
        _ j: JeuneEnRupture, _ request: Request, _ context: ContexteRequete, identite i: Identite,
        messageSaisi: String = "", erreurs: [ErreurSaisie] = [], messages: [(String, String)] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var evenements: [EvenementSuivi] = []
        var luJusqua: Int64?
        if let s = j.suivi {
            evenements = try await deps.store.evenements(suivi: s.id).filter(\.visibleParLeCFA)
            luJusqua = try await deps.store.luJusqua(suivi: s.id, cote: .cfa)
            if EvenementSuivi.nouvelles(evenements, pour: .cfa, luJusqua: luJusqua) {
                try await deps.store.marquerLu(suivi: s.id, cote: .cfa)
            }
        }
        let noms = try await nomsMissionsLocales()
        let ml = try await j.missionLocale.asyncMap { try await deps.store.missionLocale(code: $0) }
        try await deps.comptes.journaliserAccesNominatif(
            i, liste: "Jeune en rupture du CFA — fiche \(j.effectif.id)",
            perimetre: .organismes([j.effectif.effectif.organismeId]), lignes: 1)
        let vue = RuptureCFAVue.construire(
            j, missionLocale: ml ?? nil, evenements: evenements, luJusqua: luJusqua,
            formation: formation(j.effectif.effectif.formation.cfd, j.effectif.effectif.formation.rncp),
            messageSaisi: messageSaisi, missionsLocales: { noms[$0] })
        let a = j.effectif.effectif.apprenant
        return try await deps.page(
            vue, "\(a.prenom) \(a.nom)", request, context, erreurs: erreurs, messages: messages, status: status)
    }

    @Sendable func formulaire(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let j = try await jeuneDuChemin(context, try Self.organismes(i))
        return try await pageFormulaire(j, request, context, saisie: [:], objectifs: [])
    }

    func pageFormulaire(
        _ j: JeuneEnRupture, _ request: Request, _ context: ContexteRequete, saisie: [String: String],
        objectifs: [String], erreurs: [ErreurSaisie] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let ml = try await j.missionLocale.asyncMap { try await deps.store.missionLocale(code: $0) }
        let a = j.effectif.effectif.apprenant
        return try await deps.page(
            DemandeAccompagnementVue.construire(j, missionLocale: ml ?? nil, saisie: saisie, objectifs: objectifs),
            "Demander l'accompagnement de \(a.prenom) \(a.nom)", request, context, erreurs: erreurs, status: status)
    }

    @Sendable func demander(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let j = try await jeuneDuChemin(context, try Self.organismes(i))
        let form = try await Formulaire.lire(request)
        let objectifs = form.valeurs("objectif")
        let demande: DemandeAccompagnement
        switch DemandeAccompagnement.lire(form.champs, objectifs: objectifs) {
        case .success(let d): demande = d
        case .failure(let e):
            return try await pageFormulaire(
                j, request, context, saisie: form.champs, objectifs: objectifs, erreurs: e.liste, status: .badRequest)
        }
        guard let suivi = j.suivi, j.horsChamp == nil else {
            if j.horsChamp == .horsTerritoire { try await alerterSansMissionLocale(j, identite: i) }
            return try await pageFormulaire(
                j, request, context, saisie: form.champs, objectifs: objectifs,
                erreurs: [
                    ErreurSaisie(
                        "demande",
                        j.horsChamp == .horsTerritoire
                            ? "Aucune mission locale ne couvre la commune de résidence de ce jeune : la demande n'a pas "
                                + "pu être transmise. L'équipe de la plateforme a été prévenue et vous recontactera."
                            : (j.libelleHorsChamp ?? "Ce jeune n'est pas suivi par une mission locale") + ".")
                ], status: .unprocessableContent)
        }
        guard suivi.demandeCFALe == nil else {
            return deps.redirection("/cfa/ruptures/\(j.effectif.id)")
        }
        let evenement = EvenementSuivi(
            le: deps.horloge.now(), genre: .demandeCFA, auteur: "\(i.utilisateur.nomComplet) (\(i.utilisateur.email))",
            organisation: i.organisation.nom, rupture: j.rupture, demande: demande)
        guard try await deps.store.ajouter(evenement, a: suivi.id) else { throw ErreurComptes.introuvable }
        try await deps.comptes.journaliser(
            i, "collaboration_demande",
            "Demande d'accompagnement — effectif \(j.effectif.id) — mission locale \(j.missionLocale ?? "?")")
        return deps.redirection("/cfa/ruptures/\(j.effectif.id)?avis=demande")
    }

    /// No mission locale covers the young person's residence: the platform's team is told (journal and e-mail).
    func alerterSansMissionLocale(_ j: JeuneEnRupture, identite i: Identite) async throws {
        let adresse = j.effectif.effectif.apprenant.adresse
        let lieu = "commune \(adresse?.codeInsee ?? "inconnue"), code postal \(adresse?.codePostal ?? "inconnu")"
        try await deps.comptes.journaliser(
            i, "collaboration_sans_mission_locale", "Effectif \(j.effectif.id) — \(lieu) — aucune mission locale")
        try await deps.store.ajouterCourriel(
            destinataire: deps.contact, sujet: "Demande d'accompagnement sans mission locale",
            corps: """
                Bonjour,

                \(i.organisation.nom) a demandé l'accompagnement d'un jeune en rupture (effectif \(j.effectif.id)) \
                dont la résidence (\(lieu)) n'est couverte par aucune mission locale du référentiel.
                Vérifiez le référentiel des missions locales (tdb import missions-locales) et recontactez le CFA.

                — Tableau de bord de l'apprentissage
                """, now: deps.horloge.now())
    }

    @Sendable func commenter(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let j = try await jeuneDuChemin(context, try Self.organismes(i))
        let form = try await Formulaire.lire(request)
        guard let suivi = j.suivi else { throw ErreurComptes.introuvable }
        switch Commentaire.lire(form["message"]) {
        case .failure(let e):
            return try await pageFiche(
                j, request, context, identite: i, messageSaisi: form["message"], erreurs: [e], status: .badRequest)
        case .success(let texte):
            let e = EvenementSuivi(
                le: deps.horloge.now(), genre: .commentaire,
                auteur: "\(i.utilisateur.nomComplet) (\(i.utilisateur.email))", organisation: i.organisation.nom,
                commentaire: texte, organisationCFA: true)
            guard try await deps.store.ajouter(e, a: suivi.id) else { throw ErreurComptes.introuvable }
            try await deps.store.marquerLu(suivi: suivi.id, cote: .cfa)
            return deps.redirection("/cfa/ruptures/\(j.effectif.id)?avis=commentaire#echanges")
        }
    }

    /// XLSX: the CFA's young people in rupture and where each stands with the mission locale; written to the journal.
    @Sendable func telechargement(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let ids = try Self.organismes(i)
        let tous = try await jeunes(ids)
        let noms = try await nomsMissionsLocales()
        let lignes: [[Classeur.Cellule]] = tous.map { j in
            let a = j.effectif.effectif.apprenant
            let f = j.effectif.effectif.formation
            return [
                .texte(a.nom), .texte(a.prenom), .texte(formation(f.cfd, f.rncp) ?? f.cfd), .date(j.rupture),
                .nombre(j.age), .texte(j.horsChamp == nil ? j.statut.libelle : j.libelleHorsChamp),
                .texte(j.missionLocale.map { noms[$0] ?? $0 }), .texte(j.suivi?.dernierResultat?.libelle),
                .date(j.suivi?.resultatLe.map(HeureDeParis.jour)),
            ]
        }
        try await deps.comptes.journaliserAccesNominatif(
            i, liste: "Suivi des jeunes en rupture du CFA (téléchargement XLSX)", perimetre: .organismes(ids),
            lignes: lignes.count)
        let classeur = Classeur(
            nomFeuille: "Suivi missions locales",
            entetes: [
                "Nom", "Prénom", "Formation", "Date de rupture", "Âge à la rupture", "Statut de la collaboration",
                "Mission locale", "Dernier retour de la mission locale", "Date du retour",
            ], lignes: lignes)
        return try classeur.telechargement(format: "xlsx", nom: "suivi-missions-locales-\(aujourdhui()).xlsx")
    }
}

extension Optional {
    func asyncMap<U>(_ f: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let v = self else { return nil }
        return try await f(v)
    }
}

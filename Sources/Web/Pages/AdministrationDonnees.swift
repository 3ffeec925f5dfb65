import Domain
import Foundation
import Hummingbird
import IndexEffectifs

/// Personal data and audit in the back-office (F21, F22): the retention policy, the journal searched and
/// exported, a learner's data exported or erased on request.
struct AdministrationDonnees {
    let deps: Dependances

    var donnees: DonneesApprenant {
        DonneesApprenant(store: deps.store, horloge: deps.horloge, empreinte: SecretsServeur.sha256)
    }

    @Sendable func retention(_ request: Request, context: ContexteRequete) async throws -> Response {
        return try await deps.page(AdminRetentionVue.construire(.defaut), "Conservation des données", request, context)
    }

    // MARK: - Journal

    @Sendable func journal(_ request: Request, context: ContexteRequete) async throws -> Response {
        let p = try ParametresJournal(request.uri.queryParameters)
        let resultat = try await deps.store.journal(filtre: p.filtre, page: p.page, parPage: ParametresJournal.parPage)
        var organisation: Organisation?
        if let id = p.filtre.organisation { organisation = try await deps.store.organisation(id: id) }
        let vue = AdminJournalVue.construire(
            p, resultat: resultat, actions: try await deps.store.actionsJournal(), organisation: organisation)
        return try await deps.page(vue, "Journal des actions", request, context)
    }

    /// Every entry matching the criteria (the page parameter is ignored), read page by page.
    @Sendable func journalCSV(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let p = try ParametresJournal(request.uri.queryParameters)
        var lignes: [[Classeur.Cellule]] = []
        var page = 1
        while page <= ParametresJournal.pageMaximale {
            let r = try await deps.store.journal(filtre: p.filtre, page: page, parPage: 1_000)
            lignes += r.entrees.map {
                [
                    .texte(HeureDeParis.horodatage($0.date)), .texte($0.acteurEmail ?? "système"),
                    .texte(LibellesJournal.libelle($0.action)), .texte($0.action), .texte($0.detail),
                ]
            }
            if r.entrees.count < 1_000 { break }
            page += 1
        }
        try await deps.store.journaliser(
            EntreeJournal(
                date: deps.horloge.now(), acteur: i.utilisateur.id, acteurEmail: i.utilisateur.email,
                action: "journal_export",
                detail: "\(lignes.count) entrée(s) exportée(s) en CSV"
                    + (p.requete().isEmpty ? "" : " (\(p.requete()))")))
        let classeur = Classeur(
            nomFeuille: "Journal",
            entetes: ["Date (heure de Paris)", "Acteur", "Action", "Code de l'action", "Détail"], lignes: lignes)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"journal.csv\"",
                .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(bytes: classeur.csv())))
    }

    // MARK: - Un apprenant

    /// The learner named by the query or the form: `uai`, `siret`, `annee`, `id_erp`, or `nom`, `prenom`, `naissance`.
    func recherche(_ champs: [String: String], accepter autres: Set<String> = []) async throws -> RechercheApprenant? {
        let connus: Set<String> = ["uai", "siret", "annee", "id_erp", "nom", "prenom", "naissance"]
        var erreurs: [ErreurValidation] = []
        for cle in champs.keys.sorted() where !connus.contains(cle) && !autres.contains(cle) {
            erreurs.append(.init(cle, "Paramètre inconnu (acceptés : \(connus.sorted().joined(separator: ", ")))"))
        }
        func v(_ c: String) -> String? {
            champs[c].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        for c in connus where (v(c)?.count ?? 0) > 200 {
            erreurs.append(.init(c, "Trop long (200 caractères au plus)"))
        }
        if !erreurs.isEmpty { throw ErreurApi.parametres(erreurs) }
        if let nom = v("nom") {
            guard let n = v("naissance") else {
                throw ErreurApi.parametre("naissance", "La date de naissance est requise avec le nom")
            }
            guard let jour = Jour(iso: n) else {
                throw ErreurApi.parametre("naissance", "Date invalide : format attendu AAAA-MM-JJ")
            }
            return .identite(nom: nom, prenom: v("prenom"), dateDeNaissance: jour)
        }
        let cle = ["uai", "siret", "annee", "id_erp"].map(v)
        if cle.allSatisfy({ $0 == nil }) && v("naissance") == nil && v("prenom") == nil { return nil }
        for (c, valeur) in zip(["uai", "siret", "annee", "id_erp"], cle) where valeur == nil {
            erreurs.append(.init(c, "Requis pour chercher par organisme (ou cherchez par nom et date de naissance)"))
        }
        if let u = v("uai"), UAI(u) == nil {
            erreurs.append(.init("uai", "UAI invalide : 7 chiffres et une lettre attendus"))
        }
        if let s = v("siret"), SIRET(s) == nil {
            erreurs.append(.init("siret", "SIRET invalide : 14 chiffres attendus"))
        }
        if let a = v("annee"), AnneeScolaire(a) == nil { erreurs.append(.init("annee", Message.anneeScolaire)) }
        guard erreurs.isEmpty, let u = v("uai").flatMap({ UAI($0) }), let s = v("siret").flatMap({ SIRET($0) }),
            let a = v("annee").flatMap({ AnneeScolaire($0) }), let id = v("id_erp")
        else { throw ErreurApi.parametres(erreurs) }
        guard let o = try await deps.store.organisme(cle: OrganismeCle(uai: u, siret: s)) else {
            throw ErreurApi.parametre("siret", "Aucun organisme connu avec cet UAI et ce SIRET")
        }
        return .cle(CleEffectif(organisme: o.id, anneeScolaire: a, idErpApprenant: id))
    }

    static func champs(_ query: Parameters) -> [String: String] {
        var c: [String: String] = [:]
        for (k, v) in query where c[String(k)] == nil { c[String(k)] = String(v) }
        return c
    }

    @Sendable func apprenants(_ request: Request, context: ContexteRequete) async throws -> Response {
        let champs = Self.champs(request.uri.queryParameters)
        var trouves: [EffectifStocke]?
        if let r = try await recherche(champs, accepter: ["efface"]) {
            trouves = try await donnees.rechercher(r)
        }
        let vue = AdminApprenantsVue.construire(
            champs: champs, trouves: trouves,
            revenus: try await deps.store.effacementsRevenus(limite: 50))
        var messages: [(String, String)] = []
        if let n = champs["efface"].flatMap(Int.init) {
            messages.append(("succes", "\(n) effectif(s) effacé(s) et retiré(s) des indicateurs."))
        }
        return try await deps.page(vue, "Données d'un apprenant", request, context, messages: messages)
    }

    @Sendable func exporter(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response
    {
        guard let r = try await recherche(Self.champs(request.uri.queryParameters)) else {
            throw ErreurApi.parametre(
                "id_erp", "Indiquez l'organisme, l'année et l'identifiant ERP, ou le nom et la date de naissance")
        }
        let (json, _) = try await donnees.exporter(r, par: .init(id: i.utilisateur.id, email: i.utilisateur.email))
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json; charset=utf-8",
                .contentDisposition: "attachment; filename=\"apprenant.json\"",
                .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    @Sendable func effacer(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response
    {
        let f = try await Formulaire.lire(request)
        var champs = f.champs
        champs["csrf"] = nil
        guard champs["confirmation"] == "EFFACER" else {
            throw ErreurApi.parametre("confirmation", "Tapez EFFACER pour confirmer l'effacement")
        }
        champs["confirmation"] = nil
        guard let r = try await recherche(champs) else {
            throw ErreurApi.parametre(
                "id_erp", "Indiquez l'organisme, l'année et l'identifiant ERP, ou le nom et la date de naissance")
        }
        let bilan = try await donnees.effacer(r, par: .init(id: i.utilisateur.id, email: i.utilisateur.email))
        // This instance's index at once; the others follow the erasures table (`IndexIndicateurs.rattraper`).
        _ = try await deps.index.rattraper(depuis: deps.store)
        return deps.redirection("/admin/apprenants?efface=\(bilan.effectifs)")
    }
}

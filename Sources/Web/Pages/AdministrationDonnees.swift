import Domain
import IndexEffectifs
import Foundation
import Hummingbird

/// Personal data and audit in the back-office (F21, F22): the retention policy, the journal searched and
/// exported, a learner's data exported or erased on request.
struct AdministrationDonnees {
    let deps: Dependances

    var donnees: DonneesApprenant {
        DonneesApprenant(store: deps.store, horloge: deps.horloge, empreinte: SecretsServeur.sha256)
    }

    @Sendable func retention(_ request: Request, context: ContexteRequete) async throws -> Response {
        return try await deps.page("admin-retention", "Conservation des données", request, context, [
            "regles": PolitiqueRetention.defaut.regles.map { r -> [String: Any] in
                ["donnees": r.donnees, "depart": r.depart, "duree": r.libelleDuree, "action": r.action.rawValue,
                 "applicable": r.applicable]
            },
        ])
    }

    // MARK: - Journal

    @Sendable func journal(_ request: Request, context: ContexteRequete) async throws -> Response {
        let p = try ParametresJournal(request.uri.queryParameters)
        let resultat = try await deps.store.journal(filtre: p.filtre, page: p.page, parPage: ParametresJournal.parPage)
        let pages = max(1, (resultat.total + ParametresJournal.parPage - 1) / ParametresJournal.parPage)
        var modele: [String: Any] = [
            "entrees": resultat.entrees.map { ["date": dateHeureFR($0.date), "acteur": $0.acteurEmail ?? "système",
                                               "action": $0.action, "detail": $0.detail] },
            "actions": try await deps.store.actionsJournal().map { ["valeur": $0, "choisie": $0 == p.filtre.action] },
            "utilisateur": p.filtre.utilisateur ?? "", "organisation": p.filtre.organisation.map { String($0.rawValue) } ?? "",
            "du": p.filtre.du?.description ?? "", "au": p.filtre.au?.description ?? "",
            "total": resultat.total, "page": p.page, "pages": pages,
            "csv": "/admin/journal.csv?" + p.requete(),
        ]
        if p.page > 1 { modele["precedente"] = "/admin/journal?" + p.requete(page: p.page - 1) }
        if p.page < pages { modele["suivante"] = "/admin/journal?" + p.requete(page: p.page + 1) }
        return try await deps.page("admin-journal", "Journal des actions", request, context, modele)
    }

    /// Every entry matching the criteria (the page parameter is ignored), read page by page.
    @Sendable func journalCSV(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let p = try ParametresJournal(request.uri.queryParameters)
        var lignes: [[Classeur.Cellule]] = []
        var page = 1
        while page <= ParametresJournal.pageMaximale {
            let r = try await deps.store.journal(filtre: p.filtre, page: page, parPage: 1_000)
            lignes += r.entrees.map { [.texte(horodatageISO($0.date)), .texte($0.acteurEmail ?? "système"), .texte($0.action), .texte($0.detail)] }
            if r.entrees.count < 1_000 { break }
            page += 1
        }
        try await deps.store.journaliser(EntreeJournal(
            date: deps.horloge.now(), acteur: i.utilisateur.id, acteurEmail: i.utilisateur.email, action: "journal_export",
            detail: "\(lignes.count) entrée(s) exportée(s) en CSV" + (p.requete().isEmpty ? "" : " (\(p.requete()))")))
        let classeur = Classeur(nomFeuille: "Journal", entetes: ["Date (UTC)", "Acteur", "Action", "Détail"], lignes: lignes)
        return Response(status: .ok, headers: [
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
        func v(_ c: String) -> String? { champs[c].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
        for c in connus where (v(c)?.count ?? 0) > 200 { erreurs.append(.init(c, "Trop long (200 caractères au plus)")) }
        if !erreurs.isEmpty { throw ErreurApi.parametres(erreurs) }
        if let nom = v("nom") {
            guard let n = v("naissance") else { throw ErreurApi.parametre("naissance", "La date de naissance est requise avec le nom") }
            guard let jour = Jour(iso: n) else { throw ErreurApi.parametre("naissance", "Date invalide : format attendu AAAA-MM-JJ") }
            return .identite(nom: nom, prenom: v("prenom"), dateDeNaissance: jour)
        }
        let cle = ["uai", "siret", "annee", "id_erp"].map(v)
        if cle.allSatisfy({ $0 == nil }) && v("naissance") == nil && v("prenom") == nil { return nil }
        for (c, valeur) in zip(["uai", "siret", "annee", "id_erp"], cle) where valeur == nil {
            erreurs.append(.init(c, "Requis pour chercher par organisme (ou cherchez par nom et date de naissance)"))
        }
        if let u = v("uai"), UAI(u) == nil { erreurs.append(.init("uai", "UAI invalide : 7 chiffres et une lettre attendus")) }
        if let s = v("siret"), SIRET(s) == nil { erreurs.append(.init("siret", "SIRET invalide : 14 chiffres attendus")) }
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
        var modele: [String: Any] = [:]
        for c in ["uai", "siret", "annee", "id_erp", "nom", "prenom", "naissance"] { modele[c] = champs[c] ?? "" }
        if let r = try await recherche(champs, accepter: ["efface"]) {
            let trouves = try await donnees.rechercher(r)
            modele["recherche"] = true
            modele["requete"] = champs.filter { !$0.value.isEmpty && $0.key != "efface" }.sorted { $0.key < $1.key }
                .map { "\($0.key)=\(ParametresJournal.encoder($0.value))" }.joined(separator: "&")
            modele["champsRecherche"] = champs.filter { !$0.value.isEmpty && $0.key != "efface" }.sorted { $0.key < $1.key }
                .map { ["nom": $0.key, "valeur": $0.value] }
            modele["effectifs"] = trouves.map { e -> [String: Any] in
                ["id": String(e.id.rawValue), "nom": e.effectif.apprenant.nom, "prenom": e.effectif.apprenant.prenom,
                 "naissance": e.effectif.apprenant.dateDeNaissance.description, "annee": e.effectif.anneeScolaire.description,
                 "idErp": e.effectif.idErpApprenant, "organisme": String(e.effectif.organismeId.rawValue)]
            }
        }
        modele["revenus"] = try await deps.store.effacementsRevenus(limite: 50).map { e -> [String: Any] in
            ["efface": dateHeureFR(e.le), "revenu": e.revenuLe.map(dateHeureFR) ?? "", "organisme": String(e.organisme.rawValue),
             "annee": e.anneeScolaire.description]
        }
        var messages: [(String, String)] = []
        if let n = champs["efface"].flatMap(Int.init) { messages.append(("succes", "\(n) effectif(s) effacé(s) et retiré(s) des indicateurs.")) }
        return try await deps.page("admin-apprenants", "Données d'un apprenant", request, context, modele, messages: messages)
    }

    @Sendable func exporter(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        guard let r = try await recherche(Self.champs(request.uri.queryParameters)) else {
            throw ErreurApi.parametre("id_erp", "Indiquez l'organisme, l'année et l'identifiant ERP, ou le nom et la date de naissance")
        }
        let (json, _) = try await donnees.exporter(r, par: .init(id: i.utilisateur.id, email: i.utilisateur.email))
        return Response(status: .ok, headers: [
            .contentType: "application/json; charset=utf-8", .contentDisposition: "attachment; filename=\"apprenant.json\"",
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    @Sendable func effacer(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let f = try await Formulaire.lire(request)
        var champs = f.champs
        champs["csrf"] = nil
        guard champs["confirmation"] == "EFFACER" else {
            throw ErreurApi.parametre("confirmation", "Tapez EFFACER pour confirmer l'effacement")
        }
        champs["confirmation"] = nil
        guard let r = try await recherche(champs) else {
            throw ErreurApi.parametre("id_erp", "Indiquez l'organisme, l'année et l'identifiant ERP, ou le nom et la date de naissance")
        }
        let bilan = try await donnees.effacer(r, par: .init(id: i.utilisateur.id, email: i.utilisateur.email))
        // This instance's index at once; the others follow the erasures table (`IndexIndicateurs.rattraper`).
        _ = try await deps.index.rattraper(depuis: deps.store)
        return deps.redirection("/admin/apprenants?efface=\(bilan.effectifs)")
    }
}

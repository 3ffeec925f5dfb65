import Domain
import Foundation
import IndexEffectifs
import Outils
import SQLiteStore
import TestSupport
import Testing

/// Retention, a learner's export and erasure, the journal search (F21, F22), on every backend available.
struct StoreContractDonneesTests {
    let now = Date(timeIntervalSince1970: 1_732_000_000)  // 2024-11-19
    let contrat = StoreContractTests()
    static let sha: @Sendable (String) -> String = { "empreinte:" + $0 }  // any injective function does here

    func jour(_ s: String) -> Date { Jour(iso: s)!.date }

    /// An old learner (school year 2019-2020), a recent one, a rejected item of 2020 and one of today.
    func peupleAnciens(_ store: any Store) async throws -> (amiens: Organisme, ancien: CleEffectif, recent: CleEffectif)
    {
        let (amiens, _, _) = try await contrat.peuple(store)
        let ancien = item([
            "annee_scolaire": .string("2019-2020"), "id_erp_apprenant": .string("OLD-1"),
            "nom_apprenant": .string("Ancien"),
            "prenom_apprenant": .string("Paul"), "email_contact": .string("paul@example.org"),
            "tel_apprenant": .string("0611223344"),
            "ine_apprenant": .string("123456789ab"), "adresse_apprenant": .string("3 rue Haute 80000 Amiens"),
            "date_inscription_formation": .string("2019-06-20"), "date_entree_formation": .string("2019-09-02"),
            "date_fin_formation": .string("2021-06-30"), "contrat_date_debut": .string("2019-10-01"),
            "contrat_date_fin": .string("2021-06-30"), "date_de_naissance_apprenant": .string("2002-03-04"),
        ])
        let r1 = try await contrat.lot(
            [ancien, json(dossierInvalideExemple2)], transmetteur: amiens.id, store: store,
            at: jour("2020-01-10"))
        #expect(r1.nombreRejetes == 1)
        let r2 = try await contrat.lot(
            [json(dossierValideExemple), json(dossierInvalideExemple2)], transmetteur: amiens.id,
            store: store)
        #expect(r2.nombreRejetes == 1)
        return (
            amiens,
            CleEffectif(organisme: amiens.id, anneeScolaire: AnneeScolaire("2019-2020")!, idErpApprenant: "OLD-1"),
            CleEffectif(organisme: amiens.id, anneeScolaire: AnneeScolaire("2024-2025")!, idErpApprenant: "YP-000123")
        )
    }

    func indexables(_ store: any Store) async throws -> [EffectifIndexable] {
        let lus = Lus()
        try await store.parcourirEffectifs(taillePaquet: 100) { lus.ajouter($0) }
        // The change number is not what the index reads of a row.
        return lus.tous.map {
            EffectifIndexable(
                id: $0.id, organisme: $0.organisme, anneeScolaire: $0.anneeScolaire,
                dateDeNaissance: $0.dateDeNaissance,
                anneeFormation: $0.anneeFormation, cfd: $0.cfd, rncp: $0.rncp, parcours: $0.parcours)
        }
    }

    final class Lus: @unchecked Sendable {
        private let verrou = NSLock()
        private var liste: [EffectifIndexable] = []
        func ajouter(_ l: [EffectifIndexable]) { verrou.withLock { liste += l } }
        var tous: [EffectifIndexable] { verrou.withLock { liste } }
    }

    func compteurs(_ index: IndexIndicateurs, _ jours: [String]) async -> [Compteurs] {
        var resultat: [Compteurs] = []
        for d in jours {
            resultat.append(
                await index.compter(
                    RequeteIndicateurs(
                        perimetre: .national, filtres: FiltresIndicateurs(date: Jour(iso: d)!),
                        aujourdhui: Jour(iso: d)!)))
        }
        return resultat
    }

    @Test(arguments: Backend.actifs) func purgeAppliesThePolicyAndKeepsTheIndicators(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, ancien, recent) = try await peupleAnciens(store)
            try await store.ajouterCourriel(
                destinataire: "a@example.org", sujet: "vieux", corps: "…", now: now.addingTimeInterval(-91 * 86_400))
            try await store.ajouterCourriel(destinataire: "b@example.org", sujet: "récent", corps: "…", now: now)
            _ = try await store.creerJeton(
                .confirmation, hash: "expire", email: "a@example.org", utilisateur: nil, organisation: nil,
                role: nil, expireLe: now.addingTimeInterval(-1))
            _ = try await store.creerJeton(
                .confirmation, hash: "valable", email: "b@example.org", utilisateur: nil, organisation: nil,
                role: nil, expireLe: now.addingTimeInterval(3600))
            let o = try await store.creerOrganisation(
                NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "32"), now: now)
            let u = try await store.creerUtilisateur(
                NouvelUtilisateur(
                    email: "anne@example.org", nom: "Durand", prenom: "Anne",
                    organisation: o.id, role: .membre, statut: .actif,
                    hashMotDePasse: "h"), now: now)
            _ = try await store.creerSession(hash: "s-expiree", utilisateur: u.id, expireLe: now.addingTimeInterval(-1))
            _ = try await store.creerSession(
                hash: "s-valable", utilisateur: u.id, expireLe: now.addingTimeInterval(3600))
            try await store.journaliser(
                EntreeJournal(date: jour("2022-01-01"), acteur: nil, acteurEmail: nil, action: "vieux", detail: ""))
            try await store.journaliser(
                EntreeJournal(date: now, acteur: nil, acteurEmail: nil, action: "recent", detail: ""))
            let vieilleCle = try await store.creerCleApi(organisme: amiens.id, hash: "vieille", now: jour("2023-10-01"))
            let cleUtilisee = try await store.creerCleApi(
                organisme: amiens.id, hash: "utilisee", now: jour("2023-01-01"))
            try await store.cleUtilisee(cleUtilisee.id, now: jour("2024-06-01"))

            let avant = try await indexables(store)
            let versionAvant = try await store.versions().effectifs
            let indexAvant = try await IndexIndicateurs.construire(depuis: store)
            let dates = ["2019-12-01", "2020-06-15", "2021-03-01", "2024-12-01"]
            let purge = Purge(store: store, horloge: .fixed(now))
            let attendu: [GenreDonnees: Int] = [
                .effectifsNominatifs: 1, .itemsRejetes: 1, .courriels: 1, .sessions: 1,
                .liensUniques: 1, .clesApiInutilisees: 1, .journal: 1,
            ]

            let simulation = try await purge.executer(simulation: true)
            #expect(Dictionary(uniqueKeysWithValues: simulation.lignes.map { ($0.genre, $0.nombre) }) == attendu)
            #expect(try await store.effectif(cle: ancien)?.effectif.apprenant.nom == "ANCIEN")

            let bilan = try await purge.executer(simulation: false)
            #expect(Dictionary(uniqueKeysWithValues: bilan.lignes.map { ($0.genre, $0.nombre) }) == attendu)

            // The old learner: no name, no contact; what the indicators read is unchanged.
            let pseudo = try #require(try await store.effectif(cle: ancien))
            #expect(
                pseudo.effectif.apprenant.nom == "PSEUDONYME-\(pseudo.id.rawValue)"
                    && pseudo.effectif.apprenant.prenom == "")
            #expect(pseudo.effectif.apprenant.courriel == nil && pseudo.effectif.apprenant.telephone == nil)
            #expect(pseudo.effectif.apprenant.ine == nil && pseudo.effectif.apprenant.adresse == nil)
            #expect(pseudo.effectif.idErpApprenant == "OLD-1")
            #expect(try await store.effectif(cle: recent)?.effectif.apprenant.nom == "MARTIN")
            #expect(try await indexables(store) == avant)
            // The rewrite is a numbered change: what keeps a copy of the record (an index, a CFA's list) reads it again.
            #expect(try await store.changements(apres: versionAvant, limite: 10).map(\.id) == [pseudo.id])
            let indexApres = try await IndexIndicateurs.construire(depuis: store)
            let comptesApres = await compteurs(indexApres, dates)
            let comptesAvant = await compteurs(indexAvant, dates)
            #expect(comptesApres == comptesAvant)
            #expect(comptesApres.contains { $0.apprentis > 0 })

            // The rejected item of 2020 emptied, today's kept.
            let rejets = try await store.transmissions(de: try #require(try await store.effectif(cle: recent)))
            #expect(rejets.isEmpty == false)
            #expect(
                try await store.purger(.itemsRejetes, avant: now.addingTimeInterval(1), simulation: true, now: now) == 1
            )
            #expect(try await store.courriels(limite: 10).map(\.sujet) == ["récent"])
            #expect(try await store.jeton(.confirmation, hash: "expire") == nil)
            #expect(try await store.jeton(.confirmation, hash: "valable") != nil)
            #expect(try await store.session(hash: "s-valable", now: now) != nil)
            #expect(try await store.purger(.sessions, avant: now, simulation: true, now: now) == 0)
            #expect(try await store.cleApi(hash: vieilleCle.hash)?.revokedAt == now)
            #expect(try await store.cleApi(hash: cleUtilisee.hash)?.revokedAt == nil)
            let journal = try await store.journal(limite: 20)
            #expect(!journal.contains { $0.action == "vieux" } && journal.contains { $0.action == "recent" })
            #expect(journal.contains { $0.action == "purge" && $0.detail.contains("effectifs-nominatifs=1") })
            #expect(
                journal.contains {
                    $0.action == "cle_api_expiree" && $0.detail.contains("clé n° \(vieilleCle.id.rawValue)")
                })

            // Nothing left to do; a learner sent again with its names is pseudonymised again.
            let encore = try await purge.executer(simulation: false)
            #expect(encore.lignes.allSatisfy { $0.nombre == 0 })
            let renvoi = item([
                "annee_scolaire": .string("2019-2020"), "id_erp_apprenant": .string("OLD-1"),
                "nom_apprenant": .string("Ancien"),
                "date_inscription_formation": .string("2019-06-20"), "date_entree_formation": .string("2019-09-02"),
                "date_fin_formation": .string("2021-06-30"), "date_de_naissance_apprenant": .string("2002-03-04"),
            ])
            _ = try await contrat.lot([renvoi], transmetteur: amiens.id, store: store)
            #expect(try await store.effectif(cle: ancien)?.effectif.apprenant.nom == "ANCIEN")
            #expect(try await purge.executer(simulation: false).nombre(.effectifsNominatifs) == 1)
            #expect(try await store.effectif(cle: ancien)?.effectif.apprenant.nom == "PSEUDONYME-\(pseudo.id.rawValue)")
        }
    }

    @Test(arguments: Backend.actifs) func aLearnerIsExportedErasedAndNoticedWhenSentAgain(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, ancien, recent) = try await peupleAnciens(store)
            // A rejected item of the same learner, sent by its organisme.
            let rejete = item(["id_erp_apprenant": .string("YP-000123"), "email_contact": .string("pas-une-adresse")])
            #expect(try await contrat.lot([rejete], transmetteur: amiens.id, store: store).nombreRejetes == 1)
            let index = try await IndexIndicateurs.construire(depuis: store)
            #expect(index.nombreEffectifs == 2)
            let transmissions = try await store.nombreTransmissions()
            let donnees = DonneesApprenant(store: store, horloge: .fixed(now), empreinte: Self.sha)

            #expect(
                try await donnees.rechercher(
                    .identite(nom: "martin", prenom: "LÉA", dateDeNaissance: Jour(iso: "2006-04-12")!)
                ).count == 1)
            #expect(
                try await donnees.rechercher(
                    .identite(nom: "martin", prenom: nil, dateDeNaissance: Jour(iso: "2006-04-13")!)
                ).isEmpty)
            #expect(
                try await donnees.rechercher(
                    .identite(nom: "Martin", prenom: "Lea", dateDeNaissance: Jour(iso: "2006-04-12")!)
                ).count == 1)
            #expect(
                try await donnees.rechercher(
                    .identite(nom: "Martine", prenom: nil, dateDeNaissance: Jour(iso: "2006-04-12")!)
                ).isEmpty)

            let (exporte, n) = try await donnees.exporter(.cle(recent), par: .init(id: nil, email: "admin@tdb.test"))
            #expect(n == 1)
            let document = try AnalyseurJSON.analyser(Array(exporte.utf8))
            guard case .object(let racine) = document, case .array(let effectifs)? = racine["effectifs"],
                case .object(let premier)? = effectifs.first, case .array(let recus)? = premier["transmissions"]
            else {
                Issue.record("export inattendu : \(exporte.prefix(300))")
                return
            }
            #expect(recus.count == 2)  // the accepted item and the rejected one
            #expect(exporte.contains("\"MARTIN\"") && exporte.contains("pas-une-adresse"))

            let bilan = try await donnees.effacer(.cle(recent), par: .init(id: nil, email: "admin@tdb.test"))
            #expect(bilan.effectifs == 1 && bilan.transmissions == 2)
            #expect(try await store.effectif(cle: recent) == nil)
            #expect(try await store.effectif(cle: ancien) != nil)
            #expect(try await store.nombreTransmissions() == transmissions - 2)
            let journal = try await store.journal(limite: 10)
            let ligne = try #require(journal.first { $0.action == "apprenant_efface" })
            #expect(ligne.acteurEmail == "admin@tdb.test" && !ligne.detail.lowercased().contains("martin"))
            #expect(journal.contains { $0.action == "apprenant_export" })

            // Another instance's index follows the erasure.
            let effaces = try await store.effacements(apres: 0, limite: 10)
            #expect(effaces.count == 1 && effaces[0].empreinte == donnees.empreinte(recent))
            _ = try await index.rattraper(depuis: store)
            #expect(index.nombreEffectifs == 1)
            #expect(
                await index.compter(
                    RequeteIndicateurs(
                        perimetre: .national, filtres: FiltresIndicateurs(date: Jour(iso: "2024-12-01")!),
                        aujourdhui: Jour(iso: "2024-12-01")!)
                ).apprenants == 0)

            // Sent again: accepted, and noticed once.
            #expect(try await donnees.surveillerRetours() == 0)
            let plusTard = now.addingTimeInterval(3600)
            _ = try await contrat.lot([json(dossierValideExemple)], transmetteur: amiens.id, store: store, at: plusTard)
            let revenu = try #require(try await store.effectif(cle: recent))
            let suivante = DonneesApprenant(store: store, horloge: .fixed(plusTard), empreinte: Self.sha)
            #expect(try await suivante.surveillerRetours() == 1)
            #expect(try await suivante.surveillerRetours() == 0)
            #expect(try await store.effacementsRevenus(limite: 10).map(\.revenuLe) == [plusTard])
            #expect(try await store.journal(limite: 5).contains { $0.action == "apprenant_efface_retransmis" })
            // The erasure does not remove the learner sent again (a later row, even with the same id).
            _ = try await index.rattraper(depuis: store)
            index.retirer(effaces)
            #expect(index.nombreEffectifs == 2)
            #expect(revenu.effectif.apprenant.nom == "MARTIN")
        }
    }

    @Test(arguments: Backend.actifs) func theJournalIsSearchedAndPaged(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let dreets = try await store.creerOrganisation(
                NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "32"), now: now)
            let autre = try await store.creerOrganisation(
                NouvelleOrganisation(type: .dreets, nom: "DREETS 2", region: "84"), now: now)
            func creer(_ email: String, _ o: Organisation) async throws -> Utilisateur {
                try await store.creerUtilisateur(
                    NouvelUtilisateur(
                        email: email, nom: "N", prenom: "P", organisation: o.id, role: .membre,
                        statut: .actif, hashMotDePasse: "h"), now: now)
            }
            let anne = try await creer("anne@dreets.test", dreets)
            let paul = try await creer("paul@autre.test", autre)
            for k in 0..<30 {
                let u = k % 3 == 0 ? paul : anne
                try await store.journaliser(
                    EntreeJournal(
                        date: jour("2024-11-01").addingTimeInterval(Double(k) * 86_400 / 2),
                        acteur: u.id, acteurEmail: u.email,
                        action: k % 2 == 0 ? "role_change" : "acces_nominatif", detail: "n° \(k)"))
            }
            try await store.journaliser(
                EntreeJournal(date: now, acteur: nil, acteurEmail: nil, action: "purge", detail: "système"))

            let tout = try await store.journal(filtre: FiltreJournal(), page: 1, parPage: 10)
            #expect(tout.total == 31 && tout.entrees.count == 10 && tout.entrees.first?.action == "purge")
            let derniere = try await store.journal(filtre: FiltreJournal(), page: 4, parPage: 10)
            #expect(derniere.entrees.map(\.detail) == ["n° 0"])
            #expect(try await store.journal(filtre: FiltreJournal(), page: 100_000, parPage: 50).entrees.isEmpty)
            #expect(
                try await store.journal(filtre: FiltreJournal(action: "role_change"), page: 1, parPage: 50).total == 15)
            #expect(
                try await store.journal(filtre: FiltreJournal(utilisateur: "PAUL@"), page: 1, parPage: 50).total == 10)
            #expect(try await store.journal(filtre: FiltreJournal(utilisateur: "%"), page: 1, parPage: 50).total == 0)
            #expect(
                try await store.journal(filtre: FiltreJournal(organisation: dreets.id), page: 1, parPage: 50).total
                    == 20)
            // Days are whole days: 1 → 2 November holds the entries of the first 48 hours.
            let jours = FiltreJournal(du: Jour(iso: "2024-11-01")!, au: Jour(iso: "2024-11-02")!)
            #expect(try await store.journal(filtre: jours, page: 1, parPage: 50).total == 4)
            let tous = FiltreJournal(
                action: "acces_nominatif", utilisateur: "anne", organisation: dreets.id,
                du: Jour(iso: "2024-11-01")!, au: Jour(iso: "2024-11-30")!)
            let r = try await store.journal(filtre: tous, page: 1, parPage: 50)
            #expect(r.total == 10 && r.entrees.allSatisfy { $0.acteur == anne.id && $0.action == "acces_nominatif" })
            #expect(try await store.actionsJournal() == ["acces_nominatif", "purge", "role_change"])
        }
    }

    @Test func aBackupOpensAsAStoreWithTheSameCounts() async throws {
        let chemin = try await Backend.sqlite.nouvelleBase()
        let store = try SQLiteStore(path: chemin)
        let (amiens, _, _) = try await peupleAnciens(store)
        let o = try await store.creerOrganisation(
            NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "32"), now: now)
        _ = try await store.creerUtilisateur(
            NouvelUtilisateur(
                email: "anne@example.org", nom: "D", prenom: "A", organisation: o.id,
                role: .membre, statut: .actif, hashMotDePasse: "h"), now: now)
        try await store.journaliser(
            EntreeJournal(date: now, acteur: nil, acteurEmail: nil, action: "avant_sauvegarde", detail: ""))
        let copie = URL(fileURLWithPath: chemin).deletingLastPathComponent().appendingPathComponent("sauvegarde.sqlite")
            .path
        try store.sauvegarder(vers: copie)
        #expect(throws: ErreurSauvegarde.self) { try store.sauvegarder(vers: copie) }
        // Written after the backup: not in it.
        _ = try await contrat.lot([item(["id_erp_apprenant": .string("APRES")])], transmetteur: amiens.id, store: store)

        let restauree = try SQLiteStore(path: copie)
        #expect(try await restauree.nombreEffectifs() == 2)
        #expect(try await store.nombreEffectifs() == 3)
        #expect(try await restauree.nombreTransmissions() == 4)
        let organismes = try await store.tousLesOrganismes().count
        #expect(try await restauree.tousLesOrganismes().count == organismes)
        #expect(try await restauree.utilisateur(email: "anne@example.org") != nil)
        #expect(try await restauree.journal(limite: 10).map(\.action) == ["avant_sauvegarde"])
        let migrations = try store.migrationsAppliquees()
        #expect(try restauree.migrationsAppliquees() == migrations)
        #expect(migrations.contains("0007-donnees-retention") && migrations.count >= 7)
    }
}

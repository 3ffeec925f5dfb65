import Domain
import Foundation
import TestSupport
import Testing

/// Rate-limit counters, sign-in failures by pair, and the marker of learners overwritten by another organisme.
struct StoreContractLimitesTests {
    let now = Date(timeIntervalSince1970: 1_732_000_000)

    @Test(arguments: Backend.actifs) func countersIncrementByKindKeyAndWindow(_ backend: Backend) async throws {
        try await backend.avecStore { store async throws in
            let fin = now.addingTimeInterval(60)
            for attendu in 1...3 {
                #expect(
                    try await store.incrementer(
                        compteur: "inscription.adresse", cle: "10.0.0.1", fenetre: 7,
                        expireLe: fin, now: now) == attendu)
            }
            #expect(
                try await store.incrementer(
                    compteur: "inscription.adresse", cle: "10.0.0.2", fenetre: 7, expireLe: fin, now: now) == 1)
            #expect(
                try await store.incrementer(
                    compteur: "inscription.email", cle: "10.0.0.1", fenetre: 7, expireLe: fin, now: now) == 1)
            let plusTard = fin.addingTimeInterval(1)
            #expect(
                try await store.incrementer(
                    compteur: "inscription.adresse", cle: "10.0.0.1", fenetre: 8,
                    expireLe: fin.addingTimeInterval(60), now: plusTard) == 1)
            // Window 7 has ended and was dropped by the first request of window 8: counting it again starts over.
            #expect(
                try await store.incrementer(
                    compteur: "inscription.adresse", cle: "10.0.0.1", fenetre: 7, expireLe: fin,
                    now: plusTard) == 1)
        }
    }

    @Test(arguments: Backend.actifs) func concurrentIncrementsLoseNothing(_ backend: Backend) async throws {
        try await backend.avecStore { store async throws in
            let fin = now.addingTimeInterval(60)
            let valeurs = try await withThrowingTaskGroup(of: Int.self) { groupe in
                for _ in 0..<40 {
                    groupe.addTask {
                        try await store.incrementer(
                            compteur: "api_v3_dossiers.cle", cle: "1", fenetre: 1, expireLe: fin, now: now)
                    }
                }
                return try await groupe.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(valeurs.sorted() == Array(1...40))
        }
    }

    @Test(arguments: Backend.actifs) func signInFailuresAreCountedByPairAndByAddress(_ backend: Backend) async throws {
        try await backend.avecStore { store async throws in
            for k in 0..<3 {
                try await store.noterTentative(
                    ip: "10.0.0.9", email: "lea@cfa.test", reussie: false, now: now.addingTimeInterval(Double(k)))
            }
            try await store.noterTentative(
                ip: "10.0.0.9", email: "autre@cfa.test", reussie: false, now: now.addingTimeInterval(5))
            try await store.noterTentative(
                ip: "10.0.0.7", email: "lea@cfa.test", reussie: false, now: now.addingTimeInterval(6))
            let e = try await store.echecsConnexion(
                ip: "10.0.0.9", email: "LEA@cfa.test", depuisPaire: now.addingTimeInterval(-60),
                depuisAdresse: now.addingTimeInterval(-60))
            #expect(
                e
                    == EchecsConnexion(
                        paire: 3, dernierPaire: now.addingTimeInterval(2), adresse: 4,
                        dernierAdresse: now.addingTimeInterval(5)))
            let ailleurs = try await store.echecsConnexion(
                ip: "10.0.0.8", email: "lea@cfa.test", depuisPaire: now.addingTimeInterval(-60),
                depuisAdresse: now.addingTimeInterval(-60))
            #expect(ailleurs == EchecsConnexion())
            try await store.oublierEchecs(ip: "10.0.0.9", email: "lea@cfa.test")
            let apres = try await store.echecsConnexion(
                ip: "10.0.0.9", email: "lea@cfa.test", depuisPaire: now.addingTimeInterval(-60),
                depuisAdresse: now.addingTimeInterval(-60))
            #expect(apres.paire == 0 && apres.adresse == 1)
            // Another address's failures on the same account are untouched.
            let autre = try await store.echecsConnexion(
                ip: "10.0.0.7", email: "lea@cfa.test", depuisPaire: now.addingTimeInterval(-60),
                depuisAdresse: now.addingTimeInterval(-60))
            #expect(autre.paire == 1)
        }
    }

    @Test(arguments: Backend.actifs) func anOverwriteByAnotherOrganismeIsMarkedAndJournaled(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store async throws in
            let lu = ImportOrganismes.lire(FichierCSV(texte: OrganismesDeTest.csv))
            _ = try await store.importer(organismes: lu.organismes)
            let o = try await store.organismes(cles: [OrganismesDeTest.amiens, OrganismesDeTest.abbeville])
            let amiens = try #require(o[OrganismesDeTest.amiens])
            let abbeville = try #require(o[OrganismesDeTest.abbeville])
            _ = try await store.importer(relations: [(amiens.id, abbeville.id)])
            // Abbeville's own ERP sends its learner; then Amiens (its responsable) sends the same learner.
            var dossier = json(dossierValideExemple)
            if case .object(var objet) = dossier {
                objet["etablissement_formateur_uai"] = .string(OrganismesDeTest.abbeville.uai.rawValue)
                objet["etablissement_formateur_siret"] = .string(OrganismesDeTest.abbeville.siret.rawValue)
                dossier = .object(objet)
            }
            let ingestion = Ingestion(store: store, horloge: .fixed(now))
            let premier = try await ingestion.traiter([dossier], transmetteur: abbeville.id, cleApi: nil)
            #expect(premier.nombreRejetes == 0 && premier.enregistres.first?.ecrasementDe == nil)
            let meme = try await ingestion.traiter([dossier], transmetteur: abbeville.id, cleApi: nil)
            #expect(meme.enregistres.first?.ecrasementDe == nil)
            #expect(try await store.journal(limite: 10).filter { $0.action == "ecrasement_autre_source" }.isEmpty)
            let second = try await ingestion.traiter([dossier], transmetteur: amiens.id, cleApi: nil)
            #expect(second.nombreRejetes == 0)
            #expect(second.enregistres.first?.ecrasementDe == abbeville.id)
            let entrees = try await store.journal(limite: 10).filter { $0.action == "ecrasement_autre_source" }
            #expect(entrees.count == 1)
            #expect(entrees.first?.detail.contains("transmis par l'organisme \(amiens.id.rawValue)") == true)
            #expect(entrees.first?.detail.contains("organisme \(abbeville.id.rawValue) (1)") == true)
        }
    }
}

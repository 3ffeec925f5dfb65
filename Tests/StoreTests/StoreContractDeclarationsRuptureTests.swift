import Domain
import Foundation
import Outils
import TestSupport
import Testing

/// Issue 15 on every backend: a rupture the CFA declares before its ERP sends it makes a case at once; the
/// batches that follow keep it while the ERP's data still has the contract running, and hand over to the ERP's data
/// once it shows a rupture (the declaration stays in the history); a withdrawal follows the ERP again.
struct StoreContractDeclarationsRuptureTests {
    let contrat = StoreContractTests()
    let cas = StoreContractSuivisTests()
    var now: Date { cas.now }  // 2025-04-01

    func declaration(_ date: String, _ cause: String = "Démission") -> DeclarationRupture {
        DeclarationRupture(date: j(date), cause: cause)
    }

    @Test(arguments: Backend.actifs) func aDeclaredRuptureIsACaseUntilTheERPsDataTakesOver(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            _ = try await store.importer(missionsLocales: StoreContractSuivisTests.missionsLocales, now: now)
            let lot = try await contrat.lot([cas.jeune(rupture: nil)], transmetteur: amiens.id, store: store, at: now)
            let effectif = try #require(lot.enregistres.first?.effectifId)
            #expect(try await store.suivis(missionLocale: "ML-AMIENS").isEmpty)

            let r = try await store.declarer(
                declaration("2025-03-20"), effectif: effectif, auteur: "Cécile (cfa@example.org)",
                organisation: "CFA d'Amiens", now: now)
            guard case .declaree(let id) = r else {
                Issue.record("not declared: \(r)")
                return
            }
            let s = try #require(try await store.suivis(missionLocale: "ML-AMIENS").first)
            #expect(s.id == id)
            #expect(s.ligne.rupture == j("2025-03-20") && s.ligne.ruptureDeclaree == j("2025-03-20"))
            #expect(s.ligne.parcours.statut(a: j("2025-03-20")) == .rupturant)
            let historique = try await store.evenements(suivi: id)
            #expect(historique.map(\.genre) == [.declarationRupture])
            #expect(historique.first?.rupture == j("2025-03-20") && historique.first?.commentaire == "Démission")
            #expect(historique.first?.cote == .cfa)
            // The mission locale has news of the CFA.
            #expect(try await store.nonLus(.missionLocale, dans: .missionLocale("ML-AMIENS")) == [id])

            // The ERP sends the learner again, contract still running: the case stays as declared.
            _ = try await contrat.lot([cas.jeune(rupture: nil)], transmetteur: amiens.id, store: store, at: now)
            let encore = try #require(try await store.suivi(id: id))
            #expect(encore.ligne.ruptureDeclaree == j("2025-03-20") && encore.ligne.rupture == j("2025-03-20"))
            #expect(try await store.evenements(suivi: id).count == 1)

            // The ERP sends the rupture, two days earlier: its data rules, the history keeps both.
            _ = try await contrat.lot(
                [cas.jeune(rupture: "2025-03-18")], transmetteur: amiens.id, store: store, at: now)
            let rapproche = try #require(try await store.suivi(id: id))
            #expect(rapproche.ligne.ruptureDeclaree == nil && rapproche.ligne.rupture == j("2025-03-18"))
            let apres = try await store.evenements(suivi: id)
            #expect(apres.map(\.genre) == [.declarationRupture, .rapprochementERP])
            #expect(apres.last?.rupture == j("2025-03-18"))
            #expect(apres.last?.commentaire?.contains("18 mars 2025") == true)
            #expect(apres.last?.commentaire?.contains("20 mars 2025") == true)
            // A later batch changes nothing more.
            _ = try await contrat.lot(
                [cas.jeune(rupture: "2025-03-18")], transmetteur: amiens.id, store: store, at: now)
            #expect(try await store.evenements(suivi: id).count == 2)
            // Nothing left to withdraw.
            #expect(!(try await store.retirerDeclaration(effectif: effectif, auteur: "x", organisation: nil, now: now)))
        }
    }

    @Test(arguments: Backend.actifs) func refusedDeclarationsWriteNothing(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            _ = try await store.importer(missionsLocales: StoreContractSuivisTests.missionsLocales, now: now)
            let lot = try await contrat.lot(
                [
                    cas.jeune(id: "J-AGE", rupture: nil, naissance: "1990-01-01"),
                    cas.jeune(id: "J-LOIN", rupture: nil, commune: "75056"),
                    cas.jeune(id: "J-OK", rupture: nil),
                ], transmetteur: amiens.id, store: store, at: now)
            let ids = lot.enregistres.compactMap(\.effectifId)
            #expect(ids.count == 3)
            func declarer(_ k: Int, _ date: String) async throws -> ResultatDeclaration {
                try await store.declarer(declaration(date), effectif: ids[k], auteur: "x", organisation: nil, now: now)
            }
            #expect(try await declarer(0, "2025-03-20") == .horsChamp(.age))
            #expect(try await declarer(1, "2025-03-20") == .horsChamp(.horsTerritoire))
            // Before the contract started (2024-09-02).
            #expect(try await declarer(2, "2024-08-01") == .plusDeContrat)
            #expect(
                try await store.declarer(
                    declaration("2025-03-20"), effectif: EffectifID(987_654), auteur: "x", organisation: nil, now: now)
                    == .effectifInconnu)
            #expect(try await store.suivis(missionsLocales: nil).isEmpty)
        }
    }

    @Test(arguments: Backend.actifs) func aWithdrawalFollowsTheERPAgainAndKeepsAHandledCase(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            _ = try await store.importer(missionsLocales: StoreContractSuivisTests.missionsLocales, now: now)
            let lot = try await contrat.lot(
                [cas.jeune(id: "J-1", rupture: nil), cas.jeune(id: "J-2", rupture: nil)], transmetteur: amiens.id,
                store: store, at: now)
            let ids = lot.enregistres.compactMap(\.effectifId)
            for id in ids {
                _ = try await store.declarer(
                    declaration("2025-03-20"), effectif: id, auteur: "x", organisation: nil, now: now)
            }
            #expect(try await store.suivis(missionLocale: "ML-AMIENS").count == 2)
            // J-1: withdrawn before anyone acted: the case goes.
            #expect(try await store.retirerDeclaration(effectif: ids[0], auteur: "x", organisation: nil, now: now))
            #expect(try await store.suivis(effectifs: [ids[0]]).isEmpty)
            #expect(!(try await store.retirerDeclaration(effectif: ids[0], auteur: "x", organisation: nil, now: now)))
            // J-2: the mission locale recorded an outcome first: the case stays, with its whole history.
            let s = try #require(try await store.suivis(effectifs: [ids[1]]).first)
            _ = try await store.ajouter(cas.resultat(.nonJoint(.injoignable)), a: s.id, versionLue: s.version)
            #expect(try await store.retirerDeclaration(effectif: ids[1], auteur: "x", organisation: nil, now: now))
            let reste = try #require(try await store.suivi(id: s.id))
            #expect(reste.ligne.ruptureDeclaree == nil && reste.prisEnCharge)
            #expect(
                try await store.evenements(suivi: s.id).map(\.genre)
                    == [.declarationRupture, .resultat, .declarationRetiree])
            // Declaring again on the same case: its row follows the new date.
            #expect(
                try await store.declarer(
                    declaration("2025-03-25"), effectif: ids[1], auteur: "x", organisation: nil, now: now)
                    == .declaree(s.id))
            #expect(try await store.suivi(id: s.id)?.ligne.ruptureDeclaree == j("2025-03-25"))
        }
    }
}

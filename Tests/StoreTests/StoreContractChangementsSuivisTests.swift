import Domain
import Foundation
import Outils
import TestSupport
import Testing

/// The change feed of the cases (`changementsSuivis`) on every backend: every path that writes or deletes a case
/// (batch, history, correction by the ERP, erasure) gives it a new number; an unchanged row is not rewritten; an
/// instance that follows the feed, page by page, holds the same cases as one that reads everything at once.
struct StoreContractChangementsSuivisTests {
    let contrat = StoreContractTests()
    let cas = StoreContractSuivisTests()
    var now: Date { cas.now }

    /// Reads the feed after `seq`, `limite` at a time, into `catalogue`; returns how many pages it took.
    @discardableResult
    func suivre(_ catalogue: inout CatalogueSuivis, _ store: any Store, limite: Int = 1_000) async throws -> Int {
        var pages = 0
        while true {
            let c = try await store.changementsSuivis(apres: catalogue.seq, limite: limite)
            catalogue.appliquer(c)
            pages += 1
            if c.complet { return pages }
        }
    }

    func liste(_ c: inout CatalogueSuivis) -> [String] {
        c.cas(missionLocale: "ML-AMIENS", regles: ReglesSuivi(), aujourdhui: Jour(iso: "2025-04-01")!)
            .map(\.suivi.ligne.idEtPrenom)
    }

    @Test(arguments: Backend.actifs) func everyWriteAndDeletionOfACaseIsInTheFeedOnce(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            _ = try await store.importer(missionsLocales: StoreContractSuivisTests.missionsLocales, now: now)
            var suiveur = CatalogueSuivis()
            try await suivre(&suiveur, store)
            #expect(suiveur.nombre == 0)

            _ = try await contrat.lot(
                [cas.jeune(), cas.jeune(id: "J-2"), cas.jeune(id: "J-3")], transmetteur: amiens.id, store: store,
                at: now)
            let apresLot = try await store.changementsSuivis(apres: suiveur.seq, limite: 100)
            #expect(apresLot.ecrits.count == 3 && apresLot.retires.isEmpty && apresLot.complet)
            #expect(apresLot.ecrits.map(\.seq) == apresLot.ecrits.map(\.seq).sorted())
            suiveur.appliquer(apresLot)
            #expect(liste(&suiveur).count == 3)

            // The same batch again: nothing changed, nothing rewritten, nothing in the feed.
            _ = try await contrat.lot(
                [cas.jeune(), cas.jeune(id: "J-2"), cas.jeune(id: "J-3")], transmetteur: amiens.id, store: store,
                at: now)
            let rien = try await store.changementsSuivis(apres: suiveur.seq, limite: 100)
            #expect(rien.ecrits.isEmpty && rien.retires.isEmpty && rien.jusqua == suiveur.seq)

            // An outcome: the case comes back with it.
            let premier = apresLot.ecrits[0].suivi
            _ = try await store.ajouter(cas.resultat(.joint(.rendezVousPris)), a: premier.id, versionLue: 0)
            let resultat = try await store.changementsSuivis(apres: suiveur.seq, limite: 100)
            #expect(resultat.ecrits.map(\.suivi.id) == [premier.id])
            #expect(resultat.ecrits.first?.suivi.dernierResultat == .joint(.rendezVousPris))
            suiveur.appliquer(resultat)

            // The ERP corrects J-2 (no rupture, no history: the case goes), then J-3 is erased.
            _ = try await contrat.lot(
                [cas.jeune(id: "J-2", rupture: nil)], transmetteur: amiens.id, store: store, at: now)
            let j3 = try #require(try await store.suivis(missionLocale: "ML-AMIENS").first { $0.id != premier.id })
            let effectif = try #require(try await store.effectif(id: j3.ligne.effectif))
            _ = try await store.effacer(effectif, empreinte: "test", now: now)
            let retraits = try await store.changementsSuivis(apres: suiveur.seq, limite: 100)
            #expect(retraits.ecrits.isEmpty && retraits.retires.count == 2)
            #expect(retraits.retires.contains { $0.id == j3.id })
            suiveur.appliquer(retraits)
            #expect(suiveur.nombre == 1 && liste(&suiveur).count == 1)

            // Page by page (one case a page) or all at once: the same cases.
            var parPages = CatalogueSuivis()
            _ = try await contrat.lot(
                (4...9).map { cas.jeune(id: "J-\($0)") }, transmetteur: amiens.id, store: store, at: now)
            #expect(try await suivre(&parPages, store, limite: 1) >= 7)
            var dUnCoup = CatalogueSuivis()
            try await suivre(&dUnCoup, store)
            try await suivre(&suiveur, store)
            #expect(parPages.nombre == 7 && dUnCoup.nombre == 7 && suiveur.nombre == 7)
            #expect(liste(&parPages) == liste(&dUnCoup) && liste(&suiveur) == liste(&dUnCoup))
            #expect(parPages.seq == dUnCoup.seq && suiveur.seq == dUnCoup.seq)
        }
    }
}

extension LigneSuivi {
    fileprivate var idEtPrenom: String { "\(effectif.rawValue) \(prenom)" }
}

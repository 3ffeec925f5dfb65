import Domain
import Foundation
import TestSupport
import Testing

/// Issue 16 on every backend: the trades of the formations, the CFAs' public settings, the anonymous count of the
/// companies' searches.
struct StoreContractRechercheEntreprisesTests {
    let contrat = StoreContractTests()
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test(arguments: Backend.actifs) func formationsKeepTheirRomeCodesAndAnUpdateReplacesThem(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { (store: any Store) async throws in
            let codes = ["F1703", "F1707"].compactMap(CodeROME.init)
            let macon = FormationCatalogue(
                cfd: CFD("50023215"), rncp: nil, libelle: "CAP Maçon", niveau: 3, codesRome: codes)
            let sans = FormationCatalogue(cfd: nil, rncp: RNCP("RNCP34001"), libelle: "BTS X", niveau: 5)
            #expect(try await store.importer(formations: [macon, sans]) == BilanImport(crees: 2, misAJour: 0))
            #expect(try await store.formations() == [macon, sans])
            var change = macon
            change.codesRome = [CodeROME("F1703")].compactMap { $0 }
            #expect(try await store.importer(formations: [change]) == BilanImport(crees: 0, misAJour: 1))
            #expect(try await store.formations().first?.codesRome.map(\.rawValue) == ["F1703"])
        }
    }

    @Test(arguments: Backend.actifs) func publicSettingsDefaultToVisibleWithoutContactAndAreReplaced(
        _ backend: Backend
    ) async throws {
        try await backend.avecStore { (store: any Store) async throws in
            let (amiens, abbeville, _) = try await contrat.peuple(store)
            #expect(try await store.contactPublic(organisme: amiens.id) == ContactPublic())
            #expect(try await store.contactsPublics().isEmpty)
            let c = ContactPublic(visible: true, courriel: "cfa@exemple.fr", telephone: "0612345678")
            try await store.enregistrer(contactPublic: c, organisme: amiens.id, now: now)
            try await store.enregistrer(contactPublic: ContactPublic(visible: false), organisme: abbeville.id, now: now)
            #expect(try await store.contactPublic(organisme: amiens.id) == c)
            let parti = ContactPublic(visible: false, courriel: nil, telephone: "0612345678")
            try await store.enregistrer(contactPublic: parti, organisme: amiens.id, now: now.addingTimeInterval(60))
            #expect(
                try await store.contactsPublics() == [amiens.id: parti, abbeville.id: ContactPublic(visible: false)])
        }
    }

    @Test(arguments: Backend.actifs) func searchesAreCountedByMonthTradeAndTerritory(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { (store: any Store) async throws in
            let macon = try #require(CodeROME("F1703"))
            let boulanger = try #require(CodeROME("D1102"))
            let lyon = RechercheComptee(
                mois: "2026-11", codeRome: macon, typeTerritoire: "departement", codeTerritoire: "69")
            try await store.compterRecherche(lyon)
            try await store.compterRecherche(lyon)
            try await store.compterRecherche(
                RechercheComptee(
                    mois: "2026-11", codeRome: boulanger, typeTerritoire: "zone_emploi", codeTerritoire: "8213"))
            try await store.compterRecherche(
                RechercheComptee(mois: "2026-10", codeRome: macon, typeTerritoire: "france", codeTerritoire: ""))
            let tout = try await store.recherchesEntreprises(depuis: "2026-01")
            #expect(tout.map(\.nombre) == [1, 1, 2])
            #expect(tout.map(\.recherche.mois) == ["2026-10", "2026-11", "2026-11"])
            #expect(tout.last?.recherche == lyon)
            let novembre = try await store.recherchesEntreprises(depuis: "2026-11")
            #expect(novembre.count == 2 && novembre.allSatisfy { $0.recherche.mois == "2026-11" })
        }
    }
}

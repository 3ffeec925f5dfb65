import Domain
import Foundation
import TestSupport
import Testing

/// The companies' figures for the people who steer (F18): the twelve months up to today, searches counted only in
/// the caller's perimeter and months without anything shown as zeros, the trades and places searched most.
struct StatistiquesEntreprisesTests {
    func compte(_ mois: String, _ rome: String, _ type: String, _ code: String, _ n: Int) throws -> CompteRecherches {
        CompteRecherches(
            recherche: RechercheComptee(
                mois: mois, codeRome: try #require(CodeROME(rome)), typeTerritoire: type, codeTerritoire: code),
            nombre: n)
    }

    @Test func theMonthsAreTheTwelveUpToTodayAcrossTheNewYear() {
        let m = StatistiquesEntreprises.moisJusqua(j("2026-02-28"))
        #expect(m.count == 12 && m.first == "2025-03" && m.last == "2026-02")
        #expect(StatistiquesEntreprises.moisJusqua(j("2026-12-01"), nombre: 2) == ["2026-11", "2026-12"])
    }

    @Test func searchesAndRequestsAreCountedByMonthInThePerimeterOnly() throws {
        let recherches = [
            try compte("2026-11", "F1703", "departement", "69", 4),
            try compte("2026-11", "F1703", "departement", "80", 2),
            try compte("2026-10", "D1102", "departement", "69", 1),
            try compte("2026-10", "F1703", "zone_emploi", "8405", 3),
            // Before the period: not counted.
            try compte("2025-10", "F1703", "departement", "69", 50),
        ]
        let demandes = [
            StatistiqueMoisDemandes(
                mois: "2026-11", envoyees: 3, repondues: 2, pourvues: 1,
                delaiMedianPremiereReponse: 7_200),
            StatistiqueMoisDemandes(mois: "2025-01", envoyees: 9),
        ]
        let s = StatistiquesEntreprises.calculer(
            mois: StatistiquesEntreprises.moisJusqua(j("2026-11-30")), recherches: recherches,
            retenue: { $0.codeTerritoire != "80" }, demandes: demandes,
            libelleMetier: { $0.rawValue == "F1703" ? "Maçon / Maçonne" : nil },
            libelleTerritoire: { "\($0.typeTerritoire) \($0.codeTerritoire)" })
        #expect(s.mois.count == 12 && s.mois.first?.mois == "2026-11" && s.mois.last?.mois == "2025-12")
        #expect(s.mois[0].recherches == 4 && s.mois[0].envoyees == 3 && s.mois[0].repondues == 2)
        #expect(s.mois[0].pourvues == 1 && s.mois[0].delaiMedianPremiereReponse == 7_200)
        #expect(s.mois[1].recherches == 4 && s.mois[1].envoyees == 0 && s.mois[1].delaiMedianPremiereReponse == nil)
        #expect(s.mois.dropFirst(2).allSatisfy { $0.recherches == 0 && $0.envoyees == 0 })
        #expect((s.recherches, s.envoyees, s.repondues, s.pourvues) == (8, 3, 2, 1))
        // The trades searched most, with their names (the code when the tree does not know it), then the places.
        #expect(s.metiers.map(\.libelle) == ["Maçon / Maçonne", "D1102"])
        #expect(s.metiers.map(\.nombre) == [7, 1])
        #expect(s.territoires.map(\.code) == ["departement-69", "zone_emploi-8405"])
        #expect(s.territoires.map(\.nombre) == [5, 3])
    }

    @Test func onlyTheTenFirstTradesAreListed() throws {
        let recherches = try (0..<15).map {
            try compte("2026-11", String(format: "A%04d", 1_000 + $0), "france", "", $0 + 1)
        }
        let s = StatistiquesEntreprises.calculer(
            mois: ["2026-11"], recherches: recherches, retenue: { _ in true }, demandes: [],
            libelleMetier: { _ in nil }, libelleTerritoire: { _ in "France entière" })
        #expect(s.metiers.count == StatistiquesEntreprises.premiers)
        #expect(s.metiers.first?.nombre == 15 && s.metiers.last?.nombre == 6)
        #expect(s.territoires.map(\.nombre) == [120])
    }
}

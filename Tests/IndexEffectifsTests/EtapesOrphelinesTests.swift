import Domain
import Foundation
import IndexEffectifs
import TestSupport
import Testing

/// Learners sent again and again: their timelines change length, steps left behind are given back, memory stays
/// flat, and every answer stays the one a fresh index gives.
struct EtapesOrphelinesTests {
    static let organismes = [
        IndexIndicateursTests.org(1, dep: "59", reg: "32"), IndexIndicateursTests.org(2, dep: "80", reg: "32"),
        IndexIndicateursTests.org(3, dep: "69", reg: "84"),
    ]

    /// Learner `k` sent at round `tour`: one to four contracts, so its timeline grows and shrinks from round to round.
    static func effectif(_ k: Int, tour: Int, version: Int64) -> EffectifIndexable {
        let debut = j("2024-09-02").adding(days: k % 60)
        let contrats = (0..<(1 + (k + tour) % 4)).map { c in
            let d = debut.adding(days: 30 + 90 * c)
            return EntreeParcours.Contrat(debut: d, fin: d.adding(days: 60), rupture: nil)
        }
        return EffectifIndexable(
            id: EffectifID(Int64(k + 1)), organisme: OrganismeID(Int64(1 + k % 3)),
            anneeScolaire: AnneeScolaire("2024-2025")!, dateDeNaissance: j("2005-01-01").adding(days: k % 2000),
            anneeFormation: k % 3, cfd: nil, rncp: nil,
            parcours: ConstructeurParcours.construire(
                EntreeParcours(debutSession: debut, finSession: debut.adding(days: 600), contrats: contrats)),
            version: version)
    }

    @Test func resendingTheSameLearnersKeepsTheStepsBoundedAndTheAnswersRight() async {
        let n = 3_000
        let seuil = 500
        let index = IndexIndicateurs(seuilEtapesOrphelines: seuil)
        index.charger(organismes: Self.organismes, catalogue: Catalogue([]))
        var version: Int64 = 0
        var premier = 0
        for tour in 0..<20 {
            index.appliquer(
                (0..<n).map { k in
                    version += 1
                    return Self.effectif(k, tour: tour, version: version)
                })
            let vivantes = (0..<n).reduce(0) { $0 + Self.effectif($1, tour: tour, version: 0).parcours.etapes.count }
            let etapes = index.etapes
            #expect(etapes.stockees - etapes.orphelines == vivantes, "tour \(tour)")
            #expect(etapes.orphelines <= max(seuil, etapes.stockees / 4), "tour \(tour)")
            if tour == 0 { premier = etapes.stockees }
            #expect(
                etapes.stockees <= premier * 3 / 2, "tour \(tour) : \(etapes.stockees) étapes pour \(premier) au départ"
            )
        }
        // The same answers as an index that saw only the last round.
        let frais = IndexIndicateurs()
        frais.charger(organismes: Self.organismes, catalogue: Catalogue([]))
        frais.appliquer((0..<n).map { Self.effectif($0, tour: 19, version: Int64($0 + 1)) })
        for jour in stride(from: 0, to: 700, by: 29).map({ j("2024-09-01").adding(days: $0) }) {
            let r = RequeteIndicateurs(
                perimetre: .national, filtres: FiltresIndicateurs(date: jour), aujourdhui: j("2026-01-01"))
            #expect(await index.compter(r) == frais.compter(r), "au \(jour)")
            #expect(await index.compter(r, par: .departement) == frais.compter(r, par: .departement), "au \(jour)")
            let liste = await index.effectifs(r, codes: nil).map(\.statut)
            let attendue = await frais.effectifs(r, codes: nil).map(\.statut)
            #expect(liste == attendue, "au \(jour)")
        }
    }
}

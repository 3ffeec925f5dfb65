import Domain
import Foundation
import IndexEffectifs
import TestSupport
import Testing

/// Issue 16: the learners without an employer (INSCRIT_SANS_CONTRAT) by organisme and formation, for the formations
/// preparing for a trade, kept up to date by every batch.
struct SansContratTests {
    static let macon = CodeROME("F1703")!
    static let cfdMacon = "50023215"
    static let cfdBoulanger = "50022141"

    static func eff(
        _ id: Int64, _ org: Int64, cfd: String, _ session: (String, String), _ contrats: [EntreeParcours.Contrat] = [],
        version: Int64 = 0
    ) -> EffectifIndexable {
        EffectifIndexable(
            id: EffectifID(id), organisme: OrganismeID(org), anneeScolaire: AnneeScolaire("2024-2025")!,
            dateDeNaissance: j("2006-01-01"), anneeFormation: 1, cfd: cfd, rncp: nil,
            parcours: parcours(session, contrats), version: version)
    }

    static func index() -> IndexIndicateurs {
        let index = IndexIndicateurs()
        index.charger(
            organismes: IndexIndicateursTests.organismes,
            catalogue: Catalogue([
                FormationCatalogue(cfd: CFD(cfdMacon), rncp: nil, libelle: "CAP Maçon", niveau: 3, codesRome: [macon]),
                FormationCatalogue(
                    cfd: CFD(cfdBoulanger), rncp: nil, libelle: "CAP Boulanger", niveau: 3,
                    codesRome: [CodeROME("D1102")!]),
            ]))
        index.appliquer([
            eff(1, 1, cfd: cfdMacon, ("2024-12-01", "2026-06-30")),  // inscrit sans contrat at D
            eff(2, 1, cfd: cfdMacon, ("2024-09-02", "2026-06-30"), [contrat("2024-09-02")]),  // apprenti
            eff(3, 1, cfd: cfdMacon, ("2024-12-10", "2026-06-30")),  // inscrit sans contrat
            eff(4, 2, cfd: cfdMacon, ("2024-12-01", "2026-06-30")),  // inscrit sans contrat
            eff(5, 1, cfd: cfdBoulanger, ("2024-12-01", "2026-06-30")),  // another trade
            eff(6, 3, cfd: cfdMacon, ("2024-12-01", "2026-06-30")),  // organisme not reliable
            eff(7, 4, cfd: cfdMacon, ("2024-12-01", "2026-06-30")),  // organisme closed
            eff(8, 1, cfd: cfdMacon, ("2024-09-02", "2026-06-30")),  // abandon after 90 days without a contract
        ])
        return index
    }

    static let D = j("2025-01-15")

    @Test func countsByOrganismeAndFormationForTheTrade() async {
        let index = Self.index()
        let r = await index.effectifsParOrganismeEtFormation(au: Self.D) { $0.codesRome.contains(Self.macon) }
        #expect(
            r == [
                EffectifsFormation(
                    organisme: OrganismeID(1), cfd: Self.cfdMacon, rncp: nil, apprenants: 3, sansContrat: 2),
                EffectifsFormation(
                    organisme: OrganismeID(2), cfd: Self.cfdMacon, rncp: nil, apprenants: 1, sansContrat: 1),
            ])
        // Before the learners arrived, nothing; another trade counts its own formation only.
        #expect(await index.effectifsParOrganismeEtFormation(au: j("2024-08-01")) { _ in true }.isEmpty)
        let boulangers = await index.effectifsMetier(CodeROME("D1102")!, au: Self.D)
        #expect(boulangers.effectifs.map(\.cfd) == [Self.cfdBoulanger])
        #expect(boulangers.organismes.keys.map(\.rawValue) == [1])
    }

    @Test func everyBatchMovesTheCounts() async {
        let index = Self.index()
        // Learner 1 signs a contract, a new one enrols at organisme 2, learner 4 leaves for another trade.
        index.appliquer([
            Self.eff(1, 1, cfd: Self.cfdMacon, ("2024-12-01", "2026-06-30"), [contrat("2025-01-10")], version: 1),
            Self.eff(20, 2, cfd: Self.cfdMacon, ("2025-01-06", "2026-06-30"), version: 2),
            Self.eff(4, 2, cfd: Self.cfdBoulanger, ("2024-12-01", "2026-06-30"), version: 3),
        ])
        let r = await index.effectifsMetier(Self.macon, au: Self.D)
        #expect(
            r.effectifs.map { [$0.organisme.rawValue, Int64($0.apprenants), Int64($0.sansContrat)] } == [
                [1, 3, 1], [2, 1, 1],
            ])
        #expect(Set(r.organismes.keys.map(\.rawValue)) == [1, 2])
        #expect(r.catalogue.formation(cfd: Self.cfdMacon, rncp: nil)?.libelle == "CAP Maçon")
    }
}

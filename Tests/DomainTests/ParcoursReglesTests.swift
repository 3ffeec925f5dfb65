import Domain
import TestSupport
import Testing

/// The decision table and the edge cases of domain.md §5.3 and §5.7, on inputs other than the worked examples.
struct ParcoursReglesTests {
    @Test func ninetyDaysWithoutContractThenAbandon() {
        let p = parcours(("2025-03-03", "2026-02-27"))
        #expect(p.statut(a: j("2025-03-03").adding(days: 89)) == .inscrit)
        #expect(p.statut(a: j("2025-03-03").adding(days: 90)) == .abandon)
    }

    @Test func hundredEightyDaysAfterRuptureThenAbandon() {
        let p = parcours(("2025-01-06", "2027-01-29"), [contrat("2025-01-06", "2027-01-29", rupture: "2025-05-20")])
        #expect(p.statut(a: j("2025-05-19")) == .apprenti)
        #expect(p.statut(a: j("2025-05-20")) == .rupturant)
        #expect(p.statut(a: j("2025-05-20").adding(days: 179)) == .rupturant)
        #expect(p.statut(a: j("2025-05-20").adding(days: 180)) == .abandon)
    }

    @Test func exclusionOverridesAContract() {
        let p = parcours(("2025-01-06", "2025-12-19"), [contrat("2025-01-06", "2025-12-19")], exclusion: "2025-06-10")
        #expect(p.etapes == etapes("2025-01-06 APPRENTI, 2025-06-10 ABANDON"))
    }

    @Test func abandonIsNotPermanentAfterRupture() {
        let p = parcours(
            ("2023-09-04", "2026-06-30"),
            [contrat("2023-09-04", "2026-06-30", rupture: "2024-01-08"), contrat("2024-09-02", "2026-06-30")])
        #expect(
            p.etapes
                == etapes(
                    "2023-09-04 APPRENTI, 2024-01-08 RUPTURANT, 2024-07-06 ABANDON, 2024-09-02 APPRENTI, 2026-06-30 FIN_DE_FORMATION"
                ))
    }

    @Test func aRupturedTerminalContractPreventsTheEndOfFormation() {
        // §5.7 #5: a contract ruptured on its first day gives no APPRENTI day but ends later, so it is terminal.
        let sans = parcours(("2024-09-02", "2025-05-15"), [contrat("2024-09-02", "2025-03-31")])
        #expect(sans.etapes == etapes("2024-09-02 APPRENTI, 2025-04-01 FIN_DE_FORMATION"))
        let avec = parcours(
            ("2024-09-02", "2025-05-15"),
            [contrat("2024-09-02", "2025-03-31"), contrat("2025-05-01", "2025-08-31", rupture: "2025-05-01")])
        #expect(avec.etapes == etapes("2024-09-02 APPRENTI, 2025-04-01 RUPTURANT"))
    }

    @Test func twoContractsStartingTheSameDayOnlyTheLastCounts() {
        let p = parcours(
            ("2024-09-02", "2025-06-30"),
            [contrat("2024-09-02", "2025-06-30"), contrat("2024-09-02", "2025-06-30", rupture: "2024-11-01")])
        #expect(p.etapes == etapes("2024-09-02 APPRENTI, 2024-11-01 RUPTURANT, 2025-04-30 ABANDON"))
    }

    @Test func overlappingContractsAreUnited() {
        let p = parcours(
            ("2024-09-02", "2025-06-30"),
            [contrat("2024-09-02", "2024-12-31", rupture: "2024-12-01"), contrat("2024-11-01", "2025-06-30")])
        #expect(p.etapes == etapes("2024-09-02 APPRENTI, 2025-06-30 FIN_DE_FORMATION"))
    }

    @Test func exclusionOnOrBeforeTheFirstDayMakesEverythingAbandon() {
        #expect(parcours(("2024-09-02", "2025-06-30"), exclusion: "2024-08-01").etapes == etapes("2024-09-02 ABANDON"))
        #expect(parcours(("2024-09-02", "2025-06-30"), exclusion: "2024-09-02").etapes == etapes("2024-09-02 ABANDON"))
    }

    @Test func exclusionAfterTheSessionDisablesTheNaturalEnd() {
        let p = parcours(("2024-09-02", "2025-06-30"), [contrat("2024-09-02", "2025-05-31")], exclusion: "2025-08-01")
        #expect(p.etapes == etapes("2024-09-02 APPRENTI, 2025-06-01 RUPTURANT"))
        let apprenti = parcours(
            ("2024-09-02", "2025-06-30"), [contrat("2024-09-02", "2025-06-30")], exclusion: "2025-08-01")
        #expect(apprenti.etapes == etapes("2024-09-02 APPRENTI, 2025-06-30 FIN_DE_FORMATION"))
    }

    @Test func contractWithoutStartBeginsIn1970() {
        let p = parcours(("2024-09-02", "2025-06-30"), [contrat(nil, "2025-06-30")])
        #expect(p.etapes == etapes("1970-01-01 APPRENTI, 2025-06-30 FIN_DE_FORMATION"))
    }

    @Test func sessionEndingBeforeItStartsHasNoTimeline() {
        let p = parcours(("2025-06-30", "2024-09-02"))
        #expect(p.etapes.isEmpty)
        #expect(p.statut(a: j("2025-01-01")) == nil)
    }

    @Test func naturalEndWithALongGapStillEndsOnFinDeFormation() {
        // Gap of 61 days: no tolerance, but the last day is FIN_DE_FORMATION because the contract ended naturally.
        let p = parcours(("2024-09-02", "2025-07-31"), [contrat("2024-09-02", "2025-05-31")])
        #expect(p.etapes == etapes("2024-09-02 APPRENTI, 2025-06-01 RUPTURANT, 2025-07-31 FIN_DE_FORMATION"))
        let sixty = parcours(("2024-09-02", "2025-07-30"), [contrat("2024-09-02", "2025-05-31")])
        #expect(sixty.etapes == etapes("2024-09-02 APPRENTI, 2025-06-01 FIN_DE_FORMATION"))
    }

    @Test func lastDayAbandonWithoutContractStaysAbandon() {
        let p = parcours(("2024-01-08", "2024-12-20"))
        #expect(p.etapes.last?.valeur == .abandon)
    }
}

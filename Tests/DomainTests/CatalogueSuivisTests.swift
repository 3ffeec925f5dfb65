import Domain
import Foundation
import TestSupport
import Testing

/// The in-memory copy of the cases each instance follows: whatever order changes come in, it holds the last state
/// of each case, and its lists and statistics are those computed from scratch on the same cases, at any day.
struct CatalogueSuivisTests {
    typealias S = StatistiquesSuivisTests
    let regles = ReglesSuivi()

    func changements(_ ecrits: [(Int64, SuiviStocke)], retires: [(Int64, Int64)] = [], jusqua: Int64)
        -> ChangementsSuivis
    {
        ChangementsSuivis(
            ecrits: ecrits.map { (seq: $0.0, suivi: $0.1) }, retires: retires.map { (seq: $0.0, id: SuiviID($0.1)) },
            jusqua: jusqua, complet: true)
    }

    @Test func anOlderWriteOrDeletionNeverReplacesANewerState() {
        let avant = S.cas(1, "A", "2024-09-01 APPRENTI, 2025-06-10 RUPTURANT")
        var apres = avant
        apres.ligne.missionLocale = "B"
        var c = CatalogueSuivis()
        c.appliquer(changements([(5, apres)], jusqua: 5))
        // Read late: the state numbered 3 and a deletion numbered 4 are older than what is held.
        c.appliquer(changements([(3, avant)], retires: [(4, 1)], jusqua: 5))
        #expect(c.cas(missionLocale: "A", regles: regles, aujourdhui: S.aujourdhui).isEmpty)
        #expect(c.cas(missionLocale: "B", regles: regles, aujourdhui: S.aujourdhui).map(\.suivi.id) == [SuiviID(1)])
        // A newer deletion removes it; a write after it (the id given again) brings it back.
        c.appliquer(changements([], retires: [(6, 1)], jusqua: 6))
        #expect(c.nombre == 0 && c.seq == 6)
        c.appliquer(changements([(7, avant)], retires: [(6, 1)], jusqua: 7))
        #expect(c.cas(missionLocale: "A", regles: regles, aujourdhui: S.aujourdhui).count == 1)
    }

    @Test func aListKeptInMemoryFollowsTheDayAndTheCasesOfItsMissionLocale() {
        var c = CatalogueSuivis()
        // Back in contract from 20 June: in the list on the 19th, out on the 20th, without any new write.
        c.appliquer(
            changements(
                [(1, S.cas(1, "A", "2024-09-01 APPRENTI, 2025-06-01 RUPTURANT, 2025-06-20 APPRENTI"))], jusqua: 1))
        #expect(c.cas(missionLocale: "A", regles: regles, aujourdhui: j("2025-06-19")).count == 1)
        #expect(c.cas(missionLocale: "A", regles: regles, aujourdhui: j("2025-06-20")).isEmpty)
        // A write in A is seen by A's list at once; B's list is untouched.
        c.appliquer(changements([(2, S.cas(2, "A", "2024-09-01 APPRENTI, 2025-06-10 RUPTURANT"))], jusqua: 2))
        #expect(c.cas(missionLocale: "A", regles: regles, aujourdhui: j("2025-06-20")).map(\.suivi.id) == [SuiviID(2)])
        #expect(c.cas(missionLocale: "B", regles: regles, aujourdhui: j("2025-06-20")).isEmpty)
    }

    /// Generated cases, written and rewritten in random order: the lists and the statistics of the catalogue are
    /// those computed from the final cases from scratch, for every mission locale, period and several days.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64]) func itAgreesWithTheListsAndStatisticsComputedFromScratch(
        graine: UInt64
    ) {
        var g = GenerateurSuivis(graine: graine)
        var etat: [Int64: SuiviStocke] = [:]
        var c = CatalogueSuivis()
        var seq: Int64 = 0
        for _ in 0..<60 {
            var ecrits: [(Int64, SuiviStocke)] = []
            var retires: [(Int64, Int64)] = []
            for _ in 0..<g.entier(1...12) {
                seq += 1
                let id = Int64(g.entier(1...150))
                if g.entier(0...9) == 0 {
                    etat[id] = nil
                    retires.append((seq, id))
                } else {
                    let s = g.suivi(id)
                    etat[id] = s
                    ecrits.append((seq, s))
                }
            }
            // Changes may be read in any order within a read.
            c.appliquer(changements(ecrits.shuffled(using: &g), retires: retires.shuffled(using: &g), jusqua: seq))
            if g.entier(0...3) == 0 { _ = c.cas(missionLocale: "A", regles: regles, aujourdhui: S.aujourdhui) }
        }
        let tous = Array(etat.values)
        #expect(c.nombre == tous.count)
        for jour in [j("2025-03-01"), S.aujourdhui, j("2025-09-30")] {
            for ml in ["A", "B", "C", "D"] {
                let attendus = ListeSuivis.cas(
                    tous.filter { $0.ligne.missionLocale == ml }, regles: regles, aujourdhui: jour)
                #expect(c.cas(missionLocale: ml, regles: regles, aujourdhui: jour) == attendus)
            }
            for periode in PeriodeStatistiques.allCases {
                for retenues in [S.referentiel, Array(S.referentiel.prefix(2))] {
                    #expect(
                        c.statistiques(missionsLocales: retenues, regles: regles, aujourdhui: jour, periode: periode)
                            == StatistiquesSuivis.calculer(
                                suivis: tous, missionsLocales: retenues, regles: regles, aujourdhui: jour,
                                periode: periode))
                }
            }
        }
    }
}

/// Random cases of missions locales A–D (and none), with random timelines, ages, outcomes and names.
struct GenerateurSuivis: RandomNumberGenerator {
    var etat: UInt64
    init(graine: UInt64) { etat = graine &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> UInt64 {
        etat ^= etat << 13
        etat ^= etat >> 7
        etat ^= etat << 17
        return etat
    }

    mutating func entier(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }

    mutating func jour(_ debut: String, jours: Int) -> Jour { j(debut).adding(days: entier(0...jours)) }

    mutating func suivi(_ id: Int64) -> SuiviStocke {
        let debut = jour("2024-06-01", jours: 90)
        let rupture = jour("2024-11-01", jours: 300)
        var timeline = "\(debut) APPRENTI, \(rupture) RUPTURANT"
        if entier(0...2) == 0 { timeline += ", \(rupture.adding(days: entier(1...120))) APPRENTI" }
        let resultats: [ResultatContact?] = [
            nil, nil, .joint(.rendezVousPris), .nonJoint(.injoignable), .joint(.nouveauContrat),
        ]
        let resultat = resultats[entier(0...(resultats.count - 1))]
        let premier = rupture.adding(days: entier(-5...40))
        var s = StatistiquesSuivisTests.cas(
            id, ["A", "B", "C", "D", "A"][entier(0...4)], timeline,
            naissance: jour("1996-01-01", jours: 4000).description, rqth: entier(0...20) == 0, resultat: resultat,
            premier: resultat == nil ? nil : "\(premier)T10:00:00Z")
        s.ligne.nom = ["MARTIN", "Bernard", "ÉLOÏSE", "dupont", "Le Gall", "N\(id)"][entier(0...5)]
        if entier(0...15) == 0 { s.ligne.missionLocale = nil }
        return s
    }
}

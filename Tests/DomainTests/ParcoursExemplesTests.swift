import Domain
import TestSupport
import Testing

/// The worked examples E1–E14 of domain.md §5.5: the timeline, and the status indicators read at given dates.
struct ParcoursExemplesTests {
    struct Exemple: CustomTestStringConvertible, Sendable {
        let nom: String
        let session: (String, String)
        let contrats: [EntreeParcours.Contrat]
        let exclusion: String?
        let attendu: String
        let aDate: [(String, StatutApprenant?)]
        var testDescription: String { nom }
    }

    static let exemples: [Exemple] = [
        Exemple(
            nom: "E1 no contract", session: ("2024-09-02", "2025-06-30"), contrats: [], exclusion: nil,
            attendu: "2024-09-02 INSCRIT, 2024-12-01 ABANDON",
            aDate: [("2024-11-30", .inscrit), ("2024-12-01", .abandon), ("2025-07-10", .abandon)]),
        Exemple(
            nom: "E2 contract beyond the session", session: ("2024-09-02", "2026-06-30"),
            contrats: [contrat("2024-09-02", "2026-08-31")], exclusion: nil,
            attendu: "2024-09-02 APPRENTI, 2026-06-30 FIN_DE_FORMATION",
            aDate: [
                ("2024-09-01", nil), ("2026-06-29", .apprenti), ("2026-06-30", .finDeFormation),
                ("2026-09-01", .finDeFormation),
            ]),
        Exemple(
            nom: "E3 rupture then 180 days", session: ("2024-09-02", "2026-06-30"),
            contrats: [contrat("2024-10-01", "2026-06-30", rupture: "2025-02-10")], exclusion: nil,
            attendu: "2024-09-02 INSCRIT, 2024-10-01 APPRENTI, 2025-02-10 RUPTURANT, 2025-08-09 ABANDON",
            aDate: [
                ("2024-09-15", .inscrit), ("2025-02-09", .apprenti), ("2025-02-10", .rupturant),
                ("2025-08-08", .rupturant), ("2025-08-09", .abandon),
            ]),
        Exemple(
            nom: "E4 a second contract after a rupture", session: ("2024-09-02", "2026-06-30"),
            contrats: [
                contrat("2024-10-01", "2026-06-30", rupture: "2025-02-10"), contrat("2025-04-01", "2026-06-30"),
            ],
            exclusion: nil,
            attendu:
                "2024-09-02 INSCRIT, 2024-10-01 APPRENTI, 2025-02-10 RUPTURANT, 2025-04-01 APPRENTI, 2026-06-30 FIN_DE_FORMATION",
            aDate: [("2025-03-31", .rupturant), ("2025-04-01", .apprenti)]),
        Exemple(
            nom: "E5 contract before entry", session: ("2024-09-02", "2025-06-30"),
            contrats: [contrat("2024-07-01", "2025-06-30")], exclusion: nil,
            attendu: "2024-07-01 APPRENTI, 2025-06-30 FIN_DE_FORMATION",
            aDate: [("2024-06-30", nil), ("2024-07-01", .apprenti)]),
        Exemple(
            nom: "E6 exclusion", session: ("2024-09-02", "2025-06-30"),
            contrats: [contrat("2024-09-16", "2025-06-30")], exclusion: "2025-01-15",
            attendu: "2024-09-02 INSCRIT, 2024-09-16 APPRENTI, 2025-01-15 ABANDON",
            aDate: [("2025-01-14", .apprenti), ("2025-01-15", .abandon), ("2025-06-30", .abandon)]),
        Exemple(
            nom: "E7 contract signed after 90 days", session: ("2024-09-02", "2025-06-30"),
            contrats: [contrat("2025-01-06", "2025-06-30")], exclusion: nil,
            attendu: "2024-09-02 INSCRIT, 2024-12-01 ABANDON, 2025-01-06 APPRENTI, 2025-06-30 FIN_DE_FORMATION",
            aDate: [("2024-12-15", .abandon), ("2025-01-06", .apprenti)]),
        Exemple(
            nom: "E8a contract ends 45 days before the session", session: ("2024-09-02", "2025-07-15"),
            contrats: [contrat("2024-09-02", "2025-05-31")], exclusion: nil,
            attendu: "2024-09-02 APPRENTI, 2025-06-01 FIN_DE_FORMATION",
            aDate: [("2025-05-31", .apprenti), ("2025-06-01", .finDeFormation)]),
        Exemple(
            nom: "E8b contract ends 90 days before the session", session: ("2024-09-02", "2025-08-29"),
            contrats: [contrat("2024-09-02", "2025-05-31")], exclusion: nil,
            attendu: "2024-09-02 APPRENTI, 2025-06-01 RUPTURANT, 2025-08-29 FIN_DE_FORMATION",
            aDate: [("2025-06-01", .rupturant), ("2025-08-28", .rupturant), ("2025-08-29", .finDeFormation)]),
        Exemple(
            nom: "E9 rupture on the start day", session: ("2024-09-02", "2025-06-30"),
            contrats: [contrat("2024-10-01", "2025-06-30", rupture: "2024-10-01")], exclusion: nil,
            attendu: "2024-09-02 INSCRIT, 2024-12-01 ABANDON",
            aDate: [("2024-10-01", .inscrit), ("2024-12-01", .abandon)]),
        Exemple(
            nom: "E10 contract without end", session: ("2024-09-02", "2025-06-30"),
            contrats: [contrat("2024-09-02")], exclusion: nil,
            attendu: "2024-09-02 APPRENTI, 2025-06-30 FIN_DE_FORMATION",
            aDate: [("2025-06-29", .apprenti)]),
        Exemple(
            nom: "E11 rupture, no end of formation", session: ("2023-09-04", "2025-06-30"),
            contrats: [contrat("2023-09-04", nil, rupture: "2024-03-01")], exclusion: nil,
            attendu: "2023-09-04 APPRENTI, 2024-03-01 RUPTURANT, 2024-08-28 ABANDON",
            aDate: [("2024-08-27", .rupturant), ("2024-08-28", .abandon), ("2025-06-30", .abandon)]),
        Exemple(
            nom: "E12 short session without contract", session: ("2025-01-06", "2025-03-31"), contrats: [],
            exclusion: nil, attendu: "2025-01-06 INSCRIT, 2025-03-31 FIN_DE_FORMATION",
            aDate: [("2025-03-30", .inscrit), ("2025-03-31", .finDeFormation)]),
        Exemple(
            nom: "E13 rupture on the last day is kept", session: ("2024-01-01", "2024-12-15"),
            contrats: [contrat("2024-02-01", "2024-12-15", rupture: "2024-12-15")], exclusion: nil,
            attendu: "2024-01-01 INSCRIT, 2024-02-01 APPRENTI, 2024-12-15 RUPTURANT",
            aDate: [("2024-12-15", .rupturant), ("2025-01-15", .rupturant)]),
        Exemple(
            nom: "E14 no rupturant spike on 1 August", session: ("2023-09-01", "2024-08-31"),
            contrats: [contrat("2023-10-01", "2024-07-31")], exclusion: nil,
            attendu: "2023-09-01 INSCRIT, 2023-10-01 APPRENTI, 2024-08-01 FIN_DE_FORMATION",
            aDate: [("2024-07-31", .apprenti), ("2024-08-01", .finDeFormation)]),
    ]

    @Test(arguments: exemples)
    func exemple(_ e: Exemple) {
        let p = parcours(e.session, e.contrats, exclusion: e.exclusion)
        #expect(p.etapes == etapes(e.attendu))
        for (date, statut) in e.aDate {
            #expect(p.statut(a: j(date)) == statut, "statut au \(date)")
        }
    }

    @Test func statutZeroActsAsExclusionE6() {
        // E6 variant: statut_apprenant 0 with a business date gives the same timeline (checked through Effectif).
        let p = parcours(("2024-09-02", "2025-06-30"), [contrat("2024-09-16", "2025-06-30")], exclusion: "2025-01-15")
        #expect(p.etapes.last == EtapeParcours(date: j("2025-01-15"), valeur: .abandon))
    }

    @Test func enCoursIsInscritBeforeTheFirstStep() {
        let p = parcours(("2024-09-02", "2025-06-30"))
        #expect(p.enCours(a: j("2024-08-01")) == .inscrit)
        #expect(p.statut(a: j("2024-08-01")) == nil)
    }
}

import Domain
import Foundation
import Testing

/// The job schedules, in Paris time, across both daylight-saving changes (2026: 29 March and 25 October).
struct PlanificationTests {
    /// An instant given in UTC: `utc("2026-03-29", 1, 30)`.
    static func utc(_ jour: String, _ h: Int, _ m: Int, _ s: Int = 0) -> Date {
        Date(timeIntervalSince1970: Double(Int(Jour(iso: jour)!.rawValue) * 86_400 + h * 3600 + m * 60 + s))
    }

    // (schedule, now, due occurrence, next occurrence), instants in UTC.
    static let cas: [(String, Planification, Date, Date, Date)] = [
        (
            "daily 08:00 in winter (UTC+1)", .quotidienne(heure: 8, minute: 0), utc("2026-11-30", 10, 0),
            utc("2026-11-30", 7, 0), utc("2026-12-01", 7, 0)
        ),
        (
            "daily 08:00 in summer (UTC+2)", .quotidienne(heure: 8, minute: 0), utc("2026-07-01", 5, 59),
            utc("2026-06-30", 6, 0), utc("2026-07-01", 6, 0)
        ),
        (
            "exactly at the occurrence: it is due, the next is tomorrow", .quotidienne(heure: 8, minute: 0),
            utc("2026-11-30", 7, 0), utc("2026-11-30", 7, 0), utc("2026-12-01", 7, 0)
        ),
        (
            "spring forward: 02:30 does not exist, runs at 03:30 summer time (01:30 UTC)",
            .quotidienne(heure: 2, minute: 30), utc("2026-03-29", 0, 0), utc("2026-03-28", 1, 30),
            utc("2026-03-29", 1, 30)
        ),
        (
            "the day after spring forward: 02:30 summer time", .quotidienne(heure: 2, minute: 30),
            utc("2026-03-29", 1, 30), utc("2026-03-29", 1, 30), utc("2026-03-30", 0, 30)
        ),
        (
            "fall back: 02:30 happens twice, runs once at the first (00:30 UTC)", .quotidienne(heure: 2, minute: 30),
            utc("2026-10-25", 0, 0), utc("2026-10-24", 0, 30), utc("2026-10-25", 0, 30)
        ),
        (
            "fall back: after the first 02:30, the second passage is not an occurrence",
            .quotidienne(heure: 2, minute: 30), utc("2026-10-25", 1, 15), utc("2026-10-25", 0, 30),
            utc("2026-10-26", 1, 30)
        ),
        (
            "fall back: 03:00 happens once, in winter time (02:00 UTC)", .quotidienne(heure: 3, minute: 0),
            utc("2026-10-25", 1, 0), utc("2026-10-24", 1, 0), utc("2026-10-25", 2, 0)
        ),
        (
            "weekly, Monday 07:00, on a Monday before 07:00 (Paris)", .hebdomadaire(jour: 1, heure: 7, minute: 0),
            utc("2026-11-30", 5, 0), utc("2026-11-23", 6, 0), utc("2026-11-30", 6, 0)
        ),
        (
            "weekly, Sunday 23:30 Paris is Sunday 22:30 UTC in winter", .hebdomadaire(jour: 7, heure: 23, minute: 30),
            utc("2026-12-02", 12, 0), utc("2026-11-29", 22, 30), utc("2026-12-06", 22, 30)
        ),
        (
            "weekly across spring forward (Sunday 02:30 → 03:30 summer time)",
            .hebdomadaire(jour: 7, heure: 2, minute: 30), utc("2026-03-26", 12, 0), utc("2026-03-22", 1, 30),
            utc("2026-03-29", 1, 30)
        ),
        (
            "every 60 minutes", .toutesLesMinutes(60), utc("2026-11-30", 10, 20, 45), utc("2026-11-30", 10, 0),
            utc("2026-11-30", 11, 0)
        ),
        (
            "every 15 minutes, on a boundary", .toutesLesMinutes(15), utc("2026-11-30", 10, 15),
            utc("2026-11-30", 10, 15), utc("2026-11-30", 10, 30)
        ),
        (
            "every 60 minutes ignores daylight saving", .toutesLesMinutes(60), utc("2026-10-25", 1, 30),
            utc("2026-10-25", 1, 0), utc("2026-10-25", 2, 0)
        ),
    ]

    @Test(arguments: cas.indices)
    func dueAndNextOccurrences(_ i: Int) {
        let (nom, p, now, due, suivante) = Self.cas[i]
        #expect(p.occurrence(auPlusTard: now) == due, "\(nom): due \(horodatageISO(p.occurrence(auPlusTard: now)))")
        #expect(p.prochaine(apres: now) == suivante, "\(nom): next \(horodatageISO(p.prochaine(apres: now)))")
        #expect(p.occurrence(auPlusTard: now) <= now && p.prochaine(apres: now) > now)
    }

    @Test func occurrencesFollowEachOtherThroughAYear() {
        // Walking from occurrence to occurrence, a daily job meets every day of 2026 once, 23 h or 25 h apart
        // around the changes, 24 h otherwise.
        let p = Planification.quotidienne(heure: 2, minute: 30)
        var t = p.prochaine(apres: Self.utc("2025-12-31", 12, 0))
        var jours: Set<Jour> = []
        var ecarts: [TimeInterval: Int] = [:]
        while t < Self.utc("2027-01-01", 0, 0) {
            jours.insert(HeureDeParis.jour(t))
            let suivante = p.prochaine(apres: t)
            #expect(p.occurrence(auPlusTard: suivante.addingTimeInterval(-1)) == t)
            ecarts[suivante.timeIntervalSince(t), default: 0] += 1
            t = suivante
        }
        #expect(jours.count == 365)
        #expect(ecarts == [86_400: 363, 82_800: 1, 90_000: 1])
    }

    @Test func labelsAndValidity() {
        #expect(Planification.quotidienne(heure: 3, minute: 5).libelle == "tous les jours à 03:05 (heure de Paris)")
        #expect(
            Planification.hebdomadaire(jour: 1, heure: 7, minute: 0).libelle
                == "chaque lundi à 07:00 (heure de Paris)")
        #expect(Planification.toutesLesMinutes(60).libelle == "toutes les 60 minutes")
        #expect(!Planification.quotidienne(heure: 24, minute: 0).estValide)
        #expect(!Planification.hebdomadaire(jour: 0, heure: 7, minute: 0).estValide)
        #expect(!Planification.toutesLesMinutes(0).estValide)
        #expect(Planification.toutesLesMinutes(15).estValide)
    }

    @Test func anOccurrenceIsNamedByItsJobAndInstant() {
        let o = Occurrence(tache: "purge-donnees", instant: Self.utc("2026-11-30", 2, 30))
        #expect(o.cle == "purge-donnees@2026-11-30T02:30:00.000Z")
        #expect(o == Occurrence(tache: "purge-donnees", instant: Self.utc("2026-11-30", 2, 30)))
        #expect(o != Occurrence(tache: "alerte-transmission", instant: Self.utc("2026-11-30", 2, 30)))
    }

    @Test func runCountsAreStoredAsSortedJSON() {
        let b = BilanTache(comptes: ["courriels": 3, "alertes": 2, "a\"b": 1])
        #expect(b.comptesJSON == #"{"a\"b":1,"alertes":2,"courriels":3}"#)
        #expect(BilanTache.comptes(json: b.comptesJSON) == b.comptes)
        #expect(BilanTache(comptes: [:]).comptesJSON == "{}")
        #expect(BilanTache.comptes(json: "pas du json") == [:])
    }
}

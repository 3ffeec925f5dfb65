import Foundation

/// When a job runs, in Europe/Paris time (`HeureDeParis`).
///
/// Daylight saving time, the rule: a time of day that does not exist on the spring-forward day (02:00–02:59 on the
/// last Sunday of March) runs one hour later, when the clocks have jumped (a 02:30 job runs at 03:30 summer time,
/// 01:30 UTC); a time that happens twice on the fall-back day (02:00–02:59 on the last Sunday of October) runs once,
/// at its first passage (summer time). Every N minutes counts from 1970-01-01 00:00 UTC, so DST does not move it.
public enum Planification: Sendable, Equatable {
    /// Every day at `heure`:`minute`, Paris time.
    case quotidienne(heure: Int, minute: Int)
    /// Every week on `jour` (1 = lundi … 7 = dimanche) at `heure`:`minute`, Paris time.
    case hebdomadaire(jour: Int, heure: Int, minute: Int)
    /// Every `minutes` minutes (at the instants multiple of that many minutes since 1970-01-01 UTC).
    case toutesLesMinutes(Int)

    public static let joursSemaine = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// `tous les jours à 03:30 (heure de Paris)`, `le lundi à 07:00 (heure de Paris)`, `toutes les 60 minutes`.
    public var libelle: String {
        func hm(_ h: Int, _ m: Int) -> String { (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)") }
        switch self {
        case .quotidienne(let h, let m): return "tous les jours à \(hm(h, m)) (heure de Paris)"
        case .hebdomadaire(let j, let h, let m):
            let nom = (1...7).contains(j) ? Self.joursSemaine[j - 1] : "jour \(j)"
            return "chaque \(nom) à \(hm(h, m)) (heure de Paris)"
        case .toutesLesMinutes(let n): return "toutes les \(n) minutes"
        }
    }

    /// Whether the values are in range (hours 0–23, minutes 0–59, day 1–7, every 1 to 10 080 minutes).
    public var estValide: Bool {
        switch self {
        case .quotidienne(let h, let m): (0...23).contains(h) && (0...59).contains(m)
        case .hebdomadaire(let j, let h, let m): (1...7).contains(j) && (0...23).contains(h) && (0...59).contains(m)
        case .toutesLesMinutes(let n): (1...10_080).contains(n)
        }
    }

    /// The last scheduled instant at or before `now` (the occurrence due now, if not done yet).
    public func occurrence(auPlusTard now: Date) -> Date {
        let t = Self.secondesEntieres(now)
        if case .toutesLesMinutes(let n) = self {
            let p = max(1, n) * 60
            return Date(timeIntervalSince1970: Double(HeureDeParis.floorDiv(t, p) * p))
        }
        return instants(autourDe: now).last { Self.secondesEntieres($0) <= t } ?? now
    }

    /// The first scheduled instant strictly after `now`.
    public func prochaine(apres now: Date) -> Date {
        let t = Self.secondesEntieres(now)
        if case .toutesLesMinutes(let n) = self {
            let p = max(1, n) * 60
            return Date(timeIntervalSince1970: Double((HeureDeParis.floorDiv(t, p) + 1) * p))
        }
        return instants(autourDe: now).first { Self.secondesEntieres($0) > t } ?? now
    }

    /// The scheduled instants from eight days before to eight days after `now`, in order.
    func instants(autourDe now: Date) -> [Date] {
        let jour = HeureDeParis.jour(now)
        return (-8...8).compactMap { decalage -> Date? in
            let j = jour.adding(days: decalage)
            switch self {
            case .quotidienne(let h, let m): return Self.instant(j, h, m)
            case .hebdomadaire(let js, let h, let m):
                // 1970-01-01 was a Thursday: Monday is 1.
                let numero = ((Int(j.rawValue) + 3) % 7 + 7) % 7 + 1
                return numero == js ? Self.instant(j, h, m) : nil
            case .toutesLesMinutes: return nil
            }
        }
    }

    /// The instant of `heure`:`minute` Paris time on `jour`, by the rule above.
    static func instant(_ jour: Jour, _ heure: Int, _ minute: Int) -> Date {
        let local = Int(jour.rawValue) * 86_400 + heure * 3600 + minute * 60
        let ete = Date(timeIntervalSince1970: Double(local - 7200))
        if HeureDeParis.decalage(ete) == 7200 { return ete }  // summer time; the first of two on fall-back day
        // Winter time, or the gap of spring-forward day (read with the winter offset: one hour later on the clock).
        return Date(timeIntervalSince1970: Double(local - 3600))
    }

    static func secondesEntieres(_ d: Date) -> Int { Int(d.timeIntervalSince1970.rounded(.down)) }
}

/// One occurrence of a job: its name and its scheduled instant. Taken, run and recorded once.
public struct Occurrence: Sendable, Hashable {
    public let tache: String
    public let instant: Date

    public init(tache: String, instant: Date) {
        self.tache = tache
        self.instant = instant
    }

    /// `purge-donnees@2026-11-30T02:30:00.000Z`: the occurrence's identity, in e-mail keys and logs.
    public var cle: String { "\(tache)@\(horodatageISO(instant))" }
}

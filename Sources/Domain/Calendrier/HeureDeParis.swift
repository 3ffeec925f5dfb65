import Foundation

/// Instants as people in France read them: Europe/Paris time (UTC+1, UTC+2 from the last Sunday of March to the
/// last Sunday of October, changes at 01:00 UTC — the European rule since 1996). Written out rather than read from
/// the system's time-zone database, which a minimal server image may lack.
public enum HeureDeParis {
    /// The offset from UTC at an instant, in seconds (3600 or 7200).
    public static func decalage(_ d: Date) -> Int {
        let t = Int((d.timeIntervalSince1970).rounded(.down))
        let annee = Jour(rawValue: Int32(floorDiv(t, 86_400))).year
        let debut = dernierDimanche(annee, mois: 3) * 86_400 + 3600
        let fin = dernierDimanche(annee, mois: 10) * 86_400 + 3600
        return t >= debut && t < fin ? 7200 : 3600
    }

    /// The day in Paris of an instant (an instant at 23:30 UTC in summer is the next day in Paris).
    public static func jour(_ d: Date) -> Jour {
        Jour(rawValue: Int32(floorDiv(secondes(d), 86_400)))
    }

    /// The hour and minute in Paris.
    public static func heureMinute(_ d: Date) -> (heure: Int, minute: Int) {
        let s = secondes(d) - floorDiv(secondes(d), 86_400) * 86_400
        return (s / 3600, s / 60 % 60)
    }

    /// `14:05`.
    public static func heure(_ d: Date) -> String {
        let (h, m) = heureMinute(d)
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// `29/11/2026 à 22:45 (heure de Paris)`, for e-mails.
    public static func dateHeureCourte(_ d: Date) -> String {
        let (a, m, j) = jour(d).components
        func deux(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(deux(j))/\(deux(m))/\(a) à \(heure(d)) (heure de Paris)"
    }

    /// `2025-03-06 15:05:09`, Paris time, for files.
    public static func horodatage(_ d: Date) -> String {
        let s = secondes(d) - floorDiv(secondes(d), 86_400) * 86_400
        func deux(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(jour(d).description) \(deux(s / 3600)):\(deux(s / 60 % 60)):\(deux(s % 60))"
    }

    /// `2025-03-06 15:05:09`, Paris time, for files.
    public static func horodatage(_ d: Date) -> String {
        let s = secondes(d) - floorDiv(secondes(d), 86_400) * 86_400
        func deux(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(jour(d).description) \(deux(s / 3600)):\(deux(s / 60 % 60)):\(deux(s % 60))"
    }

    static func secondes(_ d: Date) -> Int { Int((d.timeIntervalSince1970).rounded(.down)) + decalage(d) }

    /// The epoch day of the last Sunday of a month.
    static func dernierDimanche(_ annee: Int, mois: Int) -> Int {
        let dernier = Int(Jour(year: annee, month: mois + 1, day: 0).rawValue)
        // 1970-01-01 was a Thursday: day 3 counted from Monday 0.
        let jourSemaine = ((dernier + 3) % 7 + 7) % 7
        return dernier - (jourSemaine + 1) % 7
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }
}

import Domain
import Foundation

/// Times as people in France read them: Europe/Paris, UTC+1 in winter and UTC+2 in summer (EU rule since 1996:
/// from the last Sunday of March to the last Sunday of October, changing at 01:00 UTC). Computed, so that it does
/// not depend on the time zone data of the machine.
enum HeureDeParis {
    /// The offset from UTC at this instant, in seconds.
    static func decalage(_ d: Date) -> Int {
        let annee = Jour(d).year
        let debut = dernierDimanche(annee, mois: 3).epochSeconds + 3600
        let fin = dernierDimanche(annee, mois: 10).epochSeconds + 3600
        let t = Int(d.timeIntervalSince1970.rounded(.down))
        return t >= debut && t < fin ? 7200 : 3600
    }

    /// The last Sunday of a month.
    static func dernierDimanche(_ annee: Int, mois: Int) -> Jour {
        let dernier = Jour(year: annee, month: mois + 1, day: 0)
        // 1970-01-01 was a Thursday: day 0 → 4 (0 = Sunday).
        let jourSemaine = ((Int(dernier.rawValue) + 4) % 7 + 7) % 7
        return Jour(rawValue: dernier.rawValue - Int32(jourSemaine))
    }

    /// The Paris day and the seconds since its midnight.
    static func local(_ d: Date) -> (jour: Jour, secondes: Int) {
        let t = Int(d.timeIntervalSince1970.rounded(.down)) + decalage(d)
        let jour = Int(floor(Double(t) / 86_400))
        return (Jour(rawValue: Int32(jour)), t - jour * 86_400)
    }
}

extension Jour {
    fileprivate var epochSeconds: Int { Int(rawValue) * 86_400 }
}

/// `6 mars 2025 à 15:05` (heure de Paris).
func dateHeureParis(_ d: Date) -> String {
    let (jour, s) = HeureDeParis.local(d)
    return "\(dateLongue(jour)) à \(String(format: "%02d:%02d", s / 3600, s / 60 % 60))"
}

/// `2025-03-06 15:05:09` (heure de Paris), for files.
func horodatageParis(_ d: Date) -> String {
    let (jour, s) = HeureDeParis.local(d)
    return "\(jour.description) \(String(format: "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60))"
}

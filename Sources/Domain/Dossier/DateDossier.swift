import Outils

/// Parses a date field of a dossier. A date is the calendar day of its first 10 characters (deliberate
/// difference #2: no time-zone shift); the rest must still be a time JavaScript's `Date` accepts.
enum DateDossier {
    enum Resultat: Equatable {
        case jour(Jour)
        /// `Date invalide`: not a string, or not starting with `YYYY-MM-DD`.
        case invalide
        /// `Invalid date`: starts like a date but cannot be one (month 13, trailing garbage…).
        case impossible
        /// A real day, but outside `Jour.plausibles` (year 1, 9999): a typing error, refused on its field.
        case horsPlage
    }

    static func lire(_ value: JSONValue) -> Resultat {
        guard case .string(let raw) = value else { return .invalide }
        let b = Array(raw.trimmingSpaces().utf8)
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            digits(b, 0, 4) != nil, digits(b, 5, 2) != nil, digits(b, 8, 2) != nil
        else { return .invalide }
        guard let jour = Jour.parsePrefix(b), heureValide(Array(b[10...])) else { return .impossible }
        return Jour.plausibles.contains(jour) ? .jour(jour) : .horsPlage
    }

    /// `""`, or `T`/space + `HH:mm[:ss[.fff]]` + optional `Z`, `±HH:mm` or `±HHmm`.
    private static func heureValide(_ t: [UInt8]) -> Bool {
        if t.isEmpty { return true }
        guard t.count >= 6, t[0] == UInt8(ascii: "T") || t[0] == UInt8(ascii: " "),
            let h = digits(t, 1, 2), t[3] == UInt8(ascii: ":"), let m = digits(t, 4, 2), h <= 24, m <= 59
        else { return false }
        var i = 6
        if i < t.count, t[i] == UInt8(ascii: ":") {
            guard let s = digits(t, i + 1, 2), s <= 59 else { return false }
            i += 3
            if i < t.count, t[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < t.count, isDigit(t[i]) { i += 1 }
                guard i > start else { return false }
            }
        }
        if i == t.count { return true }
        if t[i] == UInt8(ascii: "Z") { return i + 1 == t.count }
        guard t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") else { return false }
        let zone = Array(t[(i + 1)...])
        if zone.count == 5, zone[2] == UInt8(ascii: ":"), let zh = digits(zone, 0, 2), let zm = digits(zone, 3, 2) {
            return zh <= 23 && zm <= 59
        }
        if zone.count == 4, let zh = digits(zone, 0, 2), let zm = digits(zone, 2, 2) { return zh <= 23 && zm <= 59 }
        return false
    }
}

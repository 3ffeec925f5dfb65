/// Identifiant d'établissement (14 digits; the first 9 are the SIREN of the company).
public struct SIRET: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Removes spaces, dots and dashes, then checks `^[0-9]{14}$` (no Luhn check, as the reference).
    public init?(_ raw: String) {
        if raw.utf8.count == 14, raw.utf8.allSatisfy(isDigit) {  // as most are sent
            rawValue = raw
            return
        }
        let v = String(raw.unicodeScalars.filter { !" .-\t\n\r".unicodeScalars.contains($0) })
        let b = Array(v.utf8)
        guard b.count == 14, b.allSatisfy(isDigit) else { return nil }
        rawValue = v
    }

    public var siren: String { String(rawValue.prefix(9)) }
    public var description: String { rawValue }
    public static func < (l: SIRET, r: SIRET) -> Bool { l.rawValue < r.rawValue }

}

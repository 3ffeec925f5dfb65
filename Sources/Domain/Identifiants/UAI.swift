/// Identifiant d'établissement scolaire: 7 digits and a letter (`0802004U`), stored upper-case.
public struct UAI: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Trims and upper-cases, then checks `^[0-9]{7}[A-Z]$` (no check-letter verification, as the reference).
    public init?(_ raw: String) {
        let v = raw.trimmingSpaces().uppercased()
        let b = Array(v.utf8)
        guard b.count == 8, b[0..<7].allSatisfy(isDigit), (65...90).contains(b[7]) else { return nil }
        rawValue = v
    }

    public var description: String { rawValue }
    public static func < (l: UAI, r: UAI) -> Bool { l.rawValue < r.rawValue }

}

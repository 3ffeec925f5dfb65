/// Code postal: 5 digits; shorter numeric inputs are left-padded with zeros (`1000` → `01000`).
public struct CodePostal: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ raw: String) {
        var v = raw.trimmingSpaces()
        if v.count < 5 { v = String(repeating: "0", count: 5 - v.count) + v }
        let b = Array(v.utf8)
        guard b.count == 5, b.allSatisfy(isDigit) else { return nil }
        rawValue = v
    }
    public var description: String { rawValue }
}

/// Code officiel géographique of a commune: `^([0-9]{2}|2A|2B)[0-9]{3}$` (upper-case only, no padding).
public struct CodeCommuneInsee: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ raw: String) {
        let b = Array(raw.utf8)
        guard b.count == 5, b[2..<5].allSatisfy(isDigit) else { return nil }
        let head = (isDigit(b[0]) && isDigit(b[1])) || (b[0] == 50 && (b[1] == 65 || b[1] == 66))
        guard head else { return nil }
        rawValue = raw
    }

    /// The département of the commune: `2A`/`2B`, 3 digits overseas (`97x`, `98x`), else the first 2 digits.
    public var departement: String {
        rawValue.hasPrefix("97") || rawValue.hasPrefix("98") ? String(rawValue.prefix(3)) : String(rawValue.prefix(2))
    }
    public var description: String { rawValue }
}

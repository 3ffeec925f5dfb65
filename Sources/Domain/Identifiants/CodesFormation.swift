/// Code Formation Diplôme: 8 upper-case alphanumeric characters (`50022141`).
public struct CFD: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ raw: String) {
        let v = raw.trimmingSpaces().uppercased()
        let b = Array(v.utf8)
        guard b.count == 8, b.allSatisfy({ isDigit($0) || (65...90).contains($0) }) else { return nil }
        rawValue = v
    }
    public var description: String { rawValue }
}

/// Code of the national register of certifications, always stored with its prefix (`RNCP35316`).
public struct RNCP: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Upper-cases, removes spaces, dots and dashes, adds the `RNCP` prefix when missing, then checks
    /// `^RNCP[0-9]{2,5}$`.
    public init?(_ raw: String) {
        var v = String(raw.trimmingSpaces().uppercased().unicodeScalars.filter { !" .-".unicodeScalars.contains($0) })
        if !v.hasPrefix("RNCP") { v = "RNCP" + v }
        let number = Array(v.utf8.dropFirst(4))
        guard (2...5).contains(number.count), number.allSatisfy(isDigit) else { return nil }
        rawValue = v
    }
    public var description: String { rawValue }
}

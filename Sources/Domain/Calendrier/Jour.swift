/// A calendar day (UTC), counted in days since 1970-01-01. All status rules work on days.
public struct Jour: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Builds a day from a proleptic Gregorian date; `day` may overflow the month (JavaScript semantics:
    /// 2024-02-30 is 2024-03-01).
    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        rawValue = Int32(era * 146097 + doe - 719468)
    }

    /// The epoch day 1970-01-01, the start of a contract sent without a start date.
    public static let epoch = Jour(rawValue: 0)

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(rawValue) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }

    public func adding(days: Int) -> Jour { Jour(rawValue: rawValue + Int32(days)) }
    public static func - (lhs: Jour, rhs: Jour) -> Int { Int(lhs.rawValue - rhs.rawValue) }

    public static func < (lhs: Jour, rhs: Jour) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        guard (0...9999).contains(y) else { return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))" }
        // Written digit by digit: dates are written for every stored learner, a formatted string costs 10 times more.
        return String(unsafeUninitializedCapacity: 10) { b in
            let chiffres = [y / 1000, y / 100 % 10, y / 10 % 10, y % 10, -3, m / 10, m % 10, -3, d / 10, d % 10]
            for (k, c) in chiffres.enumerated() { b[k] = UInt8(48 + c) }
            return 10
        }
    }

    /// Parses exactly `YYYY-MM-DD` (month 1–12, day 1–31, overflow rolls over).
    public init?(iso: String) {
        let b = Array(iso.utf8)
        guard b.count == 10, let parsed = Jour.parsePrefix(b) else { return nil }
        self = parsed
    }

    /// The days a request or a dossier may name. Outside, a date is a typing error (year 1, 9999), and the
    /// calendar arithmetic on it (school years, months of an evolution) would leave the years the rules know.
    public static let plausibles = Jour(year: 1900, month: 1, day: 1)...Jour(year: 2100, month: 12, day: 31)
    public static let plagePlausible = "entre 1900-01-01 et 2100-12-31"
    /// The message of a date parameter that `init(parametre:)` refuses.
    public static let messageParametre = "Date invalide : format attendu AAAA-MM-JJ, \(plagePlausible)"

    /// Parses a date given in a request: exactly `YYYY-MM-DD`, within `plausibles`.
    public init?(parametre: String) {
        guard let j = Jour(iso: parametre), Jour.plausibles.contains(j) else { return nil }
        self = j
    }

    static func parsePrefix(_ b: [UInt8]) -> Jour? {
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = digits(b, 0, 4), let m = digits(b, 5, 2), let d = digits(b, 8, 2),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return Jour(year: y, month: m, day: d)
    }

}

func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
    guard start + count <= b.count else { return nil }
    var v = 0
    for i in start..<(start + count) {
        let c = b[i]
        guard c >= 48, c <= 57 else { return nil }
        v = v * 10 + Int(c - 48)
    }
    return v
}

private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

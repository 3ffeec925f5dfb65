import Foundation

/// Where domain code gets "now" from: a live clock in production, a fixed one in tests.
public struct Horloge: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let live = Horloge(now: { Date() })
    public static func fixed(_ date: Date) -> Horloge { Horloge(now: { date }) }
}

extension Jour {
    /// The UTC day of an instant.
    public init(_ date: Date) {
        self.init(rawValue: Int32((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// UTC midnight of this day.
    public var date: Date { Date(timeIntervalSince1970: Double(rawValue) * 86_400) }
}

/// `2024-11-19T07:06:40.123Z`: instants as the API writes them (UTC, milliseconds), like JavaScript's `toISOString`.
public func horodatageISO(_ date: Date) -> String {
    let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    let dayMs: Int64 = 86_400_000
    let days = ms >= 0 ? ms / dayMs : (ms - dayMs + 1) / dayMs
    let rest = Int(ms - days * dayMs)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let millis = rest % 1000
    let m3 = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
    let s = rest / 1000
    return "\(Jour(rawValue: Int32(days)))T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60)).\(m3)Z"
}

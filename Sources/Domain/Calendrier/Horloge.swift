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

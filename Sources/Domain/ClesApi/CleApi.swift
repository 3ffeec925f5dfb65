import Foundation

/// Typed id of a stored API key.
public struct CleApiID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// An API key as stored: only its hash, never its value (deliberate difference #5).
public struct CleApi: Sendable, Equatable {
    public var id: CleApiID
    public var organisme: OrganismeID
    public var hash: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: CleApiID, organisme: OrganismeID, hash: String, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?
    ) {
        self.id = id
        self.organisme = organisme
        self.hash = hash
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// A key unused for 12 months stops working (domain §2.1).
    public static let moisInactiviteAvantExpiration = 12

    public func estActive(now: Date) -> Bool {
        guard revokedAt == nil else { return false }
        let lastActivity = max(lastUsedAt ?? createdAt, createdAt)
        let limit = Calendar.utc.date(byAdding: .month, value: -CleApi.moisInactiviteAvantExpiration, to: now)!
        return lastActivity >= limit
    }
}

extension Calendar {
    public static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}

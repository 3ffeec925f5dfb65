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
    /// The name given at creation (the software or the use it serves: "ERP Ypareo", "tests"); empty for the keys made
    /// before names existed or by the command line without one.
    public var nom: String
    /// The first characters of the key, kept in clear to recognise it in the list (the rest only as a hash).
    public var prefixe: String
    /// When a batch of dossiers sent with this key was last recorded: the same instant as the organisme's last
    /// transmission (`Organisme.lastErpTransmissionDate`), written in the same transaction.
    public var derniereTransmission: Date?

    public init(
        id: CleApiID, organisme: OrganismeID, hash: String, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?,
        nom: String = "", prefixe: String = "", derniereTransmission: Date? = nil
    ) {
        self.id = id
        self.organisme = organisme
        self.hash = hash
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.nom = nom
        self.prefixe = prefixe
        self.derniereTransmission = derniereTransmission
    }

    /// How many characters of a key are kept in clear (of a UUID's 36: 8 hexadecimal digits, 32 bits of 122).
    public static let longueurPrefixe = 8

    /// The prefix kept of a key's value.
    public static func prefixe(de valeur: String) -> String { String(valeur.prefix(longueurPrefixe)) }

    /// The longest name a key may have.
    public static let longueurMaximaleNom = 80

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

import Foundation

/// Recent failed sign-ins: for one (e-mail, address) pair since its last success, and for one address.
public struct EchecsConnexion: Sendable, Equatable {
    public var paire: Int
    public var dernierPaire: Date?
    public var adresse: Int
    public var dernierAdresse: Date?

    public init(paire: Int = 0, dernierPaire: Date? = nil, adresse: Int = 0, dernierAdresse: Date? = nil) {
        self.paire = paire
        self.dernierPaire = dernierPaire
        self.adresse = adresse
        self.dernierAdresse = dernierAdresse
    }
}

/// Sign-in throttling that cannot lock a user out: failures slow down the (e-mail, address) pair that made them,
/// with a delay that doubles at each failure past a threshold (1 s, 2 s, 4 s… at most 15 minutes); another
/// address signs in to the same account unhindered. One address failing on many accounts is slowed the same way.
public enum TemporisationConnexion {
    /// Failures of a pair, since its last success, before any delay (counted over a day).
    public static let seuilPaire = 5
    /// Failures of an address, over all accounts, in `fenetreAdresse`, before any delay.
    public static let seuilAdresse = 20
    public static let fenetrePaire: TimeInterval = 86_400
    public static let fenetreAdresse: TimeInterval = 15 * 60
    public static let plafond: TimeInterval = 15 * 60

    /// The delay after `echecs` failures: none below the threshold, then 1 s doubling, capped.
    public static func delai(echecs: Int, seuil: Int) -> TimeInterval {
        guard echecs >= seuil else { return 0 }
        let puissance = echecs - seuil
        return puissance >= 10 ? plafond : min(plafond, Double(1 << puissance))
    }

    /// Seconds to wait before the next attempt, or nil when it may go on now.
    public static func attente(_ e: EchecsConnexion, now: Date) -> Int? {
        var fin = now
        if let d = e.dernierPaire { fin = max(fin, d.addingTimeInterval(delai(echecs: e.paire, seuil: seuilPaire))) }
        if let d = e.dernierAdresse {
            fin = max(fin, d.addingTimeInterval(delai(echecs: e.adresse, seuil: seuilAdresse)))
        }
        let reste = fin.timeIntervalSince(now)
        return reste > 0 ? max(1, Int(reste.rounded(.up))) : nil
    }
}

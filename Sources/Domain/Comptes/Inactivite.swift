import Foundation

/// Accounts nobody signs in to end (issue 11): an active account without sign-in for 11 months is warned by
/// e-mail, and suspended at 12 months — never less than 30 days after its warning, even when the daily job did
/// not run for a while. The period starts at the last sign-in, or the creation or reactivation of the account.
public enum Inactivite {
    public static let moisAvantAvertissement = 11
    public static let moisAvantSuspension = 12
    public static let delaiMinimalApresAvertissement: TimeInterval = 30 * 86_400

    public struct Decision: Sendable, Equatable {
        public var avertir: [UtilisateurID] = []
        public var suspendre: [UtilisateurID] = []
    }

    /// When the account was last known to be in use.
    public static func reference(_ u: Utilisateur) -> Date {
        [u.createdAt, u.derniereConnexion, u.reactiveLe].compactMap { $0 }.max() ?? u.createdAt
    }

    /// Whom to warn and whom to suspend at `now`, among the given accounts (only active ones are concerned).
    public static func decider(_ comptes: [Utilisateur], now: Date) -> Decision {
        var calendrier = Calendar(identifier: .gregorian)
        calendrier.timeZone = TimeZone(identifier: "UTC") ?? calendrier.timeZone
        guard let seuilAvertissement = calendrier.date(byAdding: .month, value: -moisAvantAvertissement, to: now),
            let seuilSuspension = calendrier.date(byAdding: .month, value: -moisAvantSuspension, to: now)
        else { return Decision() }
        var d = Decision()
        for u in comptes where u.statut == .actif {
            let depuis = reference(u)
            let avertiLe = u.inactiviteAvertieLe.flatMap { $0 >= depuis ? $0 : nil }
            if let avertiLe {
                if depuis <= seuilSuspension && avertiLe <= now.addingTimeInterval(-delaiMinimalApresAvertissement) {
                    d.suspendre.append(u.id)
                }
            } else if depuis <= seuilAvertissement {
                d.avertir.append(u.id)
            }
        }
        return d
    }
}

import Foundation

/// What the notifications need: each user's choices, the recipients of an organisme's alerts, and the keys of the
/// e-mails already put in the outbox (so that a notification is never sent twice).
public protocol StoreNotifications: Sendable {
    /// The kinds a user has chosen on or off (a kind never chosen is absent: it is on).
    func preferencesNotifications(utilisateur: UtilisateurID) async throws -> [GenreNotification: Bool]
    func definir(notification: GenreNotification, active: Bool, utilisateur: UtilisateurID) async throws
    /// Whether a user wants this kind of e-mail (yes unless they turned it off).
    func veutNotification(_ genre: GenreNotification, utilisateur: UtilisateurID) async throws -> Bool
    /// The active administrators of each organisme's organisation (type organisme de formation), by organisme.
    func administrateursDesOrganismes() async throws -> [OrganismeID: [Utilisateur]]
    /// The outbox's keys that start with `prefixe`, with when each e-mail was added.
    func courrielsParCle(prefixe: String) async throws -> [(cle: String, creeLe: Date)]
}

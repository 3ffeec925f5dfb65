import Foundation

/// What accounts need to end cleanly and leak nothing (issue 11): sign-in dates for the inactivity rule,
/// race-free status changes, erasure of a deleted account, replaced links and sent mails without their links.
public protocol StoreComptesSecurite: Sendable {
    /// Notes a successful sign-in.
    func noterConnexion(utilisateur: UtilisateurID, now: Date) async throws
    /// Changes the status only if it still is `de` (two administrators acting at once); true when it changed.
    /// Going back to `actif` notes `now` as the reactivation date.
    func changerStatut(utilisateur: UtilisateurID, de: StatutCompte, vers: StatutCompte, now: Date) async throws -> Bool
    /// Notes the inactivity warning unless one was already noted since `depuis`; true when this call noted it.
    func noterAvertissementInactivite(utilisateur: UtilisateurID, depuis: Date, now: Date) async throws -> Bool
    /// The active accounts, for the inactivity rule.
    func utilisateursActifs() async throws -> [Utilisateur]
    /// Deletes an account: its personal fields are erased (the row stays, status `supprime`), its sessions
    /// closed and its unused links cancelled.
    func effacer(utilisateur: UtilisateurID, now: Date) async throws
    /// Cancels the unused links of this kind sent to the user (a newer one, or a new password, replaces them).
    func annulerJetons(_ type: TypeJeton, utilisateur: UtilisateurID, now: Date) async throws
    /// Marks a mail sent and keeps `corps` and `html`, its versions without links, in place of the original.
    func marquerEnvoye(courriel id: Int64, le: Date, corps: String, html: String?) async throws
}

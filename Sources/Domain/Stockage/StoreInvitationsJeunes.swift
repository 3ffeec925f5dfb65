import Foundation

/// The young people's personal pages (issue 15): the invitation of a case's young person (one working token per
/// case, only its hash stored) and their answers, each written to the case's history.
public protocol StoreInvitationsJeunes: Sendable {
    /// If the case is still at `versionLue`: stores the invitation with the hash of its token (replacing the
    /// case's previous one, whose link stops working) and appends `evenement` to the history, in one transaction.
    func enregistrer(invitation: InvitationJeune, hashJeton: String, evenement: EvenementSuivi, versionLue: Int64)
        async throws -> EnregistrementSuivi
    /// The current invitation of a case, nil when it was never invited.
    func invitationJeune(suivi: SuiviID) async throws -> InvitationJeune?
    /// The invitation whose token has this hash, expired or not (the caller decides), nil when none.
    func invitationJeune(hashJeton: String) async throws -> InvitationJeune?
    /// Writes an answer (`evenement`, of genre `reponseJeune`) on the case of the token if the token still works
    /// at `evenement.le`: the event is appended and the case's last answer updated, in one transaction. Returns the
    /// case, nil when the token is unknown or expired (nothing is written).
    func enregistrer(reponseJeune evenement: EvenementSuivi, hashJeton: String) async throws -> SuiviID?
    /// Every answer received at or after `depuis` on cases of these missions locales, oldest first (daily digest).
    func reponsesJeunes(depuis: Date, missionsLocales: [String]) async throws -> [ReponseJeuneRecue]
    /// The cases to invite automatically: of a mission locale whose setting is on, created at or after it was
    /// turned on and at or after `creesDepuis`, never invited.
    func suivisAInviter(creesDepuis: Date) async throws -> [SuiviStocke]
}

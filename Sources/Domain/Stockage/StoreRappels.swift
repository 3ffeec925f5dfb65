import Foundation

/// What the weekly recap and the automatic requests read and keep (issue 15): the cases that may wait for their
/// mission locale, each CFA's automatic-sending setting, and the cases a CFA has not sent nor seen handled.
public protocol StoreRappels: Sendable {
    /// The cases of a mission locale that may wait for it: nothing recorded for their rupture, a last outcome
    /// "not reached", or a CFA's request or young person's answer after the last outcome (those handled for their
    /// rupture and left alone since are not read: `RecapitulatifHebdomadaire.attente` decides on the rest).
    func suivisEnAttente() async throws -> [SuiviStocke]
    /// An organisme's automatic-sending setting (off, 45 days when never set).
    func envoiAutomatique(organisme: OrganismeID) async throws -> ParametresEnvoiAutomatique
    func enregistrer(envoiAutomatique: ParametresEnvoiAutomatique, organisme: OrganismeID, now: Date) async throws
    /// The organismes whose automatic sending is on, with their number of days.
    func organismesEnEnvoiAutomatique() async throws -> [OrganismeID: Int]
    /// The cases of these organismes in a mission locale's hands that the CFA never sent and on which no outcome
    /// was ever recorded (what automatic sending may send).
    func suivisSansDemande(organismes: [OrganismeID]) async throws -> [SuiviStocke]
}

import Domain
import Foundation

/// Writes what a command changed to the journal (F21): commands act outside any session, so the entry names the
/// system account that ran them.
func journaliserCommande(_ store: any Store, _ action: String, _ detail: String) async throws {
    try await store.journaliser(
        EntreeJournal(
            date: Date(), acteur: nil, acteurEmail: nil, action: action,
            detail: "ligne de commande (\(ProcessInfo.processInfo.userName)) : " + detail))
}

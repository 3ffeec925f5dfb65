import Foundation
import GRDB

/// Copies the write-ahead log into the database file on a connection of its own, a moment after the writes, so
/// that no batch pays for it: SQLite's automatic checkpoint runs inside the commit that crosses the threshold, and
/// made one batch in ten wait half a second. A passive checkpoint never blocks the writer nor the readers.
final class Checkpoints: @unchecked Sendable {
    private let connexion: DatabaseQueue
    private let verrou = NSLock()
    private var enAttente = false

    init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        connexion = try DatabaseQueue(path: path, configuration: config)
    }

    /// Called after each write: schedules one checkpoint for the writes of the next moment.
    func apresEcriture() {
        let deja = verrou.withLock {
            defer { enAttente = true }
            return enAttente
        }
        guard !deja else { return }
        Task.detached(priority: .utility) { [self] in
            try? await Task.sleep(for: .milliseconds(200))
            verrou.withLock { enAttente = false }
            _ = try? await connexion.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
    }
}

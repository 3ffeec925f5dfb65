import Domain
import Foundation
import GRDB
import Outils

/// The embedded store: one SQLite file in WAL mode, one writer and pooled readers (GRDB `DatabasePool`).
public final class SQLiteStore: Store {
    let pool: DatabasePool
    /// The database file.
    public let chemin: String
    let checkpoints: Checkpoints
    /// The rules and coverage cases are derived under (`configurerSuivis`).
    let etatSuivis = EtatSuivis()

    /// Opens (creating it and its folder if needed) the database at `path` and runs the pending migrations.
    public init(path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        // Named data: the file is readable by the service's user only (SQLite gives its WAL the same rights).
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A batch touches a few thousand pages of the tables and their indexes: keep them in memory (32 MiB per
            // connection instead of 2). The WAL is copied into the database by `Checkpoints`, away from the
            // commits; a commit only does it itself if the WAL passes 400 MiB.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 100000")
        }
        pool = try DatabasePool(path: path, configuration: config)
        chemin = path
        let aMigrer = try !pool.read { try Migrations.migrator.hasCompletedMigrations($0) }
        try Migrations.migrator.migrate(pool)
        // A migration can write a lot (a dropped index frees all its pages): copied into the database now rather
        // than during the first batches.
        if aMigrer { _ = try pool.writeWithoutTransaction { try $0.checkpoint(.passive) } }
        checkpoints = try Checkpoints(path: path)
    }

    /// The migrations applied, in order (for `tdb migrate`).
    public func migrationsAppliquees() throws -> [String] {
        try pool.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    public func verifier() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}

/// Instants are stored as seconds since 1970 (REAL): exact, sortable, and cheap to write.
extension Date {
    var epoch: Double { timeIntervalSince1970 }
    init?(epoch: Double?) {
        guard let epoch else { return nil }
        self.init(timeIntervalSince1970: epoch)
    }
}

/// Reads a JSON document stored in a TEXT column.
func document(_ text: String) throws -> JSONValue { try AnalyseurJSON.analyser(Array(text.utf8)) }

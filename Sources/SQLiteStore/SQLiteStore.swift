import Domain
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, one writer and pooled readers (GRDB `DatabasePool`).
public final class SQLiteStore: Store {
    let pool: DatabasePool

    /// Opens (creating it and its folder if needed) the database at `path` and runs the pending migrations.
    public init(path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        try Migrations.migrator.migrate(pool)
    }

    /// The migrations applied, in order (for `tdb migrate`).
    public func migrationsAppliquees() throws -> [String] {
        try pool.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    public func verifier() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}

/// How records are written as JSON in the database: the Swift field names, days as `YYYY-MM-DD`, instants in
/// seconds since 1970. No key or date conversion strategy: they cost more than the rest of a batch.
enum Codage {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .secondsSince1970
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return d
    }
}

import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func creerCleApi(organisme: OrganismeID, hash: String, now: Date) async throws -> CleApi {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO cles_api (organisme_id, hash, created_at) VALUES (?, ?, ?)",
                arguments: [organisme.rawValue, hash, now])
            return CleApi(id: CleApiID(db.lastInsertedRowID), organisme: organisme, hash: hash, createdAt: now,
                          lastUsedAt: nil, revokedAt: nil)
        }
    }

    public func cleApi(hash: String) async throws -> CleApi? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, organisme_id, hash, created_at, last_used_at, revoked_at FROM cles_api WHERE hash = ?",
                arguments: [hash]
            ).map { r in
                CleApi(id: CleApiID(r["id"]), organisme: OrganismeID(r["organisme_id"]), hash: r["hash"],
                       createdAt: r["created_at"], lastUsedAt: r["last_used_at"], revokedAt: r["revoked_at"])
            }
        }
    }

    public func cleUtilisee(_ id: CleApiID, now: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE cles_api SET last_used_at = ? WHERE id = ?", arguments: [now, id.rawValue])
        }
    }

    public func revoquerClesApi(organisme: OrganismeID?, hash: String?, now: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE cles_api SET revoked_at = ?
                    WHERE revoked_at IS NULL AND (organisme_id = ? OR hash = ?)
                    """,
                arguments: [now, organisme?.rawValue, hash])
            return db.changesCount
        }
    }
}

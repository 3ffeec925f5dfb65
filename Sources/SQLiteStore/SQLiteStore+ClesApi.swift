import Domain
import Foundation
import GRDB

extension SQLiteStore {
    static func cleApi(_ r: Row) throws -> CleApi {
        let l = LigneLue(r, table: "cles_api")
        return CleApi(
            id: CleApiID(try l.exiger("id")), organisme: OrganismeID(try l.exiger("organisme_id")),
            hash: try l.exiger("hash"), createdAt: try l.instant("created_at"),
            lastUsedAt: try l.instantOptionnel("last_used_at"), revokedAt: try l.instantOptionnel("revoked_at"),
            nom: try l.exiger("nom"), prefixe: try l.exiger("prefixe"),
            derniereTransmission: try l.instantOptionnel("derniere_transmission_le"))
    }

    public func creerCleApi(organisme: OrganismeID, nom: String, prefixe: String, hash: String, now: Date)
        async throws -> CleApi
    {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO cles_api (organisme_id, hash, created_at, nom, prefixe) VALUES (?, ?, ?, ?, ?)",
                arguments: [organisme.rawValue, hash, now.epoch, nom, prefixe])
            return CleApi(
                id: CleApiID(db.lastInsertedRowID), organisme: organisme, hash: hash, createdAt: now,
                lastUsedAt: nil, revokedAt: nil, nom: nom, prefixe: prefixe)
        }
    }

    public func cleApi(hash: String) async throws -> CleApi? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM cles_api WHERE hash = ?", arguments: [hash]).map(Self.cleApi)
        }
    }

    public func cleUtilisee(_ id: CleApiID, now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE cles_api SET last_used_at = ? WHERE id = ?", arguments: [now.epoch, id.rawValue])
        }
    }

    public func revoquerClesApi(organisme: OrganismeID?, hash: String?, now: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE cles_api SET revoked_at = ?
                    WHERE revoked_at IS NULL AND (organisme_id = ? OR hash = ?)
                    """,
                arguments: [now.epoch, organisme?.rawValue, hash])
            return db.changesCount
        }
    }
}

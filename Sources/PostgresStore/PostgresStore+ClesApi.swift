import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    static func cleApi(_ r: PostgresRandomAccessRow) throws -> CleApi {
        let l = LignePG(r, table: "cles_api")
        return CleApi(
            id: CleApiID(try l.exiger("id")), organisme: OrganismeID(try l.exiger("organisme_id")),
            hash: try l.exiger("hash"),
            createdAt: try l.instant("created_at"), lastUsedAt: try l.instantOptionnel("last_used_at"),
            revokedAt: try l.instantOptionnel("revoked_at"), nom: try l.exiger("nom"), prefixe: try l.exiger("prefixe"),
            derniereTransmission: try l.instantOptionnel("derniere_transmission_le"))
    }

    public func creerCleApi(organisme: OrganismeID, nom: String, prefixe: String, hash: String, now: Date)
        async throws -> CleApi
    {
        let id = try await valeur(
            """
            INSERT INTO cles_api (organisme_id, hash, created_at, nom, prefixe)
            VALUES (\(organisme.rawValue), \(hash), \(now.epoch), \(nom), \(prefixe)) RETURNING id
            """, Int64.self)!
        return CleApi(
            id: CleApiID(id), organisme: organisme, hash: hash, createdAt: now, lastUsedAt: nil, revokedAt: nil,
            nom: nom, prefixe: prefixe)
    }

    public func cleApi(hash: String) async throws -> CleApi? {
        try await ligne("SELECT * FROM cles_api WHERE hash = \(hash)", Self.cleApi)
    }

    public func cleUtilisee(_ id: CleApiID, now: Date) async throws {
        try await executer("UPDATE cles_api SET last_used_at = \(now.epoch) WHERE id = \(id.rawValue)")
    }

    public func revoquerClesApi(organisme: OrganismeID?, hash: String?, now: Date) async throws -> Int {
        try await nombreModifies(
            """
            UPDATE cles_api SET revoked_at = \(now.epoch)
            WHERE revoked_at IS NULL AND (organisme_id = \(organisme?.rawValue) OR hash = \(hash))
            RETURNING id
            """)
    }

    public func clesApi(organisme: OrganismeID) async throws -> [CleApi] {
        try await lignes(
            "SELECT * FROM cles_api WHERE organisme_id = \(organisme.rawValue) ORDER BY id DESC", Self.cleApi)
    }

    public func revoquer(cleApi id: CleApiID, organisme: OrganismeID, now: Date) async throws -> Bool {
        try await nombreModifies(
            """
            UPDATE cles_api SET revoked_at = \(now.epoch)
            WHERE id = \(id.rawValue) AND organisme_id = \(organisme.rawValue) AND revoked_at IS NULL RETURNING id
            """) == 1
    }
}

import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func incrementer(compteur genre: String, cle: String, fenetre: Int64, expireLe: Date, now: Date) async throws
        -> Int
    {
        try await pool.write { db in
            let nombre =
                try Int.fetchOne(
                    db,
                    sql: """
                        INSERT INTO compteurs_limites (genre, cle, fenetre, nombre, expire_le) VALUES (?, ?, ?, 1, ?)
                        ON CONFLICT (genre, cle, fenetre) DO UPDATE SET nombre = nombre + 1
                        RETURNING nombre
                        """,
                    arguments: [genre, cle, fenetre, expireLe.epoch]) ?? 1
            if nombre == 1 {
                try db.execute(sql: "DELETE FROM compteurs_limites WHERE expire_le < ?", arguments: [now.epoch])
            }
            return nombre
        }
    }

    public func echecsConnexion(ip: String, email: String, depuisPaire: Date, depuisAdresse: Date) async throws
        -> EchecsConnexion
    {
        try await pool.read { db in
            let paire = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*), MAX(le) FROM tentatives_connexion
                    WHERE email = ? AND ip = ? AND reussie = 0 AND le >= ?
                    """,
                arguments: [email.lowercased(), ip, depuisPaire.epoch])
            let adresse = try Row.fetchOne(
                db, sql: "SELECT COUNT(*), MAX(le) FROM tentatives_connexion WHERE ip = ? AND reussie = 0 AND le >= ?",
                arguments: [ip, depuisAdresse.epoch])
            return EchecsConnexion(
                paire: paire?[0] ?? 0, dernierPaire: Date(epoch: paire?[1]),
                adresse: adresse?[0] ?? 0, dernierAdresse: Date(epoch: adresse?[1]))
        }
    }

    public func oublierEchecs(ip: String, email: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM tentatives_connexion WHERE email = ? AND ip = ? AND reussie = 0",
                arguments: [email.lowercased(), ip])
        }
    }
}

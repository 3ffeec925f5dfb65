import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Atomic across instances: `ON CONFLICT … DO UPDATE` takes the row lock, and `RETURNING` gives the value this
    /// statement wrote.
    public func incrementer(compteur genre: String, cle: String, fenetre: Int64, expireLe: Date, now: Date) async throws
        -> Int
    {
        let nombre =
            try await valeur(
                """
                INSERT INTO compteurs_limites (genre, cle, fenetre, nombre, expire_le)
                VALUES (\(genre), \(cle), \(fenetre), 1, \(expireLe.epoch))
                ON CONFLICT (genre, cle, fenetre) DO UPDATE SET nombre = compteurs_limites.nombre + 1
                RETURNING nombre
                """, Int64.self) ?? 1
        if nombre == 1 { try await executer("DELETE FROM compteurs_limites WHERE expire_le < \(now.epoch)") }
        return Int(nombre)
    }

    public func echecsConnexion(ip: String, email: String, depuisPaire: Date, depuisAdresse: Date) async throws
        -> EchecsConnexion
    {
        let r = try await ligne(
            """
            SELECT (SELECT COUNT(*) FROM tentatives_connexion
                    WHERE email = \(email.lowercased()) AND ip = \(ip) AND NOT reussie AND le >= \(depuisPaire.epoch)),
                   (SELECT MAX(le) FROM tentatives_connexion
                    WHERE email = \(email.lowercased()) AND ip = \(ip) AND NOT reussie AND le >= \(depuisPaire.epoch)),
                   (SELECT COUNT(*) FROM tentatives_connexion WHERE ip = \(ip) AND NOT reussie AND le >= \(depuisAdresse.epoch)),
                   (SELECT MAX(le) FROM tentatives_connexion WHERE ip = \(ip) AND NOT reussie AND le >= \(depuisAdresse.epoch))
            """
        ) { r in
            EchecsConnexion(
                paire: Int(try r[0].decode(Int64.self)),
                dernierPaire: (try r[1].decode(Double?.self)).map(Date.init(timeIntervalSince1970:)),
                adresse: Int(try r[2].decode(Int64.self)),
                dernierAdresse: (try r[3].decode(Double?.self)).map(Date.init(timeIntervalSince1970:)))
        }
        return r ?? EchecsConnexion()
    }

    public func oublierEchecs(ip: String, email: String) async throws {
        try await executer(
            """
            DELETE FROM tentatives_connexion WHERE email = \(email.lowercased()) AND ip = \(ip) AND NOT reussie
            """)
    }
}

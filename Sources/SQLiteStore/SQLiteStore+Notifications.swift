import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func preferencesNotifications(utilisateur: UtilisateurID) async throws -> [GenreNotification: Bool] {
        try await pool.read { db in
            var choix: [GenreNotification: Bool] = [:]
            for r in try Row.fetchAll(
                db, sql: "SELECT genre, active FROM preferences_notifications WHERE utilisateur_id = ?",
                arguments: [utilisateur.rawValue])
            {
                let l = LigneLue(r, table: "preferences_notifications", identifiant: utilisateur)
                // A kind this version does not know (written by a newer one) is left aside.
                if let genre = GenreNotification(rawValue: try l.exiger("genre")) {
                    choix[genre] = try l.exiger("active", Bool.self)
                }
            }
            return choix
        }
    }

    public func definir(notification: GenreNotification, active: Bool, utilisateur: UtilisateurID) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO preferences_notifications (utilisateur_id, genre, active) VALUES (?, ?, ?)
                    ON CONFLICT (utilisateur_id, genre) DO UPDATE SET active = excluded.active
                    """,
                arguments: [utilisateur.rawValue, notification.rawValue, active])
        }
    }

    public func veutNotification(_ genre: GenreNotification, utilisateur: UtilisateurID) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT active FROM preferences_notifications WHERE utilisateur_id = ? AND genre = ?",
                arguments: [utilisateur.rawValue, genre.rawValue]) ?? true
        }
    }

    public func administrateursDesOrganismes() async throws -> [OrganismeID: [Utilisateur]] {
        try await pool.read { db in
            var parOrganisme: [OrganismeID: [Utilisateur]] = [:]
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT o.organisme_id AS organisme_cible, u.* FROM utilisateurs u
                    JOIN organisations o ON o.id = u.organisation_id
                    WHERE o.type = ? AND o.organisme_id IS NOT NULL AND u.role = ? AND u.statut = ?
                    ORDER BY u.id
                    """,
                arguments: [
                    TypeOrganisation.organismeFormation.rawValue, Role.administrateur.rawValue,
                    StatutCompte.actif.rawValue,
                ])
            {
                let organisme = OrganismeID(
                    try LigneLue(r, table: "utilisateurs").exiger("organisme_cible", Int64.self))
                parOrganisme[organisme, default: []].append(try Self.utilisateur(r))
            }
            return parOrganisme
        }
    }

    public func courrielsParCle(prefixe: String) async throws -> [(cle: String, creeLe: Date)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, cle, cree_le FROM courriels WHERE cle IS NOT NULL AND substr(cle, 1, length(?)) = ?
                    ORDER BY id
                    """,
                arguments: [prefixe, prefixe]
            ).map { r in
                let l = LigneLue(r, table: "courriels")
                return (try l.exiger("cle", String.self), try l.instant("cree_le"))
            }
        }
    }
}

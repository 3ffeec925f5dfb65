import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func noterConnexion(utilisateur: UtilisateurID, now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE utilisateurs SET derniere_connexion_le = ? WHERE id = ?",
                arguments: [now.epoch, utilisateur.rawValue])
        }
    }

    public func changerStatut(utilisateur: UtilisateurID, de: StatutCompte, vers: StatutCompte, now: Date) async throws
        -> Bool
    {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE utilisateurs SET statut = ?, reactive_le = CASE WHEN ? = 'actif' THEN ? ELSE reactive_le END
                    WHERE id = ? AND statut = ?
                    """,
                arguments: [vers.rawValue, vers.rawValue, now.epoch, utilisateur.rawValue, de.rawValue])
            return db.changesCount == 1
        }
    }

    public func noterAvertissementInactivite(utilisateur: UtilisateurID, depuis: Date, now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE utilisateurs SET inactivite_avertie_le = ?
                    WHERE id = ? AND (inactivite_avertie_le IS NULL OR inactivite_avertie_le < ?)
                    """,
                arguments: [now.epoch, utilisateur.rawValue, depuis.epoch])
            return db.changesCount == 1
        }
    }

    public func utilisateursActifs() async throws -> [Utilisateur] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM utilisateurs WHERE statut = 'actif' ORDER BY id").map(
                Self.utilisateur)
        }
    }

    public func effacer(utilisateur: UtilisateurID, now: Date) async throws {
        try await pool.write { db in
            let id = utilisateur.rawValue
            let anonyme = Self.emailEfface(utilisateur)
            try db.execute(
                sql: """
                    UPDATE jetons SET utilise_le = ifnull(utilise_le, ?), email = ?
                    WHERE utilisateur_id = ? OR email = (SELECT email FROM utilisateurs WHERE id = ?)
                    """,
                arguments: [now.epoch, anonyme, id, id])
            try db.execute(
                sql: """
                    UPDATE utilisateurs SET email = ?, nom = '', prenom = '', hash_mot_de_passe = '', statut = 'supprime',
                      derniere_connexion_le = NULL, reactive_le = NULL, inactivite_avertie_le = NULL
                    WHERE id = ?
                    """,
                arguments: [anonyme, id])
            try db.execute(
                sql: "UPDATE sessions SET revoquee_le = ? WHERE utilisateur_id = ? AND revoquee_le IS NULL",
                arguments: [now.epoch, id])
        }
    }

    /// The address a deleted account keeps: unique, and in a domain that can never receive mail (RFC 2606).
    static func emailEfface(_ u: UtilisateurID) -> String { "supprime-\(u.rawValue)@comptes-supprimes.invalid" }

    public func annulerJetons(_ type: TypeJeton, utilisateur: UtilisateurID, now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE jetons SET utilise_le = ? WHERE type = ? AND utilisateur_id = ? AND utilise_le IS NULL",
                arguments: [now.epoch, type.rawValue, utilisateur.rawValue])
        }
    }

    public func marquerEnvoye(courriel id: Int64, le: Date, corps: String, html: String?) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE courriels SET envoye_le = ?, erreur = NULL, corps = ?, html = ? WHERE id = ?",
                arguments: [le.epoch, corps, html, id])
        }
    }
}

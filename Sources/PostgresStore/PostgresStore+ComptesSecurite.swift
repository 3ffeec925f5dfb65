import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func noterConnexion(utilisateur: UtilisateurID, now: Date) async throws {
        try await executer(
            "UPDATE utilisateurs SET derniere_connexion_le = \(now.epoch) WHERE id = \(utilisateur.rawValue)")
    }

    public func changerStatut(utilisateur: UtilisateurID, de: StatutCompte, vers: StatutCompte, now: Date) async throws
        -> Bool
    {
        try await nombreModifies(
            """
            UPDATE utilisateurs SET statut = \(vers.rawValue),
              reactive_le = CASE WHEN \(vers.rawValue) = 'actif' THEN \(now.epoch) ELSE reactive_le END
            WHERE id = \(utilisateur.rawValue) AND statut = \(de.rawValue)
            RETURNING id
            """) == 1
    }

    public func noterAvertissementInactivite(utilisateur: UtilisateurID, depuis: Date, now: Date) async throws -> Bool {
        try await nombreModifies(
            """
            UPDATE utilisateurs SET inactivite_avertie_le = \(now.epoch)
            WHERE id = \(utilisateur.rawValue) AND (inactivite_avertie_le IS NULL OR inactivite_avertie_le < \(depuis.epoch))
            RETURNING id
            """) == 1
    }

    public func utilisateursActifs() async throws -> [Utilisateur] {
        try await lignes("SELECT * FROM utilisateurs WHERE statut = 'actif' ORDER BY id", Self.utilisateur)
    }

    public func effacer(utilisateur: UtilisateurID, now: Date) async throws {
        let id = utilisateur.rawValue
        let anonyme = "supprime-\(id)@comptes-supprimes.invalid"  // a domain that can never receive mail (RFC 2606)
        try await transaction { c in
            try await c.executer(
                """
                UPDATE jetons SET utilise_le = coalesce(utilise_le, \(now.epoch)), email = \(anonyme)
                WHERE utilisateur_id = \(id) OR email = (SELECT email FROM utilisateurs WHERE id = \(id))
                """)
            try await c.executer(
                """
                UPDATE utilisateurs SET email = \(anonyme), nom = '', prenom = '', hash_mot_de_passe = '', statut = 'supprime',
                  derniere_connexion_le = NULL, reactive_le = NULL, inactivite_avertie_le = NULL
                WHERE id = \(id)
                """)
            try await c.executer(
                """
                UPDATE sessions SET revoquee_le = \(now.epoch) WHERE utilisateur_id = \(id) AND revoquee_le IS NULL
                """)
        }
    }

    public func annulerJetons(_ type: TypeJeton, utilisateur: UtilisateurID, now: Date) async throws {
        try await executer(
            """
            UPDATE jetons SET utilise_le = \(now.epoch)
            WHERE type = \(type.rawValue) AND utilisateur_id = \(utilisateur.rawValue) AND utilise_le IS NULL
            """)
    }

    public func marquerEnvoye(courriel id: Int64, le: Date, corps: String, html: String?) async throws {
        try await executer(
            """
            UPDATE courriels SET envoye_le = \(le.epoch), erreur = NULL, corps = \(corps), html = \(html) WHERE id = \(id)
            """)
    }
}

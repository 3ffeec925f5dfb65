import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func preferencesNotifications(utilisateur: UtilisateurID) async throws -> [GenreNotification: Bool] {
        let lignes = try await lignes(
            "SELECT genre, active FROM preferences_notifications WHERE utilisateur_id = \(utilisateur.rawValue)"
        ) { r -> (String, Bool) in
            let l = LignePG(r, table: "preferences_notifications", id: "genre")
            return (try l.exiger("genre", String.self), try l.exiger("active", Bool.self))
        }
        var choix: [GenreNotification: Bool] = [:]
        // A kind this version does not know (written by a newer one) is left aside.
        for (genre, active) in lignes { if let g = GenreNotification(rawValue: genre) { choix[g] = active } }
        return choix
    }

    public func definir(notification: GenreNotification, active: Bool, utilisateur: UtilisateurID) async throws {
        try await executer(
            """
            INSERT INTO preferences_notifications (utilisateur_id, genre, active)
            VALUES (\(utilisateur.rawValue), \(notification.rawValue), \(active))
            ON CONFLICT (utilisateur_id, genre) DO UPDATE SET active = EXCLUDED.active
            """)
    }

    public func veutNotification(_ genre: GenreNotification, utilisateur: UtilisateurID) async throws -> Bool {
        try await valeur(
            """
            SELECT active FROM preferences_notifications
            WHERE utilisateur_id = \(utilisateur.rawValue) AND genre = \(genre.rawValue)
            """, Bool.self) ?? true
    }

    public func administrateursDesOrganismes() async throws -> [OrganismeID: [Utilisateur]] {
        let lignes = try await lignes(
            """
            SELECT o.organisme_id AS organisme_cible, u.* FROM utilisateurs u
            JOIN organisations o ON o.id = u.organisation_id
            WHERE o.type = \(TypeOrganisation.organismeFormation.rawValue) AND o.organisme_id IS NOT NULL
              AND u.role = \(Role.administrateur.rawValue) AND u.statut = \(StatutCompte.actif.rawValue)
            ORDER BY u.id
            """
        ) { r in
            (
                OrganismeID(try LignePG(r, table: "utilisateurs").exiger("organisme_cible", Int64.self)),
                try Self.utilisateur(r)
            )
        }
        var parOrganisme: [OrganismeID: [Utilisateur]] = [:]
        for (organisme, u) in lignes { parOrganisme[organisme, default: []].append(u) }
        return parOrganisme
    }

    public func courrielsParCle(prefixe: String) async throws -> [(cle: String, creeLe: Date)] {
        try await lignes(
            """
            SELECT id, cle, cree_le FROM courriels
            WHERE cle IS NOT NULL AND left(cle, length(\(prefixe))) = \(prefixe) ORDER BY id
            """
        ) { r in
            let l = LignePG(r, table: "courriels")
            return (try l.exiger("cle", String.self), try l.instant("cree_le"))
        }
    }
}

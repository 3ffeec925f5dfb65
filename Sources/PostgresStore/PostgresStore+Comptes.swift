import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    static func organisation(_ r: PostgresRandomAccessRow) throws -> Organisation {
        let l = LignePG(r, table: "organisations")
        return Organisation(
            id: OrganisationID(try l.exiger("id")),
            type: TypeOrganisation(rawValue: try l.exiger("type")) ?? .missionLocale,
            nom: try l.exiger("nom"), organisme: try l.exiger("organisme_id", Int64?.self).map(OrganismeID.init),
            region: try l.exiger("region"), departement: try l.exiger("departement"),
            academie: try l.exiger("academie"),
            reseau: try l.exiger("reseau"), missionLocale: try l.texteOuNul("mission_locale"))
    }

    public func organisation(id: OrganisationID) async throws -> Organisation? {
        try await ligne("SELECT * FROM organisations WHERE id = \(id.rawValue)", Self.organisation)
    }

    public func organisationExistante(_ o: NouvelleOrganisation) async throws -> Organisation? {
        // A mission locale of the référentiel is identified by its code alone.
        if o.type == .missionLocale, let code = o.missionLocale {
            return try await ligne(
                "SELECT * FROM organisations WHERE type = 'MISSION_LOCALE' AND mission_locale = \(code) ORDER BY id",
                Self.organisation)
        }
        return try await ligne(
            """
            SELECT * FROM organisations
            WHERE type = \(o.type.rawValue) AND coalesce(organisme_id, 0) = \(o.organisme?.rawValue ?? 0)
              AND coalesce(region, '') = \(o.region ?? "") AND coalesce(departement, '') = \(o.departement ?? "")
              AND coalesce(academie, '') = \(o.academie ?? "") AND coalesce(reseau, '') = \(o.reseau ?? "")
              AND (type <> 'MISSION_LOCALE' OR (nom = \(o.nom) AND mission_locale IS NULL))
            """, Self.organisation)
    }

    public func creerOrganisation(_ o: NouvelleOrganisation, now: Date) async throws -> Organisation {
        let id = try await valeur(
            """
            INSERT INTO organisations (type, nom, organisme_id, region, departement, academie, reseau, created_at,
                        mission_locale)
            VALUES (\(o.type.rawValue), \(o.nom), \(o.organisme?.rawValue), \(o.region), \(o.departement), \(o.academie),
                    \(o.reseau), \(now.epoch), \(o.missionLocale))
            RETURNING id
            """, Int64.self)!
        return Organisation(
            id: OrganisationID(id), type: o.type, nom: o.nom, organisme: o.organisme, region: o.region,
            departement: o.departement, academie: o.academie, reseau: o.reseau,
            missionLocale: o.missionLocale)
    }

    public func organisations(recherche: String, limite: Int) async throws -> [(Organisation, utilisateurs: Int)] {
        try await lignes(
            """
            SELECT o.*, (SELECT COUNT(*) FROM utilisateurs u WHERE u.organisation_id = o.id) AS nb
            FROM organisations o
            WHERE o.nom LIKE '%' || \(Self.motifLike(recherche)) || '%'
            ORDER BY o.nom LIMIT \(Int64(limite))
            """
        ) {
            (
                try Self.organisation($0),
                utilisateurs: Int(try LignePG($0, table: "organisations").exiger("nb", Int64.self))
            )
        }
    }

    /// Escapes `%`, `_` and `\` for a LIKE pattern (backslash is PostgreSQL's default escape).
    static func motifLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    // MARK: - Utilisateurs

    static func utilisateur(_ r: PostgresRandomAccessRow) throws -> Utilisateur {
        let l = LignePG(r, table: "utilisateurs")
        return Utilisateur(
            id: UtilisateurID(try l.exiger("id")), email: try l.exiger("email"), nom: try l.exiger("nom"),
            prenom: try l.exiger("prenom"),
            organisation: OrganisationID(try l.exiger("organisation_id")),
            role: Role(rawValue: try l.exiger("role")) ?? .membre,
            statut: StatutCompte(rawValue: try l.exiger("statut")) ?? .rejete,
            hashMotDePasse: try l.exiger("hash_mot_de_passe"),
            createdAt: try l.instant("created_at"), derniereConnexion: try l.instantOptionnel("derniere_connexion_le"),
            reactiveLe: try l.instantOptionnel("reactive_le"),
            inactiviteAvertieLe: try l.instantOptionnel("inactivite_avertie_le"))
    }

    public func utilisateur(id: UtilisateurID) async throws -> Utilisateur? {
        try await ligne("SELECT * FROM utilisateurs WHERE id = \(id.rawValue)", Self.utilisateur)
    }

    public func utilisateur(email: String) async throws -> Utilisateur? {
        try await ligne("SELECT * FROM utilisateurs WHERE email = \(email.lowercased())", Self.utilisateur)
    }

    public func creerUtilisateur(_ u: NouvelUtilisateur, now: Date) async throws -> Utilisateur {
        let id = try await valeur(
            """
            INSERT INTO utilisateurs (email, nom, prenom, organisation_id, role, statut, hash_mot_de_passe, created_at)
            VALUES (\(u.email), \(u.nom), \(u.prenom), \(u.organisation.rawValue), \(u.role.rawValue), \(u.statut.rawValue),
                    \(u.hashMotDePasse), \(now.epoch))
            ON CONFLICT (email) DO NOTHING
            RETURNING id
            """, Int64.self)
        guard let id else { throw ErreurSaisie("email", "Un compte existe déjà avec cette adresse e-mail") }
        return Utilisateur(
            id: UtilisateurID(id), email: u.email, nom: u.nom, prenom: u.prenom, organisation: u.organisation,
            role: u.role, statut: u.statut, hashMotDePasse: u.hashMotDePasse, createdAt: now)
    }

    public func utilisateurs(organisation: OrganisationID) async throws -> [Utilisateur] {
        try await lignes(
            "SELECT * FROM utilisateurs WHERE organisation_id = \(organisation.rawValue) ORDER BY nom, prenom",
            Self.utilisateur)
    }

    public func utilisateurs(recherche: String, limite: Int) async throws -> [Utilisateur] {
        try await lignes(
            """
            SELECT u.* FROM utilisateurs u JOIN organisations o ON o.id = u.organisation_id
            WHERE lower(u.email || ' ' || u.nom || ' ' || u.prenom || ' ' || o.nom) LIKE '%' || \(Self.motifLike(recherche.lowercased())) || '%'
            ORDER BY CASE u.statut WHEN 'en_attente_validation' THEN 0 ELSE 1 END, u.created_at DESC
            LIMIT \(Int64(limite))
            """, Self.utilisateur)
    }

    public func modifier(utilisateur: UtilisateurID, statut: StatutCompte) async throws {
        try await executer("UPDATE utilisateurs SET statut = \(statut.rawValue) WHERE id = \(utilisateur.rawValue)")
    }

    public func modifier(utilisateur: UtilisateurID, role: Role) async throws {
        try await executer("UPDATE utilisateurs SET role = \(role.rawValue) WHERE id = \(utilisateur.rawValue)")
    }

    public func modifier(utilisateur: UtilisateurID, hashMotDePasse: String) async throws {
        try await executer(
            "UPDATE utilisateurs SET hash_mot_de_passe = \(hashMotDePasse) WHERE id = \(utilisateur.rawValue)")
    }
}

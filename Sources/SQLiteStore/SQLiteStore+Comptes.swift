import Domain
import Foundation
import GRDB

extension SQLiteStore {
    static func organisation(_ r: Row) throws -> Organisation {
        let l = LigneLue(r, table: "organisations")
        return Organisation(
            id: OrganisationID(try l.exiger("id")),
            type: TypeOrganisation(rawValue: try l.exiger("type")) ?? .missionLocale,
            nom: try l.exiger("nom"), organisme: try l.exiger("organisme_id", Int64?.self).map(OrganismeID.init),
            region: try l.exiger("region"), departement: try l.exiger("departement"),
            academie: try l.exiger("academie"),
            reseau: try l.exiger("reseau"), missionLocale: try l.texteOuNul("mission_locale"))
    }

    public func organisation(id: OrganisationID) async throws -> Organisation? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM organisations WHERE id = ?", arguments: [id.rawValue]).map(
                Self.organisation)
        }
    }

    public func organisationExistante(_ o: NouvelleOrganisation) async throws -> Organisation? {
        try await pool.read { db in
            // A mission locale of the référentiel is identified by its code alone.
            if o.type == .missionLocale, let code = o.missionLocale {
                return try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM organisations WHERE type = 'MISSION_LOCALE' AND mission_locale = ? ORDER BY id",
                    arguments: [code]
                ).map(Self.organisation)
            }
            return try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM organisations
                    WHERE type = ? AND ifnull(organisme_id, 0) = ? AND ifnull(region, '') = ? AND ifnull(departement, '') = ?
                      AND ifnull(academie, '') = ? AND ifnull(reseau, '') = ?
                      AND (type <> 'MISSION_LOCALE' OR (nom = ? AND mission_locale IS NULL))
                    """,
                arguments: [
                    o.type.rawValue, o.organisme?.rawValue ?? 0, o.region ?? "", o.departement ?? "",
                    o.academie ?? "", o.reseau ?? "", o.nom,
                ]
            ).map(Self.organisation)
        }
    }

    public func creerOrganisation(_ o: NouvelleOrganisation, now: Date) async throws -> Organisation {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO organisations (type, nom, organisme_id, region, departement, academie, reseau, created_at,
                        mission_locale)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    o.type.rawValue, o.nom, o.organisme?.rawValue, o.region, o.departement, o.academie, o.reseau,
                    now.epoch, o.missionLocale,
                ])
            return Organisation(
                id: OrganisationID(db.lastInsertedRowID), type: o.type, nom: o.nom, organisme: o.organisme,
                region: o.region, departement: o.departement, academie: o.academie, reseau: o.reseau,
                missionLocale: o.missionLocale)
        }
    }

    public func organisations(recherche: String, limite: Int) async throws -> [(Organisation, utilisateurs: Int)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.*, (SELECT COUNT(*) FROM utilisateurs u WHERE u.organisation_id = o.id) AS nb
                    FROM organisations o
                    WHERE o.nom LIKE '%' || ? || '%' ESCAPE '\\'
                    ORDER BY o.nom LIMIT ?
                    """,
                arguments: [Self.motifLike(recherche), limite]
            ).map {
                (
                    try Self.organisation($0),
                    utilisateurs: try LigneLue($0, table: "organisations").exiger("nb", Int.self)
                )
            }
        }
    }

    public func formateurs(de organisme: OrganismeID) async throws -> [(id: OrganismeID, partielle: Bool)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT formateur_id, responsabilite_partielle FROM organisme_relations
                    WHERE responsable_id = ? AND formateur_id <> responsable_id ORDER BY formateur_id
                    """,
                arguments: [organisme.rawValue]
            ).map {
                let l = LigneLue($0, table: "organisme_relations", id: "formateur_id")
                return (
                    id: OrganismeID(try l.exiger("formateur_id")),
                    partielle: try l.exiger("responsabilite_partielle", Bool.self)
                )
            }
        }
    }

    public func organismes(siretOuUai: String) async throws -> [Organisme] {
        let siret = SIRET(siretOuUai)?.rawValue ?? "-"
        let uai = UAI(siretOuUai)?.rawValue ?? "-"
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.colonnesOrganisme) FROM organismes WHERE siret = ? OR uai = ? ORDER BY id LIMIT 20",
                arguments: [siret, uai]
            ).map(Self.organisme)
        }
    }

    /// Escapes `%`, `_` and `\` for a LIKE pattern.
    static func motifLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    // MARK: - Utilisateurs

    static func utilisateur(_ r: Row) throws -> Utilisateur {
        let l = LigneLue(r, table: "utilisateurs")
        return Utilisateur(
            id: UtilisateurID(try l.exiger("id")), email: try l.exiger("email"), nom: try l.exiger("nom"),
            prenom: try l.exiger("prenom"), organisation: OrganisationID(try l.exiger("organisation_id")),
            role: Role(rawValue: try l.exiger("role")) ?? .membre,
            statut: StatutCompte(rawValue: try l.exiger("statut")) ?? .rejete,
            hashMotDePasse: try l.exiger("hash_mot_de_passe"),
            createdAt: try l.instant("created_at"), derniereConnexion: try l.instantOptionnel("derniere_connexion_le"),
            reactiveLe: try l.instantOptionnel("reactive_le"),
            inactiviteAvertieLe: try l.instantOptionnel("inactivite_avertie_le"))
    }

    public func utilisateur(id: UtilisateurID) async throws -> Utilisateur? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM utilisateurs WHERE id = ?", arguments: [id.rawValue]).map(
                Self.utilisateur)
        }
    }

    public func utilisateur(email: String) async throws -> Utilisateur? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM utilisateurs WHERE email = ?", arguments: [email.lowercased()])
                .map(Self.utilisateur)
        }
    }

    public func creerUtilisateur(_ u: NouvelUtilisateur, now: Date) async throws -> Utilisateur {
        try await pool.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM utilisateurs WHERE email = ?", arguments: [u.email]) != nil {
                throw ErreurSaisie("email", "Un compte existe déjà avec cette adresse e-mail")
            }
            try db.execute(
                sql: """
                    INSERT INTO utilisateurs (email, nom, prenom, organisation_id, role, statut, hash_mot_de_passe, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    u.email, u.nom, u.prenom, u.organisation.rawValue, u.role.rawValue, u.statut.rawValue,
                    u.hashMotDePasse, now.epoch,
                ])
            return Utilisateur(
                id: UtilisateurID(db.lastInsertedRowID), email: u.email, nom: u.nom, prenom: u.prenom,
                organisation: u.organisation, role: u.role, statut: u.statut,
                hashMotDePasse: u.hashMotDePasse, createdAt: now)
        }
    }

    public func utilisateurs(organisation: OrganisationID) async throws -> [Utilisateur] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM utilisateurs WHERE organisation_id = ? ORDER BY nom, prenom",
                arguments: [organisation.rawValue]
            ).map(Self.utilisateur)
        }
    }

    public func utilisateurs(recherche: String, limite: Int) async throws -> [Utilisateur] {
        try await pool.read { db in
            let motif = Self.motifLike(recherche.lowercased())
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT u.* FROM utilisateurs u JOIN organisations o ON o.id = u.organisation_id
                    WHERE lower(u.email || ' ' || u.nom || ' ' || u.prenom || ' ' || o.nom) LIKE '%' || ? || '%' ESCAPE '\\'
                    ORDER BY CASE u.statut WHEN 'en_attente_validation' THEN 0 ELSE 1 END, u.created_at DESC
                    LIMIT ?
                    """,
                arguments: [motif, limite]
            ).map(Self.utilisateur)
        }
    }

    public func modifier(utilisateur: UtilisateurID, statut: StatutCompte) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE utilisateurs SET statut = ? WHERE id = ?",
                arguments: [statut.rawValue, utilisateur.rawValue])
        }
    }

    public func modifier(utilisateur: UtilisateurID, role: Role) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE utilisateurs SET role = ? WHERE id = ?", arguments: [role.rawValue, utilisateur.rawValue])
        }
    }

    public func modifier(utilisateur: UtilisateurID, hashMotDePasse: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE utilisateurs SET hash_mot_de_passe = ? WHERE id = ?",
                arguments: [hashMotDePasse, utilisateur.rawValue])
        }
    }
}

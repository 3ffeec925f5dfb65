import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func contactPublic(organisme: OrganismeID) async throws -> ContactPublic {
        try await pool.read { db in
            guard
                let r = try Row.fetchOne(
                    db, sql: "SELECT visible, courriel, telephone FROM contacts_publics WHERE organisme_id = ?",
                    arguments: [organisme.rawValue])
            else { return ContactPublic() }
            return try Self.contactPublic(LigneLue(r, table: "contacts_publics", identifiant: organisme))
        }
    }

    public func contactsPublics() async throws -> [OrganismeID: ContactPublic] {
        try await pool.read { db in
            var resultat: [OrganismeID: ContactPublic] = [:]
            for r in try Row.fetchAll(
                db, sql: "SELECT organisme_id, visible, courriel, telephone FROM contacts_publics ORDER BY organisme_id"
            ) {
                let l = LigneLue(r, table: "contacts_publics", id: "organisme_id")
                resultat[OrganismeID(try l.exiger("organisme_id"))] = try Self.contactPublic(l)
            }
            return resultat
        }
    }

    static func contactPublic(_ l: LigneLue) throws -> ContactPublic {
        ContactPublic(
            visible: try l.exiger("visible", Bool.self), courriel: try l.exiger("courriel"),
            telephone: try l.exiger("telephone"))
    }

    public func enregistrer(contactPublic c: ContactPublic, organisme: OrganismeID, now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO contacts_publics (organisme_id, visible, courriel, telephone, modifie_le)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (organisme_id) DO UPDATE
                    SET visible = excluded.visible, courriel = excluded.courriel, telephone = excluded.telephone,
                        modifie_le = excluded.modifie_le
                    """, arguments: [organisme.rawValue, c.visible, c.courriel, c.telephone, now.epoch])
        }
    }

    public func compterRecherche(_ r: RechercheComptee) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO recherches_entreprises (mois, code_rome, type_territoire, code_territoire, nombre)
                    VALUES (?, ?, ?, ?, 1)
                    ON CONFLICT (mois, code_rome, type_territoire, code_territoire) DO UPDATE SET nombre = nombre + 1
                    """, arguments: [r.mois, r.codeRome.rawValue, r.typeTerritoire, r.codeTerritoire])
        }
    }

    public func recherchesEntreprises(depuis mois: String) async throws -> [CompteRecherches] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT mois, code_rome, type_territoire, code_territoire, nombre FROM recherches_entreprises
                    WHERE mois >= ? ORDER BY mois, code_rome, type_territoire, code_territoire
                    """, arguments: [mois]
            ).map { r in
                let l = LigneLue(r, table: "recherches_entreprises")
                let rome: String = try l.exiger("code_rome")
                return CompteRecherches(
                    recherche: RechercheComptee(
                        mois: try l.exiger("mois"), codeRome: try CodeROME(rome).ou(l.illisible("code_rome")),
                        typeTerritoire: try l.exiger("type_territoire"), codeTerritoire: try l.exiger("code_territoire")
                    ), nombre: try l.exiger("nombre"))
            }
        }
    }
}

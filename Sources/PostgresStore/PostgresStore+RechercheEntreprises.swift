import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func contactPublic(organisme: OrganismeID) async throws -> ContactPublic {
        try await ligne(
            "SELECT visible, courriel, telephone FROM contacts_publics WHERE organisme_id = \(organisme.rawValue)"
        ) { r in
            try Self.contactPublic(LignePG(r, table: "contacts_publics", identifiant: organisme))
        } ?? ContactPublic()
    }

    public func contactsPublics() async throws -> [OrganismeID: ContactPublic] {
        let paires = try await lignes(
            "SELECT organisme_id, visible, courriel, telephone FROM contacts_publics ORDER BY organisme_id"
        ) { r in
            let l = LignePG(r, table: "contacts_publics", id: "organisme_id")
            return (OrganismeID(try l.exiger("organisme_id", Int64.self)), try Self.contactPublic(l))
        }
        return Dictionary(paires, uniquingKeysWith: { a, _ in a })
    }

    static func contactPublic(_ l: LignePG) throws -> ContactPublic {
        ContactPublic(
            visible: try l.exiger("visible", Bool.self), courriel: try l.exiger("courriel", String?.self),
            telephone: try l.exiger("telephone", String?.self))
    }

    public func enregistrer(contactPublic c: ContactPublic, organisme: OrganismeID, now: Date) async throws {
        try await executer(
            """
            INSERT INTO contacts_publics (organisme_id, visible, courriel, telephone, modifie_le)
            VALUES (\(organisme.rawValue), \(c.visible), \(c.courriel), \(c.telephone), \(now.epoch))
            ON CONFLICT (organisme_id) DO UPDATE
            SET visible = excluded.visible, courriel = excluded.courriel, telephone = excluded.telephone,
                modifie_le = excluded.modifie_le
            """)
    }

    public func compterRecherche(_ r: RechercheComptee) async throws {
        try await executer(
            """
            INSERT INTO recherches_entreprises (mois, code_rome, type_territoire, code_territoire, nombre)
            VALUES (\(r.mois), \(r.codeRome.rawValue), \(r.typeTerritoire), \(r.codeTerritoire), 1)
            ON CONFLICT (mois, code_rome, type_territoire, code_territoire)
            DO UPDATE SET nombre = recherches_entreprises.nombre + 1
            """)
    }

    public func recherchesEntreprises(depuis mois: String) async throws -> [CompteRecherches] {
        try await lignes(
            """
            SELECT mois, code_rome, type_territoire, code_territoire, nombre FROM recherches_entreprises
            WHERE mois >= \(mois) ORDER BY mois, code_rome, type_territoire, code_territoire
            """
        ) { r in
            let l = LignePG(r, table: "recherches_entreprises", id: "mois")
            let rome = try l.exiger("code_rome", String.self)
            return CompteRecherches(
                recherche: RechercheComptee(
                    mois: try l.exiger("mois", String.self), codeRome: try CodeROME(rome).ou(l.illisible("code_rome")),
                    typeTerritoire: try l.exiger("type_territoire", String.self),
                    codeTerritoire: try l.exiger("code_territoire", String.self)),
                nombre: Int(try l.exiger("nombre", Int64.self)))
        }
    }
}

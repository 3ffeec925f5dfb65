import Domain
import Foundation
import GRDB

extension SQLiteStore {
    static let colonnesOrganisme = """
        id, uai, siret, nom, nature, code_postal, code_commune_insee, commune, departement, region, academie, reseaux,
        fiable, ferme, first_transmission_date, last_transmission_date, last_erp_transmission_date,
        has_transmission_errors
        """

    static func organisme(_ r: Row) throws -> Organisme {
        let l = LigneLue(r, table: "organismes")
        let reseaux: String = try l.exiger("reseaux")
        return Organisme(
            id: OrganismeID(try l.exiger("id")), uai: try l.exiger("uai", String?.self).flatMap(UAI.init),
            siret: try l.exiger("siret", SIRET.init),
            nom: try l.exiger("nom"), nature: NatureOrganisme(rawValue: try l.exiger("nature")) ?? .inconnue,
            adresse: AdresseOrganisme(
                codePostal: try l.exiger("code_postal"), codeCommuneInsee: try l.exiger("code_commune_insee"),
                commune: try l.exiger("commune"), departement: try l.exiger("departement"),
                region: try l.exiger("region"),
                academie: try l.exiger("academie")),
            reseaux: reseaux.split(separator: "|").map(String.init), fiable: try l.exiger("fiable"),
            ferme: try l.exiger("ferme"),
            firstTransmissionDate: try l.instantOptionnel("first_transmission_date"),
            lastTransmissionDate: try l.instantOptionnel("last_transmission_date"),
            lastErpTransmissionDate: try l.instantOptionnel("last_erp_transmission_date"),
            hasTransmissionErrors: try l.exiger("has_transmission_errors"))
    }

    public func organisme(id: OrganismeID) async throws -> Organisme? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.colonnesOrganisme) FROM organismes WHERE id = ?",
                arguments: [id.rawValue]
            ).map(Self.organisme)
        }
    }

    public func organisme(cle: OrganismeCle) async throws -> Organisme? {
        try await organismes(cles: [cle])[cle]
    }

    public func organismes(cles: Set<OrganismeCle>) async throws -> [OrganismeCle: Organisme] {
        try await pool.read { db in
            var result: [OrganismeCle: Organisme] = [:]
            let statement = try db.cachedStatement(
                sql: "SELECT \(Self.colonnesOrganisme) FROM organismes WHERE uai = ? AND siret = ?")
            for cle in cles {
                if let row = try Row.fetchOne(statement, arguments: [cle.uai.rawValue, cle.siret.rawValue]) {
                    result[cle] = try Self.organisme(row)
                }
            }
            return result
        }
    }

    public func perimetreCle(de id: OrganismeID) async throws -> PerimetreCle {
        try await pool.read { db in
            let relations = try Row.fetchAll(
                db,
                sql: """
                    SELECT responsable_id, formateur_id FROM organisme_relations
                    WHERE responsable_id = ? OR formateur_id = ?
                       OR formateur_id IN (SELECT formateur_id FROM organisme_relations WHERE responsable_id = ?)
                    """,
                arguments: [id.rawValue, id.rawValue, id.rawValue]
            ).map {
                let l = LigneLue($0, table: "organisme_relations", id: "formateur_id")
                return (
                    responsable: OrganismeID(try l.exiger(0, "responsable_id")),
                    formateur: OrganismeID(try l.exiger(1, "formateur_id"))
                )
            }
            return PerimetreCle(organisme: id, relations: relations)
        }
    }

    public func importer(organismes: [OrganismeImporte]) async throws -> BilanImport {
        let now = Date().epoch
        return try await pool.write { db in
            var bilan = BilanImport()
            let find = try db.cachedStatement(sql: "SELECT id FROM organismes WHERE ifnull(uai, '') = ? AND siret = ?")
            for o in organismes {
                let a = o.adresse
                let values: StatementArguments = [
                    o.nom, o.nature.rawValue, a.codePostal, a.codeCommuneInsee, a.commune, a.departement, a.region,
                    a.academie, o.reseaux.joined(separator: "|"), o.fiable, o.ferme, now,
                ]
                if let id = try Int64.fetchOne(find, arguments: [o.uai?.rawValue ?? "", o.siret.rawValue]) {
                    try db.execute(
                        sql: """
                            UPDATE organismes SET nom = ?, nature = ?, code_postal = ?, code_commune_insee = ?,
                                commune = ?, departement = ?, region = ?, academie = ?, reseaux = ?, fiable = ?,
                                ferme = ?, updated_at = ?
                            WHERE id = ?
                            """,
                        arguments: values + [id])
                    bilan.misAJour += 1
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO organismes (nom, nature, code_postal, code_commune_insee, commune, departement,
                                region, academie, reseaux, fiable, ferme, updated_at, uai, siret, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: values + [o.uai?.rawValue, o.siret.rawValue, now])
                    bilan.crees += 1
                }
            }
            try Self.nouvelleVersionOrganismes(db)
            return bilan
        }
    }

    public func importer(relations: [(responsable: OrganismeID, formateur: OrganismeID)]) async throws -> BilanImport {
        try await pool.write { db in
            var bilan = BilanImport()
            for r in relations {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO organisme_relations (responsable_id, formateur_id) VALUES (?, ?)",
                    arguments: [r.responsable.rawValue, r.formateur.rawValue])
                if db.changesCount > 0 { bilan.crees += 1 }
            }
            // A link is partial when the two belong to different companies and the formateur has responsables
            // of more than one company (domain §8.4).
            try db.execute(
                sql: """
                    UPDATE organisme_relations SET responsabilite_partielle = (
                        (SELECT substr(siret, 1, 9) FROM organismes WHERE id = responsable_id)
                            <> (SELECT substr(siret, 1, 9) FROM organismes WHERE id = formateur_id)
                        AND (SELECT COUNT(DISTINCT substr(o.siret, 1, 9))
                             FROM organisme_relations r JOIN organismes o ON o.id = r.responsable_id
                             WHERE r.formateur_id = organisme_relations.formateur_id) > 1)
                    """)
            try Self.nouvelleVersionOrganismes(db)
            return bilan
        }
    }

    /// Tells the instances following the database that organismes, relations or formations changed.
    static func nouvelleVersionOrganismes(_ db: Database) throws {
        try db.execute(sql: "UPDATE versions SET valeur = valeur + 1 WHERE nom = 'organismes'")
    }
}

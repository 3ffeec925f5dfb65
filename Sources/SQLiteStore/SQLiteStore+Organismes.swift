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
        let reseaux: String = r["reseaux"]
        let id: Int64 = r["id"]
        return Organisme(
            id: OrganismeID(id), uai: (r["uai"] as String?).flatMap(UAI.init),
            siret: try SIRET(r["siret"] as String).ou(LigneIllisible(table: "organismes", id: id, colonne: "siret")),
            nom: r["nom"], nature: NatureOrganisme(rawValue: r["nature"]) ?? .inconnue,
            adresse: AdresseOrganisme(
                codePostal: r["code_postal"], codeCommuneInsee: r["code_commune_insee"], commune: r["commune"],
                departement: r["departement"], region: r["region"], academie: r["academie"]),
            reseaux: reseaux.split(separator: "|").map(String.init), fiable: r["fiable"], ferme: r["ferme"],
            firstTransmissionDate: Date(epoch: r["first_transmission_date"]),
            lastTransmissionDate: Date(epoch: r["last_transmission_date"]),
            lastErpTransmissionDate: Date(epoch: r["last_erp_transmission_date"]),
            hasTransmissionErrors: r["has_transmission_errors"])
    }

    public func organisme(id: OrganismeID) async throws -> Organisme? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.colonnesOrganisme) FROM organismes WHERE id = ?",
                             arguments: [id.rawValue]).map(Self.organisme)
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
            ).map { (responsable: OrganismeID($0[0] as Int64), formateur: OrganismeID($0[1] as Int64)) }
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
            try db.execute(sql: """
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

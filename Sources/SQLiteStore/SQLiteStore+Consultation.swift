import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func effectifs(ids: [EffectifID], recherche: String?, limite: Int?, decalage: Int) async throws
        -> (total: Int, lignes: [EffectifDetaille])
    {
        guard !ids.isEmpty else { return (0, []) }
        return try await pool.read { db in
            // Ids are integers: written in the statement (a temporary table would cost more for a page).
            let liste = ids.map { String($0.rawValue) }.joined(separator: ",")
            var filtre = "id IN (\(liste))"
            var arguments: StatementArguments = []
            if let q = recherche?.trimmingCharacters(in: .whitespaces), !q.isEmpty {
                filtre +=
                    " AND lower(nom || ' ' || prenom || ' ' || prenom || ' ' || nom || ' ' || id_erp_apprenant) LIKE '%' || lower(?) || '%' ESCAPE '\\'"
                arguments += [Self.motifLike(q)]
            }
            let total =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM effectifs WHERE \(filtre)", arguments: arguments) ?? 0
            // The page's ids first (sorting reads names only), then their rows.
            let page = try Int64.fetchAll(
                db, sql: "SELECT id FROM effectifs WHERE \(filtre) ORDER BY nom, prenom, id LIMIT ? OFFSET ?",
                arguments: arguments + [limite ?? -1, decalage])
            guard !page.isEmpty else { return (total, []) }
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(Self.colonnesDetail)
                    FROM effectifs WHERE id IN (\(page.map(String.init).joined(separator: ","))) ORDER BY nom, prenom, id
                    """)
            var lignes: [EffectifDetaille] = []
            while let r = try rows.next() { lignes.append(try Self.detail(r)) }
            return (total, lignes)
        }
    }

    public func transmissionsParJour(organisme: OrganismeID, depuis: Date) async throws -> [BilanTransmissionJour] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT CAST(recu_le / 86400 AS INTEGER) AS jour, SUM(accepte) AS acceptes, SUM(1 - accepte) AS rejetes
                    FROM transmissions WHERE source_organisme_id = ? AND recu_le >= ?
                    GROUP BY jour ORDER BY jour DESC
                    """,
                arguments: [organisme.rawValue, depuis.epoch]
            ).map {
                let l = LigneLue($0, table: "transmissions", id: "jour")
                return BilanTransmissionJour(
                    jour: Jour(rawValue: Int32(clamping: try l.exiger("jour", Int64.self))),
                    acceptes: try l.exiger("acceptes"), rejetes: try l.exiger("rejetes"))
            }
        }
    }

    public func rejets(organisme: OrganismeID, jour: Jour, limite: Int) async throws -> [ItemRejete] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, recu_le, id_erp_apprenant, donnees, erreurs FROM transmissions
                    WHERE source_organisme_id = ? AND recu_le >= ? AND recu_le < ? AND accepte = 0
                    ORDER BY id DESC LIMIT ?
                    """,
                arguments: [organisme.rawValue, jour.date.epoch, jour.adding(days: 1).date.epoch, limite]
            ).map {
                let l = LigneLue($0, table: "transmissions")
                return ItemRejete(
                    recuLe: try l.instant("recu_le"), idErpApprenant: try l.exiger("id_erp_apprenant"),
                    donnees: try l.exiger("donnees"), erreurs: ErreursValidationJSON.lire(try l.exiger("erreurs")))
            }
        }
    }

    /// What a named list shows of an effectif (contacts are read from the stored record).
    static let colonnesDetail = """
        id, organisme_id, annee_scolaire, id_erp_apprenant, nom, prenom, date_de_naissance, formation_cfd, formation_rncp,
        date_entree, date_fin, parcours, transmitted_at, json_extract(record, '$.apprenant.courriel') AS courriel,
        json_extract(record, '$.apprenant.telephone') AS telephone
        """

    /// A row of `colonnesDetail`.
    static func detail(_ r: Row) throws -> EffectifDetaille {
        let l = LigneLue(r, table: "effectifs")
        return EffectifDetaille(
            id: EffectifID(try l.exiger("id")), organisme: OrganismeID(try l.exiger("organisme_id")),
            anneeScolaire: try l.exiger("annee_scolaire", AnneeScolaire.init),
            idErpApprenant: try l.exiger("id_erp_apprenant"),
            nom: try l.exiger("nom"), prenom: try l.exiger("prenom"),
            dateDeNaissance: try l.exiger("date_de_naissance", Jour.init(iso:)), cfd: try l.exiger("formation_cfd"),
            rncp: try l.exiger("formation_rncp"), courriel: try l.exiger("courriel"),
            telephone: try l.exiger("telephone"),
            dateEntree: try l.exiger("date_entree", Jour.init(iso:)),
            dateFin: try l.exiger("date_fin", Jour.init(iso:)),
            parcours: try l.parcours(), transmisLe: try l.instant("transmitted_at"))
    }
}

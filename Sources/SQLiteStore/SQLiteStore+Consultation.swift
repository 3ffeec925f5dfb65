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
                filtre += " AND lower(nom || ' ' || prenom || ' ' || prenom || ' ' || nom || ' ' || id_erp_apprenant) LIKE '%' || lower(?) || '%' ESCAPE '\\'"
                arguments += [Self.motifLike(q)]
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM effectifs WHERE \(filtre)", arguments: arguments) ?? 0
            // The page's ids first (sorting reads names only), then their rows.
            let page = try Int64.fetchAll(db, sql: "SELECT id FROM effectifs WHERE \(filtre) ORDER BY nom, prenom, id LIMIT ? OFFSET ?",
                                          arguments: arguments + [limite ?? -1, decalage])
            guard !page.isEmpty else { return (total, []) }
            let colonnes = EffectifDetaille.colonnes.joined(separator: ", ")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(colonnes), json_extract(record, '$.apprenant.courriel'), json_extract(record, '$.apprenant.telephone')
                FROM effectifs WHERE id IN (\(page.map(String.init).joined(separator: ","))) ORDER BY nom, prenom, id
                """)
            var lignes: [EffectifDetaille] = []
            while let r = try rows.next() {
                if let e = EffectifDetaille(id: r[0], organisme: r[1], annee: r[2], idErp: r[3], nom: r[4], prenom: r[5], naissance: r[6],
                                            cfd: r[7], rncp: r[8], entree: r[9], fin: r[10], parcours: r[11], transmis: r[12],
                                            courriel: r[13], telephone: r[14]) {
                    lignes.append(e)
                }
            }
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
            ).map { BilanTransmissionJour(jour: Jour(rawValue: Int32($0["jour"] as Int64)), acceptes: $0["acceptes"], rejetes: $0["rejetes"]) }
        }
    }

    public func rejets(organisme: OrganismeID, jour: Jour, limite: Int) async throws -> [ItemRejete] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT recu_le, id_erp_apprenant, donnees, erreurs FROM transmissions
                    WHERE source_organisme_id = ? AND recu_le >= ? AND recu_le < ? AND accepte = 0
                    ORDER BY id DESC LIMIT ?
                    """,
                arguments: [organisme.rawValue, jour.date.epoch, jour.adding(days: 1).date.epoch, limite]
            ).map {
                ItemRejete(recuLe: Date(timeIntervalSince1970: $0["recu_le"]), idErpApprenant: $0["id_erp_apprenant"],
                           donnees: $0["donnees"], erreurs: ItemRejete.erreurs(json: $0["erreurs"]))
            }
        }
    }
}

import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func effectifs(ids: [EffectifID]) async throws -> [EffectifDetaille] {
        guard !ids.isEmpty else { return [] }
        return try await pool.read { db in
            var resultat: [EffectifDetaille] = []
            resultat.reserveCapacity(ids.count)
            // Ids are integers: written in the statement, in slices that keep it short.
            for debut in stride(from: 0, to: ids.count, by: 5000) {
                let liste = ids[debut..<min(ids.count, debut + 5000)].map { String($0.rawValue) }.joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: "SELECT id, record, parcours, transmitted_at FROM effectifs WHERE id IN (\(liste))")
                while let r = try rows.next() {
                    resultat.append(try EffectifDetaille(id: EffectifID(r[0]), record: r[1], parcours: try Parcours(texte: r[2]),
                                                         transmisLe: Date(timeIntervalSince1970: r[3])))
                }
            }
            return resultat
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

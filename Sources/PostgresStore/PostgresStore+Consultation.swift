import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func effectifs(ids: [EffectifID]) async throws -> [EffectifDetaille] {
        guard !ids.isEmpty else { return [] }
        var resultat: [EffectifDetaille] = []
        resultat.reserveCapacity(ids.count)
        for try await row in try await client.query("""
            SELECT id, record, parcours, transmitted_at FROM effectifs WHERE id = ANY(\(ids.map(\.rawValue))::bigint[])
            """, logger: logger)
        {
            let (id, record, parcours, transmis) = try row.decode((Int64, String, String, Double).self)
            resultat.append(try EffectifDetaille(id: EffectifID(id), record: record, parcours: try Parcours(texte: parcours),
                                                 transmisLe: Date(timeIntervalSince1970: transmis)))
        }
        return resultat
    }

    public func transmissionsParJour(organisme: OrganismeID, depuis: Date) async throws -> [BilanTransmissionJour] {
        try await lignes("""
            SELECT floor(recu_le / 86400)::bigint AS jour, COUNT(*) FILTER (WHERE accepte) AS acceptes,
                   COUNT(*) FILTER (WHERE NOT accepte) AS rejetes
            FROM transmissions WHERE source_organisme_id = \(organisme.rawValue) AND recu_le >= \(depuis.epoch)
            GROUP BY 1 ORDER BY 1 DESC
            """) {
            BilanTransmissionJour(jour: Jour(rawValue: Int32(try $0.v("jour", Int64.self))),
                                  acceptes: Int(try $0.v("acceptes", Int64.self)), rejetes: Int(try $0.v("rejetes", Int64.self)))
        }
    }

    public func rejets(organisme: OrganismeID, jour: Jour, limite: Int) async throws -> [ItemRejete] {
        try await lignes("""
            SELECT recu_le, id_erp_apprenant, donnees, erreurs FROM transmissions
            WHERE source_organisme_id = \(organisme.rawValue) AND recu_le >= \(jour.date.epoch)
              AND recu_le < \(jour.adding(days: 1).date.epoch) AND NOT accepte
            ORDER BY id DESC LIMIT \(Int64(limite))
            """) {
            ItemRejete(recuLe: try $0.instant("recu_le")!, idErpApprenant: try $0.v("id_erp_apprenant"),
                       donnees: try $0.v("donnees"), erreurs: ItemRejete.erreurs(json: try $0.v("erreurs")))
        }
    }
}

import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func effectifs(ids: [EffectifID], recherche: String?, limite: Int?, decalage: Int) async throws
        -> (total: Int, lignes: [EffectifDetaille])
    {
        guard !ids.isEmpty else { return (0, []) }
        let q = recherche?.trimmingCharacters(in: .whitespaces).nilSiVide.map(Self.motifLike)
        let liste = ids.map(\.rawValue)
        let recherche = "lower(nom || ' ' || prenom || ' ' || prenom || ' ' || nom || ' ' || id_erp_apprenant) LIKE '%' || lower("
        let total = Int(try await valeur("""
            SELECT COUNT(*) FROM effectifs WHERE id = ANY(\(liste)::bigint[])
              AND (\(q)::text IS NULL OR \(unescaped: recherche)\(q)) || '%')
            """, Int64.self) ?? 0)
        // The page's ids first (sorting reads names only), then their rows.
        let page = try await lignes("""
            SELECT id FROM effectifs WHERE id = ANY(\(liste)::bigint[])
              AND (\(q)::text IS NULL OR \(unescaped: recherche)\(q)) || '%')
            ORDER BY nom, prenom, id LIMIT \(limite.map(Int64.init)) OFFSET \(Int64(decalage))
            """) { try $0[0].decode(Int64.self) }
        guard !page.isEmpty else { return (total, []) }
        var lignes: [EffectifDetaille] = []
        for try await row in try await client.query("""
            SELECT \(unescaped: EffectifDetaille.colonnes.joined(separator: ", ")),
                   (record::jsonb) -> 'apprenant' ->> 'courriel', (record::jsonb) -> 'apprenant' ->> 'telephone'
            FROM effectifs WHERE id = ANY(\(page)::bigint[])
            ORDER BY nom, prenom, id
            """, logger: logger)
        {
            let (a, b, c, d, e, f, g, h, i) = try row.decode((Int64, Int64, String, String, String, String, String, String?, String?).self)
            let r = row.makeRandomAccess()
            if let ligne = EffectifDetaille(
                id: a, organisme: b, annee: c, idErp: d, nom: e, prenom: f, naissance: g, cfd: h, rncp: i,
                entree: try r[9].decode(String.self), fin: try r[10].decode(String.self), parcours: try r[11].decode(String.self),
                transmis: try r[12].decode(Double.self), courriel: try r[13].decode(String?.self), telephone: try r[14].decode(String?.self))
            {
                lignes.append(ligne)
            }
        }
        return (total, lignes)
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

extension String {
    /// nil for an empty text.
    var nilSiVide: String? { isEmpty ? nil : self }
}

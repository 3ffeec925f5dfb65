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
        let recherche =
            "lower(nom || ' ' || prenom || ' ' || prenom || ' ' || nom || ' ' || id_erp_apprenant) LIKE '%' || lower("
        let total = Int(
            try await valeur(
                """
                SELECT COUNT(*) FROM effectifs WHERE id = ANY(\(liste)::bigint[])
                  AND (\(q)::text IS NULL OR \(unescaped: recherche)\(q)) || '%')
                """, Int64.self) ?? 0)
        // The page's ids first (sorting reads names only), then their rows.
        let page = try await lignes(
            """
            SELECT id FROM effectifs WHERE id = ANY(\(liste)::bigint[])
              AND (\(q)::text IS NULL OR \(unescaped: recherche)\(q)) || '%')
            ORDER BY nom, prenom, id LIMIT \(limite.map(Int64.init)) OFFSET \(Int64(decalage))
            """
        ) { try $0[0].decode(Int64.self) }
        guard !page.isEmpty else { return (total, []) }
        var lignes: [EffectifDetaille] = []
        for try await row in try await client.query(
            """
            SELECT \(unescaped: Self.colonnesDetail)
            FROM effectifs WHERE id = ANY(\(page)::bigint[])
            ORDER BY nom, prenom, id
            """, logger: logger)
        {
            lignes.append(try Self.detail(LignePG(row.makeRandomAccess(), table: "effectifs")))
        }
        return (total, lignes)
    }

    public func transmissionsParJour(organisme: OrganismeID, depuis: Date) async throws -> [BilanTransmissionJour] {
        try await lignes(
            """
            SELECT floor(recu_le / 86400)::bigint AS jour, COUNT(*) FILTER (WHERE accepte) AS acceptes,
                   COUNT(*) FILTER (WHERE NOT accepte) AS rejetes
            FROM transmissions WHERE source_organisme_id = \(organisme.rawValue) AND recu_le >= \(depuis.epoch)
            GROUP BY 1 ORDER BY 1 DESC
            """
        ) {
            let l = LignePG($0, table: "transmissions", id: "jour")
            return BilanTransmissionJour(
                jour: Jour(rawValue: Int32(clamping: try l.exiger("jour", Int64.self))),
                acceptes: Int(try l.exiger("acceptes", Int64.self)),
                rejetes: Int(try l.exiger("rejetes", Int64.self)))
        }
    }

    public func rejets(organisme: OrganismeID, jour: Jour, limite: Int) async throws -> [ItemRejete] {
        try await lignes(
            """
            SELECT id, recu_le, id_erp_apprenant, donnees, erreurs FROM transmissions
            WHERE source_organisme_id = \(organisme.rawValue) AND recu_le >= \(jour.date.epoch)
              AND recu_le < \(jour.adding(days: 1).date.epoch) AND NOT accepte
            ORDER BY id DESC LIMIT \(Int64(limite))
            """
        ) {
            let l = LignePG($0, table: "transmissions")
            return ItemRejete(
                recuLe: try l.instant("recu_le"), idErpApprenant: try l.exiger("id_erp_apprenant"),
                donnees: try l.exiger("donnees"), erreurs: ErreursValidationJSON.lire(try l.exiger("erreurs")))
        }
    }
}

extension PostgresStore {
    /// What a named list shows of an effectif (contacts are read from the stored record).
    static let colonnesDetail = """
        id, organisme_id, annee_scolaire, id_erp_apprenant, nom, prenom, date_de_naissance, formation_cfd, formation_rncp,
        date_entree, date_fin, parcours, transmitted_at, (record::jsonb) -> 'apprenant' ->> 'courriel' AS courriel,
        (record::jsonb) -> 'apprenant' ->> 'telephone' AS telephone
        """

    /// A row of `colonnesDetail`.
    static func detail(_ l: LignePG) throws -> EffectifDetaille {
        EffectifDetaille(
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

extension String {
    /// nil for an empty text.
    var nilSiVide: String? { isEmpty ? nil : self }
}

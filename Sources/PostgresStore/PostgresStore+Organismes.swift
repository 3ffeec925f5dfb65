import Domain
import Foundation
import Outils
import PostgresNIO

extension PostgresStore {
    static let colonnesOrganisme = """
        id, uai, siret, nom, nature, code_postal, code_commune_insee, commune, departement, region, academie, reseaux,
        fiable, ferme, first_transmission_date, last_transmission_date, last_erp_transmission_date,
        has_transmission_errors
        """

    static func organisme(_ r: PostgresRandomAccessRow) throws -> Organisme {
        let l = LignePG(r, table: "organismes")
        let id: Int64 = try l.exiger("id")
        return Organisme(
            id: OrganismeID(id), uai: try l.exiger("uai", String?.self).flatMap(UAI.init),
            siret: try l.exiger("siret", SIRET.init),
            nom: try l.exiger("nom"),
            nature: NatureOrganisme(rawValue: try l.exiger("nature")) ?? .inconnue,
            adresse: AdresseOrganisme(
                codePostal: try l.exiger("code_postal"), codeCommuneInsee: try l.exiger("code_commune_insee"),
                commune: try l.exiger("commune"), departement: try l.exiger("departement"),
                region: try l.exiger("region"),
                academie: try l.exiger("academie")),
            reseaux: try l.exiger("reseaux", String.self).split(separator: "|").map(String.init),
            fiable: try l.exiger("fiable"),
            ferme: try l.exiger("ferme"), firstTransmissionDate: try l.instantOptionnel("first_transmission_date"),
            lastTransmissionDate: try l.instantOptionnel("last_transmission_date"),
            lastErpTransmissionDate: try l.instantOptionnel("last_erp_transmission_date"),
            hasTransmissionErrors: try l.exiger("has_transmission_errors"))
    }

    public func organisme(id: OrganismeID) async throws -> Organisme? {
        try await ligne(
            "SELECT \(unescaped: Self.colonnesOrganisme) FROM organismes WHERE id = \(id.rawValue)", Self.organisme)
    }

    public func organisme(cle: OrganismeCle) async throws -> Organisme? {
        try await organismes(cles: [cle])[cle]
    }

    public func organismes(cles: Set<OrganismeCle>) async throws -> [OrganismeCle: Organisme] {
        guard !cles.isEmpty else { return [:] }
        let liste = Array(cles)
        let trouves = try await lignes(
            """
            SELECT \(unescaped: Self.colonnesOrganisme) FROM organismes
            WHERE (uai, siret) IN (SELECT * FROM unnest(\(liste.map(\.uai.rawValue))::text[], \(liste.map(\.siret.rawValue))::text[]))
            """, Self.organisme)
        var resultat: [OrganismeCle: Organisme] = [:]
        for o in trouves { if let uai = o.uai { resultat[OrganismeCle(uai: uai, siret: o.siret)] = o } }
        return resultat
    }

    public func perimetreCle(de id: OrganismeID) async throws -> PerimetreCle {
        let i = id.rawValue
        let relations = try await lignes(
            """
            SELECT responsable_id, formateur_id FROM organisme_relations
            WHERE responsable_id = \(i) OR formateur_id = \(i)
               OR formateur_id IN (SELECT formateur_id FROM organisme_relations WHERE responsable_id = \(i))
            """
        ) {
            (
                responsable: OrganismeID(try $0[0].decode(Int64.self)),
                formateur: OrganismeID(try $0[1].decode(Int64.self))
            )
        }
        return PerimetreCle(organisme: id, relations: relations)
    }

    public func tousLesOrganismes() async throws -> [Organisme] {
        try await lignes("SELECT \(unescaped: Self.colonnesOrganisme) FROM organismes ORDER BY id", Self.organisme)
    }

    /// One statement for the whole file: the rows travel as one JSON document; `xmax = 0` tells a new row from an
    /// updated one.
    public func importer(organismes: [OrganismeImporte]) async throws -> BilanImport {
        let now = Date().epoch
        // The last line wins when a file names the same couple twice, as it does row by row on SQLite.
        var parCle: [String: Int] = [:]
        for (k, o) in organismes.enumerated() { parCle["\(o.uai?.rawValue ?? "")|\(o.siret.rawValue)"] = k }
        let lignes: [JSONTexte.Noeud] = parCle.values.sorted().map { k in
            let o = organismes[k]
            let a = o.adresse
            return .objet([
                ("uai", .texte(o.uai?.rawValue)), ("siret", .texte(o.siret.rawValue)), ("nom", .texte(o.nom)),
                ("nature", .texte(o.nature.rawValue)), ("code_postal", .texte(a.codePostal)),
                ("code_commune_insee", .texte(a.codeCommuneInsee)), ("commune", .texte(a.commune)),
                ("departement", .texte(a.departement)), ("region", .texte(a.region)), ("academie", .texte(a.academie)),
                ("reseaux", .texte(o.reseaux.joined(separator: "|"))), ("fiable", .booleen(o.fiable)),
                ("ferme", .booleen(o.ferme)),
            ])
        }
        return try await transaction { c in
            let crees = try await c.lignes(
                """
                INSERT INTO organismes (uai, siret, nom, nature, code_postal, code_commune_insee, commune, departement, region,
                    academie, reseaux, fiable, ferme, created_at, updated_at)
                SELECT uai, siret, nom, nature, code_postal, code_commune_insee, commune, departement, region, academie,
                    reseaux, fiable, ferme, \(now), \(now)
                FROM jsonb_to_recordset(\(JSONTexte.ecrire(.liste(lignes)))::jsonb) AS x(uai text, siret text, nom text,
                    nature text, code_postal text, code_commune_insee text, commune text, departement text, region text,
                    academie text, reseaux text, fiable boolean, ferme boolean)
                ON CONFLICT ((coalesce(uai, '')), siret) DO UPDATE SET nom = excluded.nom, nature = excluded.nature,
                    code_postal = excluded.code_postal, code_commune_insee = excluded.code_commune_insee,
                    commune = excluded.commune, departement = excluded.departement, region = excluded.region,
                    academie = excluded.academie, reseaux = excluded.reseaux, fiable = excluded.fiable,
                    ferme = excluded.ferme, updated_at = excluded.updated_at
                RETURNING (xmax = 0)
                """
            ) { try $0[0].decode(Bool.self) }
            try await Self.nouvelleVersionOrganismes(c)
            let n = crees.filter { $0 }.count
            return BilanImport(crees: n, misAJour: organismes.count - n)
        }
    }

    public func importer(relations: [(responsable: OrganismeID, formateur: OrganismeID)]) async throws -> BilanImport {
        try await transaction { c in
            let crees = try await c.nombreModifies(
                """
                INSERT INTO organisme_relations (responsable_id, formateur_id)
                SELECT * FROM unnest(\(relations.map(\.responsable.rawValue))::bigint[], \(relations.map(\.formateur.rawValue))::bigint[])
                ON CONFLICT DO NOTHING
                RETURNING 1
                """)
            // A link is partial when the two belong to different companies and the formateur has responsables
            // of more than one company (domain §8.4).
            try await c.executer(
                """
                UPDATE organisme_relations SET responsabilite_partielle = (
                    (SELECT substr(siret, 1, 9) FROM organismes WHERE id = responsable_id)
                        <> (SELECT substr(siret, 1, 9) FROM organismes WHERE id = formateur_id)
                    AND (SELECT COUNT(DISTINCT substr(o.siret, 1, 9))
                         FROM organisme_relations r JOIN organismes o ON o.id = r.responsable_id
                         WHERE r.formateur_id = organisme_relations.formateur_id) > 1)
                """)
            try await Self.nouvelleVersionOrganismes(c)
            return BilanImport(crees: crees)
        }
    }

    public func importer(formations: [FormationCatalogue]) async throws -> BilanImport {
        try await transaction { c in
            var bilan = BilanImport()
            for f in formations {
                let modifies = try await c.nombreModifies(
                    """
                    UPDATE formations SET libelle = \(f.libelle), niveau = \(f.niveau.map(Int64.init)),
                        codes_rome = \(Self.texteCodesRome(f.codesRome))
                    WHERE coalesce(cfd, '') = \(f.cfd?.rawValue ?? "") AND coalesce(rncp, '') = \(f.rncp?.rawValue ?? "")
                    RETURNING id
                    """)
                if modifies > 0 {
                    bilan.misAJour += 1
                } else {
                    try await c.executer(
                        """
                        INSERT INTO formations (cfd, rncp, libelle, niveau, codes_rome)
                        VALUES (
                            \(f.cfd?.rawValue), \(f.rncp?.rawValue), \(f.libelle), \(f.niveau.map(Int64.init)),
                            \(Self.texteCodesRome(f.codesRome)))
                        """)
                    bilan.crees += 1
                }
            }
            try await Self.nouvelleVersionOrganismes(c)
            return bilan
        }
    }

    public func formations() async throws -> [FormationCatalogue] {
        try await lignes("SELECT id, cfd, rncp, libelle, niveau, codes_rome FROM formations ORDER BY id") { r in
            let l = LignePG(r, table: "formations")
            return FormationCatalogue(
                cfd: try l.exiger("cfd", String?.self).flatMap(CFD.init),
                rncp: try l.exiger("rncp", String?.self).flatMap(RNCP.init),
                libelle: try l.exiger("libelle"), niveau: try l.exiger("niveau", Int64?.self).map(Int.init),
                codesRome: try Self.codesRome(try l.exiger("codes_rome", String?.self)).ou(l.illisible("codes_rome")))
        }
    }

    /// ROME codes as stored: `|`-separated, NULL for none.
    static func texteCodesRome(_ codes: [CodeROME]) -> String? {
        codes.isEmpty ? nil : codes.map(\.rawValue).joined(separator: "|")
    }

    /// The codes of a stored value; nil when one of them is not a ROME code.
    static func codesRome(_ texte: String?) -> [CodeROME]? {
        guard let texte, !texte.isEmpty else { return [] }
        let codes = texte.split(separator: "|").compactMap { CodeROME(String($0)) }
        return codes.count == texte.split(separator: "|").count ? codes : nil
    }

    public func formateurs(de organisme: OrganismeID) async throws -> [(id: OrganismeID, partielle: Bool)] {
        try await lignes(
            """
            SELECT formateur_id, responsabilite_partielle FROM organisme_relations
            WHERE responsable_id = \(organisme.rawValue) AND formateur_id <> responsable_id ORDER BY formateur_id
            """
        ) {
            let l = LignePG($0, table: "organisme_relations", id: "formateur_id")
            return (
                id: OrganismeID(try l.exiger("formateur_id")),
                partielle: try l.exiger("responsabilite_partielle", Bool.self)
            )
        }
    }

    public func organismes(siretOuUai: String) async throws -> [Organisme] {
        let siret = SIRET(siretOuUai)?.rawValue ?? "-"
        let uai = UAI(siretOuUai)?.rawValue ?? "-"
        return try await lignes(
            """
            SELECT \(unescaped: Self.colonnesOrganisme) FROM organismes WHERE siret = \(siret) OR uai = \(uai) ORDER BY id LIMIT 20
            """, Self.organisme)
    }

    /// Tells the instances following the database that organismes, relations or formations changed.
    static func nouvelleVersionOrganismes(_ c: Connexion) async throws {
        try await c.executer("UPDATE versions SET valeur = valeur + 1 WHERE nom = 'organismes'")
    }
}

import Domain
import Foundation
import Outils
import PostgresNIO

extension PostgresStore {
    /// One transaction per batch, a few statements whatever its size: the batch's rows travel as one JSON document
    /// (`jsonb_to_recordset`). The `versions` row is locked first: batches of every instance are serialised, and
    /// change numbers become visible in order.
    public func enregistrer(lot: LotPrepare) async throws -> [ItemEnregistre] {
        let now = lot.recuLe
        // The stored forms of the batch's learners if they are new, on every core, before the lock is taken.
        let nouveaux = lot.items.carteParallele { item in
            FusionLot.ecriture(item, existant: nil, lot: lot).map { ($0, FormesStockees($0)) }
        }
        return try await transaction { c in
            let v0 =
                try await c.valeur(
                    "UPDATE versions SET valeur = valeur WHERE nom = 'effectifs' RETURNING valeur", Int64.self) ?? 0
            try await Self.verrouillerSuivis(c)

            // The stored rows of the learners this batch touches.
            let entrants = lot.items.compactMap(\.effectif)
            var existants: [CleEffectif: (id: Int64, record: String)] = [:]
            if !entrants.isEmpty {
                let rows = try await c.lignes(
                    """
                    SELECT e.id, e.organisme_id, e.annee_scolaire, e.id_erp_apprenant, e.record
                    FROM effectifs e
                    JOIN unnest(\(entrants.map(\.organismeId.rawValue))::bigint[], \(entrants.map(\.anneeScolaire.description))::text[],
                                \(entrants.map(\.idErpApprenant))::text[]) AS k(o, a, i)
                      ON e.organisme_id = k.o AND e.annee_scolaire = k.a AND e.id_erp_apprenant = k.i
                    FOR UPDATE OF e
                    """
                ) { r in
                    let l = LignePG(r, table: "effectifs")
                    return (
                        CleEffectif(
                            organisme: OrganismeID(try l.exiger("organisme_id")),
                            anneeScolaire: try l.exiger("annee_scolaire", AnneeScolaire.init),
                            idErpApprenant: try l.exiger("id_erp_apprenant")),
                        (id: try l.exiger("id", Int64.self), record: try l.exiger("record", String.self))
                    )
                }
                existants = Dictionary(rows, uniquingKeysWith: { a, _ in a })
            }

            // The domain's merge for the learners found stored, on every core; then number the accepted items in
            // batch order.
            let lus = existants
            let prepares: [(ecriture: FusionLot.Ecriture, formes: FormesStockees)?] = try Array(lot.items.indices)
                .carteParallele { k in
                    Result { () throws -> (ecriture: FusionLot.Ecriture, formes: FormesStockees)? in
                        guard let cle = lot.items[k].effectif?.cle, let s = lus[cle] else { return nouveaux[k] }
                        let existant = FusionLot.Existant(
                            id: EffectifID(s.id), effectif: try Self.effectif(record: s.record, id: s.id))
                        return FusionLot.ecriture(lot.items[k], existant: existant, lot: lot).map {
                            ($0, FormesStockees($0))
                        }
                    }
                }.map { try $0.get() }
            var version = v0
            var versions: [Int?] = []
            var lignes: [JSONTexte.Noeud] = []
            for p in prepares {
                guard let (e, formes) = p else {
                    versions.append(nil)
                    continue
                }
                version += 1
                versions.append(Int(version))
                lignes.append(Self.ligneEffectif(e.effectif, formes, version: version))
            }
            var ids: [Int64: Int64] = [:]  // version → id
            if !lignes.isEmpty {
                let rows = try await c.lignes(
                    """
                    INSERT INTO effectifs (\(unescaped: Self.colonnesEffectif))
                    SELECT \(unescaped: Self.colonnesEffectif)
                    FROM jsonb_to_recordset(\(JSONTexte.ecrire(.liste(lignes)))::jsonb) AS x(\(unescaped: Self.typesEffectif))
                    ON CONFLICT (organisme_id, annee_scolaire, id_erp_apprenant) DO UPDATE SET
                        \(unescaped: Self.miseAJourEffectif)
                    RETURNING version, id
                    """
                ) { (try $0[0].decode(Int64.self), try $0[1].decode(Int64.self)) }
                ids = Dictionary(rows, uniquingKeysWith: { a, _ in a })
            }

            // One transmission row per item, accepted or not.
            let transmissions: [JSONTexte.Noeud] = lot.items.enumerated().map { k, item in
                .objet([
                    ("item_index", .entier(item.index)), ("id_erp_apprenant", .texte(item.idErpApprenant)),
                    ("formateur_uai", .texte(item.formateur?.uai.rawValue)),
                    ("formateur_siret", .texte(item.formateur?.siret.rawValue)),
                    ("accepte", .booleen(item.erreurs.isEmpty)),
                    ("erreurs", .texte(ErreursValidationJSON.ecrire(item.erreurs))),
                    ("effectif_id", .entier(versions[k].flatMap { ids[Int64($0)] }.map(Int.init))),
                    ("organisme_id", .entier(item.effectif.map { Int($0.organismeId.rawValue) })),
                    ("donnees", .texte(item.echo)),
                ])
            }
            let transmissionIds = Dictionary(
                try await c.lignes(
                    """
                    INSERT INTO transmissions (lot_id, item_index, recu_le, source, source_organisme_id, cle_api_id,
                        id_erp_apprenant, formateur_uai, formateur_siret, accepte, erreurs, effectif_id, organisme_id, donnees)
                    SELECT \(lot.id), item_index, \(now.epoch), \(lot.source.rawValue), \(lot.transmetteur.rawValue),
                        \(lot.cleApi?.rawValue), id_erp_apprenant, formateur_uai, formateur_siret, accepte, erreurs,
                        effectif_id, organisme_id, donnees
                    FROM jsonb_to_recordset(\(JSONTexte.ecrire(.liste(transmissions)))::jsonb) AS x(item_index bigint,
                        id_erp_apprenant text, formateur_uai text, formateur_siret text, accepte boolean, erreurs text,
                        effectif_id bigint, organisme_id bigint, donnees text)
                    RETURNING item_index, id
                    """
                ) { (Int(try $0[0].decode(Int64.self)), try $0[1].decode(Int64.self)) }, uniquingKeysWith: { a, _ in a }
            )

            var resultats: [ItemEnregistre] = []
            for (k, item) in lot.items.enumerated() {
                let id = versions[k].flatMap { ids[Int64($0)] }.map(EffectifID.init)
                resultats.append(
                    ItemEnregistre(
                        item, ecriture: prepares[k]?.ecriture, id: id, version: versions[k].map(Int64.init),
                        transmissionId: transmissionIds[item.index] ?? 0))
            }
            // The cases of the young people this batch touched: in the list as soon as the POST has answered.
            try await Self.deriverSuivis(
                c,
                lot.items.indices.compactMap { k in
                    guard let p = prepares[k], let id = versions[k].flatMap({ ids[Int64($0)] }) else { return nil }
                    return (EffectifID(id), p.ecriture.effectif, p.ecriture.parcours)
                }, etat: etatSuivis, now: now)
            let formateurs = FusionLot.formateurs(lot).map(\.rawValue)

            try await c.executer(
                """
                UPDATE organismes SET first_transmission_date = coalesce(first_transmission_date, \(now.epoch)),
                    last_transmission_date = \(now.epoch) WHERE id = ANY(\(Array(formateurs))::bigint[])
                """)
            try await c.executer(
                "UPDATE organismes SET last_erp_transmission_date = \(now.epoch) WHERE id = \(lot.transmetteur.rawValue)"
            )
            if let cle = lot.cleApi {
                // The key's last use and last batch are the organisme's last transmission, to the instant.
                try await c.executer(
                    """
                    UPDATE cles_api SET derniere_transmission_le = \(now.epoch), last_used_at = \(now.epoch)
                    WHERE id = \(cle.rawValue)
                    """)
            }
            if lot.items.contains(where: { !$0.erreurs.isEmpty }) {
                try await c.executer(
                    """
                    UPDATE organismes SET has_transmission_errors = TRUE, transmission_errors_date = \(now.epoch)
                    WHERE id = \(lot.transmetteur.rawValue)
                    """)
            }
            try await c.executer("UPDATE versions SET valeur = \(version) WHERE nom = 'effectifs'")
            return resultats
        }
    }

    static let colonnesEffectif = """
        organisme_id, organisme_responsable_id, annee_scolaire, id_erp_apprenant, source, source_organisme_id, nom,
        prenom, date_de_naissance, formation_cfd, formation_rncp, formation_annee, date_entree, date_fin, parcours,
        record, created_at, updated_at, transmitted_at, version
        """

    static let typesEffectif = """
        organisme_id bigint, organisme_responsable_id bigint, annee_scolaire text, id_erp_apprenant text, source text,
        source_organisme_id bigint, nom text, prenom text, date_de_naissance text, formation_cfd text,
        formation_rncp text, formation_annee bigint, date_entree text, date_fin text, parcours text, record text,
        created_at double precision, updated_at double precision, transmitted_at double precision, version bigint
        """

    static let miseAJourEffectif = colonnesEffectif.split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .map { "\($0) = excluded.\($0)" }.joined(separator: ", ")

    /// An effectif's stored forms: its record and its timeline as JSON text.
    struct FormesStockees: Sendable {
        let record: String
        let parcours: String

        init(_ e: FusionLot.Ecriture) {
            record = JSONTexte.ecrire(e.effectif.json)
            parcours = JSONTexte.ecrire(e.parcours.json)
        }
    }

    static func ligneEffectif(_ e: Effectif, _ formes: FormesStockees, version: Int64) -> JSONTexte.Noeud {
        .objet([
            ("organisme_id", .entier(Int(e.organismeId.rawValue))),
            ("organisme_responsable_id", .entier(Int(e.organismeResponsableId.rawValue))),
            ("annee_scolaire", .texte(e.anneeScolaire.description)), ("id_erp_apprenant", .texte(e.idErpApprenant)),
            ("source", .texte(e.source.rawValue)), ("source_organisme_id", .entier(Int(e.sourceOrganismeId.rawValue))),
            ("nom", .texte(e.apprenant.nom)), ("prenom", .texte(e.apprenant.prenom)),
            ("date_de_naissance", .texte(e.apprenant.dateDeNaissance.description)),
            ("formation_cfd", .texte(e.formation.cfd)), ("formation_rncp", .texte(e.formation.rncp)),
            ("formation_annee", .entier(e.formation.annee)),
            ("date_entree", .texte(e.formation.dateEntree.description)),
            ("date_fin", .texte(e.formation.dateFin.description)), ("parcours", .texte(formes.parcours)),
            ("record", .texte(formes.record)), ("created_at", .valeur(.number(e.createdAt.epoch))),
            ("updated_at", .valeur(.number(e.updatedAt.epoch))),
            ("transmitted_at", .valeur(.number(e.transmittedAt.epoch))),
            ("version", .entier(Int(version))),
        ])
    }

    /// A stored record (the effectif's JSON document).
    static func effectif(record: String, id: some CustomStringConvertible) throws -> Effectif {
        do { return try Effectif(json: AnalyseurJSON.analyser(Array(record.utf8))) } catch {
            throw LigneIllisible(table: "effectifs", id: id, colonne: "record")
        }
    }

    public func effectif(cle: CleEffectif) async throws -> EffectifStocke? {
        try await ligne(
            """
            SELECT id, record, parcours FROM effectifs
            WHERE organisme_id = \(cle.organisme.rawValue) AND annee_scolaire = \(cle.anneeScolaire.description)
              AND id_erp_apprenant = \(cle.idErpApprenant)
            """
        ) { try Self.effectifStocke(LignePG($0, table: "effectifs")) }
    }

    /// A row of `id, record, parcours`.
    static func effectifStocke(_ l: LignePG) throws -> EffectifStocke {
        let id: Int64 = try l.exiger("id")
        return EffectifStocke(
            id: EffectifID(id), effectif: try effectif(record: l.exiger("record"), id: id),
            parcours: try l.parcours())
    }

    public func effectifs(organismes: [OrganismeID], annee: AnneeScolaire?, page: Int, limite: Int) async throws
        -> PageEffectifs
    {
        let ids = organismes.map(\.rawValue)
        let a = annee?.description
        let total =
            try await valeur(
                """
                SELECT COUNT(*) FROM effectifs e
                WHERE e.organisme_id = ANY(\(ids)::bigint[]) AND (\(a)::text IS NULL OR e.annee_scolaire = \(a))
                """, Int64.self) ?? 0
        let lignes = try await lignes(
            """
            SELECT e.id, e.organisme_id, e.id_erp_apprenant, e.annee_scolaire, e.parcours, o.uai, o.siret
            FROM effectifs e JOIN organismes o ON o.id = e.organisme_id
            WHERE e.organisme_id = ANY(\(ids)::bigint[]) AND (\(a)::text IS NULL OR e.annee_scolaire = \(a))
            ORDER BY e.id
            LIMIT \(Int64(limite)) OFFSET \(Int64((page - 1) * limite))
            """
        ) { r in
            let l = LignePG(r, table: "effectifs")
            let o = LignePG(r, table: "organismes", id: "organisme_id")
            return LigneEffectif(
                idErpApprenant: try l.exiger("id_erp_apprenant"),
                anneeScolaire: try l.exiger("annee_scolaire", AnneeScolaire.init),
                uai: try o.exiger("uai", String?.self).flatMap(UAI.init), siret: try o.exiger("siret", SIRET.init),
                parcours: try l.parcours())
        }
        return PageEffectifs(lignes: lignes, total: Int(total))
    }

    public func nombreEffectifs() async throws -> Int {
        Int(try await valeur("SELECT COUNT(*) FROM effectifs", Int64.self) ?? 0)
    }

    public func nombreTransmissions() async throws -> Int {
        Int(try await valeur("SELECT COUNT(*) FROM transmissions", Int64.self) ?? 0)
    }

    public func versions() async throws -> VersionsBase {
        let v = Dictionary(
            try await lignes("SELECT nom, valeur FROM versions") {
                let l = LignePG($0, table: "versions", id: "nom")
                return (try l.exiger("nom", String.self), try l.exiger("valeur", Int64.self))
            }, uniquingKeysWith: { a, _ in a })
        return VersionsBase(effectifs: v["effectifs"] ?? 0, organismes: v["organismes"] ?? 0)
    }

    static let colonnesIndexables = """
        id, organisme_id, annee_scolaire, date_de_naissance, formation_annee, formation_cfd, formation_rncp, parcours,
        version, transmitted_at
        """

    /// A row of `colonnesIndexables`, read by position (the index reads them by the million at start-up).
    static func indexable(_ row: PostgresRow) throws -> EffectifIndexable {
        let valeurs: (Int64, Int64, String, String, Int64?, String?, String?, String, Int64, Double)
        do {
            valeurs = try row.decode(
                (Int64, Int64, String, String, Int64?, String?, String?, String, Int64, Double).self)
        } catch let e as PostgresDecodingError {
            throw LigneIllisible(
                table: "effectifs", id: (try? row.makeRandomAccess()[0].decode(Int64.self)).map(String.init) ?? "?",
                colonne: e.columnName)
        }
        let (id, org, annee, naissance, anneeFormation, cfd, rncp, parcours, version, transmis) = valeurs
        let illisible = { (colonne: String) in LigneIllisible(table: "effectifs", id: id, colonne: colonne) }
        return EffectifIndexable(
            id: EffectifID(id), organisme: OrganismeID(org),
            anneeScolaire: try AnneeScolaire(annee).ou(illisible("annee_scolaire")),
            dateDeNaissance: try Jour(iso: naissance).ou(illisible("date_de_naissance")),
            anneeFormation: anneeFormation.map(Int.init), cfd: cfd, rncp: rncp,
            parcours: try Result { try Parcours(texte: parcours) }.mapError { _ in illisible("parcours") }.get(),
            version: version, transmisLe: Date(timeIntervalSince1970: transmis))
    }

    public func changements(apres version: Int64, limite: Int) async throws -> [EffectifIndexable] {
        var resultat: [EffectifIndexable] = []
        for try await row in try await client.query(
            """
            SELECT \(unescaped: Self.colonnesIndexables) FROM effectifs WHERE version > \(version)
            ORDER BY version LIMIT \(Int64(limite))
            """, logger: logger)
        { resultat.append(try Self.indexable(row)) }
        return resultat
    }

    /// Rows arrive as the server sends them (the pool asks for more as they are consumed).
    public func parcourirEffectifs(
        taillePaquet: Int, illisible: (@Sendable (LigneIllisible) -> Void)?,
        _ traiter: @Sendable ([EffectifIndexable]) throws -> Void
    ) async throws {
        var paquet: [EffectifIndexable] = []
        paquet.reserveCapacity(taillePaquet)
        for try await row in try await client.query(
            "SELECT \(unescaped: Self.colonnesIndexables) FROM effectifs ORDER BY id", logger: logger)
        {
            do {
                paquet.append(try Self.indexable(row))
            } catch let erreur as LigneIllisible {
                // Reported and left out when the caller asks for it (start-up): the rest is served.
                guard let illisible else { throw erreur }
                illisible(erreur)
                continue
            }
            if paquet.count == taillePaquet {
                try traiter(paquet)
                paquet.removeAll(keepingCapacity: true)
            }
        }
        if !paquet.isEmpty { try traiter(paquet) }
    }
}

import Domain
import Outils
import Foundation
import PostgresNIO

extension PostgresStore {
    /// One transaction per batch, a few statements whatever its size: the batch's rows travel as one JSON document
    /// (`jsonb_to_recordset`). The `versions` row is locked first: batches of every instance are serialised, and
    /// change numbers become visible in order.
    public func enregistrer(lot: LotPrepare) async throws -> [ItemEnregistre] {
        let now = lot.recuLe
        // The stored forms of the batch's learners if they are new, on every core, before the lock is taken.
        let formesNouveaux = lot.items.carteParallele { $0.effectif.map(Precalcul.init) }
        return try await transaction { c in
            let v0 = try await c.valeur(
                "UPDATE versions SET valeur = valeur WHERE nom = 'effectifs' RETURNING valeur", Int64.self) ?? 0

            // The stored records of the learners this batch touches.
            let entrants = lot.items.compactMap(\.effectif)
            var existants: [CleEffectif: String] = [:]
            if !entrants.isEmpty {
                let rows = try await c.lignes("""
                    SELECT e.organisme_id, e.annee_scolaire, e.id_erp_apprenant, e.record
                    FROM effectifs e
                    JOIN unnest(\(entrants.map(\.organismeId.rawValue))::bigint[], \(entrants.map(\.anneeScolaire.description))::text[],
                                \(entrants.map(\.idErpApprenant))::text[]) AS k(o, a, i)
                      ON e.organisme_id = k.o AND e.annee_scolaire = k.a AND e.id_erp_apprenant = k.i
                    FOR UPDATE OF e
                    """) { r in
                    let erp: String = try r.v("id_erp_apprenant")
                    return (CleEffectif(organisme: OrganismeID(try r.v("organisme_id")),
                                        anneeScolaire: try AnneeScolaire(try r.v("annee_scolaire", String.self))
                                            .ou(LigneIllisible(table: "effectifs", id: erp, colonne: "annee_scolaire")),
                                        idErpApprenant: erp), try r.v("record", String.self))
                }
                existants = Dictionary(rows, uniquingKeysWith: { a, _ in a })
            }

            // Merge on every core, then number the accepted items in batch order.
            let existantsLus = existants
            let prepares: [(Effectif, Precalcul, ecrasementDe: OrganismeID?)?] = try Array(lot.items.indices).carteParallele { k in
                Result { () throws -> (Effectif, Precalcul, ecrasementDe: OrganismeID?)? in
                    guard let incoming = lot.items[k].effectif, let formes = formesNouveaux[k] else { return nil }
                    if let texte = existantsLus[incoming.cle] {
                        let ancien = try Effectif(json: AnalyseurJSON.analyser(Array(texte.utf8)))
                        let merged = try ancien.fusionne(avec: incoming, now: now)
                        return (merged, Precalcul(merged),
                                ancien.sourceOrganismeId == lot.transmetteur ? nil : ancien.sourceOrganismeId)
                    }
                    return (incoming, formes, nil)
                }
            }.map { try $0.get() }
            var version = v0
            var versions: [Int?] = []
            var lignes: [JSONTexte.Noeud] = []
            for p in prepares {
                guard let (e, formes, _) = p else { versions.append(nil); continue }
                version += 1
                versions.append(Int(version))
                lignes.append(Self.ligneEffectif(e, formes, version: version))
            }
            var ids: [Int64: Int64] = [:]  // version → id
            if !lignes.isEmpty {
                let rows = try await c.lignes("""
                    INSERT INTO effectifs (\(unescaped: Self.colonnesEffectif))
                    SELECT \(unescaped: Self.colonnesEffectif)
                    FROM jsonb_to_recordset(\(JSONTexte.ecrire(.liste(lignes)))::jsonb) AS x(\(unescaped: Self.typesEffectif))
                    ON CONFLICT (organisme_id, annee_scolaire, id_erp_apprenant) DO UPDATE SET
                        \(unescaped: Self.miseAJourEffectif)
                    RETURNING version, id
                    """) { (try $0[0].decode(Int64.self), try $0[1].decode(Int64.self)) }
                ids = Dictionary(rows, uniquingKeysWith: { a, _ in a })
            }

            // One transmission row per item, accepted or not.
            let transmissions: [JSONTexte.Noeud] = lot.items.enumerated().map { k, item in
                .objet([
                    ("item_index", .entier(item.index)), ("id_erp_apprenant", .texte(item.idErpApprenant)),
                    ("formateur_uai", .texte(item.formateur?.uai.rawValue)),
                    ("formateur_siret", .texte(item.formateur?.siret.rawValue)), ("accepte", .booleen(item.erreurs.isEmpty)),
                    ("erreurs", .texte(JSONTexte.ecrire(.liste(item.erreurs.map(Self.noeud))))),
                    ("effectif_id", .entier(versions[k].flatMap { ids[Int64($0)] }.map(Int.init))),
                    ("organisme_id", .entier(item.effectif.map { Int($0.organismeId.rawValue) })), ("donnees", .texte(item.echo)),
                ])
            }
            let transmissionIds = Dictionary(try await c.lignes("""
                INSERT INTO transmissions (lot_id, item_index, recu_le, source, source_organisme_id, cle_api_id,
                    id_erp_apprenant, formateur_uai, formateur_siret, accepte, erreurs, effectif_id, organisme_id, donnees)
                SELECT \(lot.id), item_index, \(now.epoch), \(lot.source.rawValue), \(lot.transmetteur.rawValue),
                    \(lot.cleApi?.rawValue), id_erp_apprenant, formateur_uai, formateur_siret, accepte, erreurs,
                    effectif_id, organisme_id, donnees
                FROM jsonb_to_recordset(\(JSONTexte.ecrire(.liste(transmissions)))::jsonb) AS x(item_index bigint,
                    id_erp_apprenant text, formateur_uai text, formateur_siret text, accepte boolean, erreurs text,
                    effectif_id bigint, organisme_id bigint, donnees text)
                RETURNING item_index, id
                """) { (Int(try $0[0].decode(Int64.self)), try $0[1].decode(Int64.self)) }, uniquingKeysWith: { a, _ in a })

            var resultats: [ItemEnregistre] = []
            var formateurs = Set<Int64>()
            for (k, item) in lot.items.enumerated() {
                var effectifId: EffectifID?
                var indexable: EffectifIndexable?
                if let v = versions[k], let (e, formes, _) = prepares[k], let id = ids[Int64(v)] {
                    effectifId = EffectifID(id)
                    formateurs.insert(e.organismeId.rawValue)
                    indexable = EffectifIndexable(EffectifStocke(id: EffectifID(id), effectif: e, parcours: formes.parcours),
                                                  version: Int64(v))
                }
                resultats.append(ItemEnregistre(index: item.index, transmissionId: transmissionIds[item.index] ?? 0,
                                                effectifId: effectifId, organismeId: item.effectif?.organismeId,
                                                indexable: indexable, ecrasementDe: prepares[k]?.ecrasementDe))
            }

            try await c.executer("""
                UPDATE organismes SET first_transmission_date = coalesce(first_transmission_date, \(now.epoch)),
                    last_transmission_date = \(now.epoch) WHERE id = ANY(\(Array(formateurs))::bigint[])
                """)
            try await c.executer("UPDATE organismes SET last_erp_transmission_date = \(now.epoch) WHERE id = \(lot.transmetteur.rawValue)")
            if lot.items.contains(where: { !$0.erreurs.isEmpty }) {
                try await c.executer("""
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

    static func ligneEffectif(_ e: Effectif, _ formes: Precalcul, version: Int64) -> JSONTexte.Noeud {
        .objet([
            ("organisme_id", .entier(Int(e.organismeId.rawValue))),
            ("organisme_responsable_id", .entier(Int(e.organismeResponsableId.rawValue))),
            ("annee_scolaire", .texte(e.anneeScolaire.description)), ("id_erp_apprenant", .texte(e.idErpApprenant)),
            ("source", .texte(e.source.rawValue)), ("source_organisme_id", .entier(Int(e.sourceOrganismeId.rawValue))),
            ("nom", .texte(e.apprenant.nom)), ("prenom", .texte(e.apprenant.prenom)),
            ("date_de_naissance", .texte(e.apprenant.dateDeNaissance.description)),
            ("formation_cfd", .texte(e.formation.cfd)), ("formation_rncp", .texte(e.formation.rncp)),
            ("formation_annee", .entier(e.formation.annee)), ("date_entree", .texte(e.formation.dateEntree.description)),
            ("date_fin", .texte(e.formation.dateFin.description)), ("parcours", .texte(formes.parcoursTexte)),
            ("record", .texte(formes.record)), ("created_at", .valeur(.number(e.createdAt.epoch))),
            ("updated_at", .valeur(.number(e.updatedAt.epoch))), ("transmitted_at", .valeur(.number(e.transmittedAt.epoch))),
            ("version", .entier(Int(version))),
        ])
    }

    static func noeud(_ e: ErreurValidation) -> JSONTexte.Noeud {
        .objet([("message", .texte(e.message)), ("path", .liste(e.path.map { .texte($0) }))])
    }

    public func effectif(cle: CleEffectif) async throws -> EffectifStocke? {
        try await ligne("""
            SELECT id, record, parcours FROM effectifs
            WHERE organisme_id = \(cle.organisme.rawValue) AND annee_scolaire = \(cle.anneeScolaire.description)
              AND id_erp_apprenant = \(cle.idErpApprenant)
            """) { r in
            EffectifStocke(
                id: EffectifID(try r.v("id")),
                effectif: try Effectif(json: AnalyseurJSON.analyser(Array(try r.v("record", String.self).utf8))),
                parcours: try Parcours(texte: try r.v("parcours")))
        }
    }

    public func effectifs(organismes: [OrganismeID], annee: AnneeScolaire?, page: Int, limite: Int) async throws
        -> PageEffectifs
    {
        let ids = organismes.map(\.rawValue)
        let a = annee?.description
        let total = try await valeur("""
            SELECT COUNT(*) FROM effectifs e
            WHERE e.organisme_id = ANY(\(ids)::bigint[]) AND (\(a)::text IS NULL OR e.annee_scolaire = \(a))
            """, Int64.self) ?? 0
        let lignes = try await lignes("""
            SELECT e.id_erp_apprenant, e.annee_scolaire, e.parcours, o.uai, o.siret
            FROM effectifs e JOIN organismes o ON o.id = e.organisme_id
            WHERE e.organisme_id = ANY(\(ids)::bigint[]) AND (\(a)::text IS NULL OR e.annee_scolaire = \(a))
            ORDER BY e.id
            LIMIT \(Int64(limite)) OFFSET \(Int64((page - 1) * limite))
            """) { r in
            let erp: String = try r.v("id_erp_apprenant")
            return LigneEffectif(
                idErpApprenant: erp,
                anneeScolaire: try AnneeScolaire(try r.v("annee_scolaire", String.self))
                    .ou(LigneIllisible(table: "effectifs", id: erp, colonne: "annee_scolaire")),
                uai: try r.v("uai", String?.self).flatMap(UAI.init),
                siret: try SIRET(try r.v("siret", String.self)).ou(LigneIllisible(table: "organismes", id: erp, colonne: "siret")),
                parcours: try Parcours(texte: try r.v("parcours")))
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
        let v = Dictionary(try await lignes("SELECT nom, valeur FROM versions") {
            (try $0.v("nom", String.self), try $0.v("valeur", Int64.self))
        }, uniquingKeysWith: { a, _ in a })
        return VersionsBase(effectifs: v["effectifs"] ?? 0, organismes: v["organismes"] ?? 0)
    }

    static let colonnesIndexables = """
        id, organisme_id, annee_scolaire, date_de_naissance, formation_annee, formation_cfd, formation_rncp, parcours,
        version, transmitted_at
        """

    /// A row of `colonnesIndexables`, read by position.
    static func indexable(_ row: PostgresRow) throws -> EffectifIndexable {
        let (id, org, annee, naissance, anneeFormation, cfd, rncp, parcours, version, transmis) = try row.decode(
            (Int64, Int64, String, String, Int64?, String?, String?, String, Int64, Double).self)
        return EffectifIndexable(
            id: EffectifID(id), organisme: OrganismeID(org),
            anneeScolaire: try AnneeScolaire(annee).ou(LigneIllisible(table: "effectifs", id: id, colonne: "annee_scolaire")),
            dateDeNaissance: try Jour(iso: naissance).ou(LigneIllisible(table: "effectifs", id: id, colonne: "date_de_naissance")),
            anneeFormation: anneeFormation.map(Int.init), cfd: cfd, rncp: rncp,
            parcours: try Parcours(texte: parcours), version: version, transmisLe: Date(timeIntervalSince1970: transmis))
    }

    public func changements(apres version: Int64, limite: Int) async throws -> [EffectifIndexable] {
        var resultat: [EffectifIndexable] = []
        for try await row in try await client.query("""
            SELECT \(unescaped: Self.colonnesIndexables) FROM effectifs WHERE version > \(version)
            ORDER BY version LIMIT \(Int64(limite))
            """, logger: logger) { resultat.append(try Self.indexable(row)) }
        return resultat
    }

    /// Rows arrive as the server sends them (the pool asks for more as they are consumed).
    public func parcourirEffectifs(taillePaquet: Int, _ traiter: @Sendable ([EffectifIndexable]) throws -> Void) async throws {
        var paquet: [EffectifIndexable] = []
        paquet.reserveCapacity(taillePaquet)
        for try await row in try await client.query(
            "SELECT \(unescaped: Self.colonnesIndexables) FROM effectifs ORDER BY id", logger: logger)
        {
            paquet.append(try Self.indexable(row))
            if paquet.count == taillePaquet {
                try traiter(paquet)
                paquet.removeAll(keepingCapacity: true)
            }
        }
        if !paquet.isEmpty { try traiter(paquet) }
    }
}

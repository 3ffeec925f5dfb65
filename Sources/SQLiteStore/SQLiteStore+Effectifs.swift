import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func enregistrer(lot: LotPrepare) async throws -> [ItemEnregistre] {
        let now = lot.recuLe
        return try await pool.write { db in
            let select = try db.cachedStatement(sql: """
                SELECT id, record FROM effectifs WHERE organisme_id = ? AND annee_scolaire = ? AND id_erp_apprenant = ?
                """)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO effectifs (organisme_id, organisme_responsable_id, annee_scolaire, id_erp_apprenant, source,
                    source_organisme_id, nom, prenom, date_de_naissance, formation_cfd, formation_rncp, formation_annee,
                    date_entree, date_fin, parcours, record, created_at, updated_at, transmitted_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE effectifs SET organisme_id = ?, organisme_responsable_id = ?, annee_scolaire = ?,
                    id_erp_apprenant = ?, source = ?, source_organisme_id = ?, nom = ?, prenom = ?,
                    date_de_naissance = ?, formation_cfd = ?, formation_rncp = ?, formation_annee = ?, date_entree = ?,
                    date_fin = ?, parcours = ?, record = ?, created_at = ?, updated_at = ?, transmitted_at = ?, version = ?
                WHERE id = ?
                """)
            let transmission = try db.cachedStatement(sql: """
                INSERT INTO transmissions (lot_id, item_index, recu_le, source, source_organisme_id, cle_api_id,
                    id_erp_apprenant, formateur_uai, formateur_siret, accepte, erreurs, effectif_id, organisme_id, donnees)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)

            // The write lock is held until the commit: numbers are handed out in commit order.
            var version = try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'effectifs'") ?? 0
            var resultats: [ItemEnregistre] = []
            resultats.reserveCapacity(lot.items.count)
            var formateurs = Set<Int64>()
            for item in lot.items {
                var effectifId: EffectifID?
                var indexable: EffectifIndexable?
                if let incoming = item.effectif {
                    let k = incoming.cle
                    let existing = try Row.fetchOne(
                        select, arguments: [k.organisme.rawValue, k.anneeScolaire.description, k.idErpApprenant])
                    let merged: Effectif
                    let formes: Precalcul
                    if let existing {
                        merged = try Effectif(json: document(existing["record"])).fusionne(avec: incoming, now: now)
                        formes = Precalcul(merged)
                    } else {
                        merged = incoming
                        formes = item.precalcul ?? Precalcul(incoming)
                    }
                    let parcours = formes.parcours
                    version += 1
                    let values = Self.colonnes(merged, formes) + [version]
                    if let existing {
                        let id: Int64 = existing["id"]
                        try update.execute(arguments: values + [id])
                        effectifId = EffectifID(id)
                    } else {
                        try insert.execute(arguments: values)
                        effectifId = EffectifID(db.lastInsertedRowID)
                    }
                    formateurs.insert(merged.organismeId.rawValue)
                    if let effectifId { indexable = EffectifIndexable(EffectifStocke(id: effectifId, effectif: merged, parcours: parcours), version: version) }
                }
                let erreurs = JSONTexte.ecrire(.liste(item.erreurs.map(Self.noeud)))
                try transmission.execute(arguments: [
                    lot.id, item.index, now.epoch, lot.source.rawValue, lot.transmetteur.rawValue, lot.cleApi?.rawValue,
                    item.idErpApprenant, item.formateur?.uai.rawValue, item.formateur?.siret.rawValue,
                    item.erreurs.isEmpty, erreurs, effectifId?.rawValue, item.effectif?.organismeId.rawValue,
                    item.echo,
                ])
                resultats.append(ItemEnregistre(index: item.index, transmissionId: db.lastInsertedRowID,
                                                effectifId: effectifId, organismeId: item.effectif?.organismeId,
                                                indexable: indexable))
            }

            try db.execute(sql: "UPDATE versions SET valeur = ? WHERE nom = 'effectifs'", arguments: [version])
            let bookkeeping = try db.cachedStatement(sql: """
                UPDATE organismes SET first_transmission_date = ifnull(first_transmission_date, ?),
                    last_transmission_date = ? WHERE id = ?
                """)
            for id in formateurs { try bookkeeping.execute(arguments: [now.epoch, now.epoch, id]) }
            try db.execute(
                sql: "UPDATE organismes SET last_erp_transmission_date = ? WHERE id = ?",
                arguments: [now.epoch, lot.transmetteur.rawValue])
            if lot.items.contains(where: { !$0.erreurs.isEmpty }) {
                try db.execute(
                    sql: "UPDATE organismes SET has_transmission_errors = 1, transmission_errors_date = ? WHERE id = ?",
                    arguments: [now.epoch, lot.transmetteur.rawValue])
            }
            return resultats
        }
    }

    static func noeud(_ e: ErreurValidation) -> JSONTexte.Noeud {
        .objet([("message", .texte(e.message)), ("path", .liste(e.path.map { .texte($0) }))])
    }

    /// The values of every column but `id`, in the order of the INSERT and UPDATE statements.
    static func colonnes(_ e: Effectif, _ formes: Precalcul) -> StatementArguments {
        let record = formes.record
        let parcours = formes.parcoursTexte
        return [
            e.organismeId.rawValue, e.organismeResponsableId.rawValue, e.anneeScolaire.description, e.idErpApprenant,
            e.source.rawValue, e.sourceOrganismeId.rawValue, e.apprenant.nom, e.apprenant.prenom,
            e.apprenant.dateDeNaissance.description, e.formation.cfd, e.formation.rncp, e.formation.annee,
            e.formation.dateEntree.description, e.formation.dateFin.description, parcours, record, e.createdAt.epoch,
            e.updatedAt.epoch, e.transmittedAt.epoch,
        ]
    }

    public func effectif(cle: CleEffectif) async throws -> EffectifStocke? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, record, parcours FROM effectifs
                    WHERE organisme_id = ? AND annee_scolaire = ? AND id_erp_apprenant = ?
                    """,
                arguments: [cle.organisme.rawValue, cle.anneeScolaire.description, cle.idErpApprenant])
            else { return nil }
            return EffectifStocke(
                id: EffectifID(row["id"]), effectif: try Effectif(json: document(row["record"])),
                parcours: try Parcours(json: document(row["parcours"])))
        }
    }

    public func effectifs(organismes: [OrganismeID], annee: AnneeScolaire?, page: Int, limite: Int) async throws
        -> PageEffectifs
    {
        try await pool.read { db in
            let ids = organismes.map { String($0.rawValue) }.joined(separator: ",")
            let filtre = "e.organisme_id IN (\(ids))" + (annee == nil ? "" : " AND e.annee_scolaire = :annee")
            let arguments: StatementArguments = annee.map { ["annee": $0.description] } ?? [:]
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM effectifs e WHERE \(filtre)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id_erp_apprenant, e.annee_scolaire, e.parcours, o.uai, o.siret
                    FROM effectifs e JOIN organismes o ON o.id = e.organisme_id
                    WHERE \(filtre)
                    ORDER BY e.id
                    LIMIT :limite OFFSET :offset
                    """,
                arguments: arguments + ["limite": limite, "offset": (page - 1) * limite])
            let lignes = try rows.map { r in
                LigneEffectif(
                    idErpApprenant: r["id_erp_apprenant"], anneeScolaire: AnneeScolaire(r["annee_scolaire"] as String)!,
                    uai: (r["uai"] as String?).flatMap(UAI.init), siret: SIRET(r["siret"] as String)!,
                    parcours: try Parcours(json: document(r["parcours"])))
            }
            return PageEffectifs(lignes: lignes, total: total)
        }
    }

    public func nombreEffectifs() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM effectifs") ?? 0 }
    }

    public func versions() async throws -> VersionsBase {
        try await pool.read { db in
            let v = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT nom, valeur FROM versions").map {
                ($0["nom"] as String, $0["valeur"] as Int64)
            })
            return VersionsBase(effectifs: v["effectifs"] ?? 0, organismes: v["organismes"] ?? 0)
        }
    }

    public func changements(apres version: Int64, limite: Int) async throws -> [EffectifIndexable] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.colonnesIndexables) FROM effectifs WHERE version > ? ORDER BY version LIMIT ?",
                arguments: [version, limite]
            ).map(Self.indexable)
        }
    }

    public func nombreTransmissions() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transmissions") ?? 0 }
    }
}

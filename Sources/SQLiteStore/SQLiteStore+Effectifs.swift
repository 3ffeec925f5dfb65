import Domain
import Outils
import Foundation
import GRDB

extension SQLiteStore {
    /// One transaction per batch. What does not depend on the stored rows (every column of a new learner, of its
    /// transmission) is computed on the other cores, slice by slice, while the rows before are written; one query
    /// finds the learners already known (whose new-learner columns are then no longer computed), their merges run
    /// on every core, and each row is written with its values bound directly.
    public func enregistrer(lot: LotPrepare) async throws -> [ItemEnregistre] {
        let now = lot.recuLe
        let connus = PositionsConnues()
        let lignes = ProductionParTranches(Array(lot.items.indices)) { k in
            let item = lot.items[k]
            return (transmission: Self.colonnesTransmission(item, lot: lot),
                    effectif: connus.contient(k) ? nil : item.effectif.map(Self.nouveau))
        }
        // The positions of the batch's learners by key, by organisme and school year (usually one or two of these).
        let groupes = lot.items.indices.reduce(into: [Groupe: [String: Int]]()) { g, k in
            guard let cle = lot.items[k].effectif?.cle else { return }
            g[Groupe(organisme: cle.organisme.rawValue, annee: cle.anneeScolaire.description), default: [:]][cle.idErpApprenant] = k
        }
        let resultats = try await pool.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO effectifs (organisme_id, annee_scolaire, id_erp_apprenant, organisme_responsable_id, source,
                    source_organisme_id, nom, prenom, date_de_naissance, formation_cfd, formation_rncp, formation_annee,
                    date_entree, date_fin, parcours, record, created_at, updated_at, transmitted_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            // The key columns are left out: they are those the row was found by, and an assigned column makes SQLite
            // rewrite its index entries.
            let update = try db.cachedStatement(sql: """
                UPDATE effectifs SET organisme_responsable_id = ?, source = ?, source_organisme_id = ?, nom = ?,
                    prenom = ?, date_de_naissance = ?, formation_cfd = ?, formation_rncp = ?, formation_annee = ?,
                    date_entree = ?, date_fin = ?, parcours = ?, record = ?, created_at = ?, updated_at = ?,
                    transmitted_at = ?, version = ?
                WHERE id = ?
                """)
            let transmission = try db.cachedStatement(sql: """
                INSERT INTO transmissions (lot_id, item_index, recu_le, source, source_organisme_id, cle_api_id,
                    id_erp_apprenant, formateur_uai, formateur_siret, accepte, erreurs, organisme_id, donnees, effectif_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            // The learners already known, by their position in the batch, merged on every core.
            var stockes: [(position: Int, id: Int64, record: String)] = []
            for (groupe, positions) in groupes {
                let ids = JSONTexte.ecrire(.liste(positions.keys.map { .texte($0) }))
                stockes += try Row.fetchAll(db, sql: """
                    SELECT id, record, id_erp_apprenant FROM effectifs
                    WHERE organisme_id = ? AND annee_scolaire = ? AND id_erp_apprenant IN (SELECT value FROM json_each(?))
                    """, arguments: [groupe.organisme, groupe.annee, ids]).map {
                    (position: positions[$0["id_erp_apprenant"] as String]!, id: $0["id"] as Int64, record: $0["record"] as String)
                }
            }
            connus.publier(stockes.map(\.position))
            let fusions = stockes.carteParallele { s -> Result<(Int, Fusion), any Error> in
                Result {
                    let ancien = try Effectif(json: document(s.record))
                    let merged = try ancien.fusionne(avec: lot.items[s.position].effectif!, now: now)
                    let formes = Precalcul(merged)
                    return (s.position, Fusion(id: s.id, effectif: merged, parcours: formes.parcours,
                                               valeurs: Self.colonnesHorsCle(merged, formes),
                                               ecrasementDe: ancien.sourceOrganismeId == lot.transmetteur ? nil : ancien.sourceOrganismeId))
                }
            }
            var existants: [Int: Fusion] = [:]
            for f in fusions {
                let (position, fusion) = try f.get()
                existants[position] = fusion
            }

            // The write lock is held until the commit: numbers are handed out in commit order.
            var version = try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'effectifs'") ?? 0
            var resultats: [ItemEnregistre] = []
            resultats.reserveCapacity(lot.items.count)
            var formateurs = Set<Int64>()
            for (k, item) in lot.items.enumerated() {
                let ligne = lignes[k]
                var effectifId: EffectifID?
                var indexable: EffectifIndexable?
                if let incoming = item.effectif {
                    version += 1
                    let stocke: EffectifStocke
                    if let existant = existants[k] {
                        try update.executer(db, existant.valeurs, puis: version.databaseValue, existant.id.databaseValue)
                        stocke = EffectifStocke(id: EffectifID(existant.id), effectif: existant.effectif, parcours: existant.parcours)
                    } else {
                        // Computed here only if it had been thought known (not possible while nothing is deleted).
                        let nouveau = ligne.effectif ?? Self.nouveau(incoming)
                        try insert.executer(db, nouveau.valeurs, puis: version.databaseValue)
                        stocke = EffectifStocke(id: EffectifID(db.lastInsertedRowID), effectif: incoming, parcours: nouveau.parcours)
                    }
                    effectifId = stocke.id
                    formateurs.insert(incoming.organismeId.rawValue)
                    indexable = EffectifIndexable(stocke, version: version)
                }
                try transmission.executer(db, ligne.transmission, puis: effectifId?.rawValue.databaseValue ?? .null)
                resultats.append(ItemEnregistre(index: item.index, transmissionId: db.lastInsertedRowID,
                                                effectifId: effectifId, organismeId: item.effectif?.organismeId,
                                                indexable: indexable, ecrasementDe: existants[k]?.ecrasementDe))
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
        checkpoints.apresEcriture()
        return resultats
    }

    /// A new learner's columns and timeline.
    static func nouveau(_ e: Effectif) -> (valeurs: [DatabaseValue], parcours: Parcours) {
        let formes = Precalcul(e)
        return (Self.colonnes(e, formes), formes.parcours)
    }

    /// The positions in the batch of the learners found already stored, once the query has said so: the
    /// preparation of new-learner rows skips them from then on.
    final class PositionsConnues: @unchecked Sendable {
        private let verrou = NSLock()
        private var positions = Set<Int>()

        func publier(_ p: [Int]) { verrou.withLock { positions.formUnion(p) } }
        func contient(_ k: Int) -> Bool { verrou.withLock { positions.contains(k) } }
    }

    struct Groupe: Hashable {
        let organisme: Int64
        let annee: String
    }

    /// A known learner merged with what the batch sends, ready to be written.
    struct Fusion: Sendable {
        let id: Int64
        let effectif: Effectif
        let parcours: Parcours
        let valeurs: [DatabaseValue]
        /// The previous transmitter, when another organisme than this batch's.
        let ecrasementDe: OrganismeID?
    }

    /// The values of a transmission's columns but `effectif_id`, in the order of its INSERT.
    static func colonnesTransmission(_ item: LotPrepare.Item, lot: LotPrepare) -> [DatabaseValue] {
        [
            lot.id.databaseValue, item.index.databaseValue, lot.recuLe.epoch.databaseValue, lot.source.rawValue.databaseValue,
            lot.transmetteur.rawValue.databaseValue, lot.cleApi?.rawValue.databaseValue ?? .null,
            item.idErpApprenant?.databaseValue ?? .null, item.formateur?.uai.rawValue.databaseValue ?? .null,
            item.formateur?.siret.rawValue.databaseValue ?? .null, item.erreurs.isEmpty.databaseValue,
            JSONTexte.ecrire(.liste(item.erreurs.map(Self.noeud))).databaseValue,
            item.effectif?.organismeId.rawValue.databaseValue ?? .null, item.echo.databaseValue,
        ]
    }

    static func noeud(_ e: ErreurValidation) -> JSONTexte.Noeud {
        .objet([("message", .texte(e.message)), ("path", .liste(e.path.map { .texte($0) }))])
    }

    /// The values of every column but `id` and `version`, in the order of the INSERT statement: the key, then
    /// the rest.
    static func colonnes(_ e: Effectif, _ formes: Precalcul) -> [DatabaseValue] {
        [e.organismeId.rawValue.databaseValue, e.anneeScolaire.description.databaseValue, e.idErpApprenant.databaseValue]
            + colonnesHorsCle(e, formes)
    }

    /// The values of the columns the UPDATE sets, in its order, but `version`.
    static func colonnesHorsCle(_ e: Effectif, _ formes: Precalcul) -> [DatabaseValue] {
        let valeurs: [(any DatabaseValueConvertible)?] = [
            e.organismeResponsableId.rawValue, e.source.rawValue, e.sourceOrganismeId.rawValue, e.apprenant.nom,
            e.apprenant.prenom, e.apprenant.dateDeNaissance.description, e.formation.cfd, e.formation.rncp,
            e.formation.annee, e.formation.dateEntree.description, e.formation.dateFin.description, formes.parcoursTexte,
            formes.record, e.createdAt.epoch, e.updatedAt.epoch, e.transmittedAt.epoch,
        ]
        return valeurs.map { $0?.databaseValue ?? .null }
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
                let erp: String = r["id_erp_apprenant"]
                return LigneEffectif(
                    idErpApprenant: erp,
                    anneeScolaire: try AnneeScolaire(r["annee_scolaire"] as String)
                        .ou(LigneIllisible(table: "effectifs", id: erp, colonne: "annee_scolaire")),
                    uai: (r["uai"] as String?).flatMap(UAI.init),
                    siret: try SIRET(r["siret"] as String).ou(LigneIllisible(table: "organismes", id: erp, colonne: "siret")),
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

import Domain
import Foundation
import GRDB
import Outils

extension SQLiteStore {
    /// One transaction per batch. The transmission rows, which do not depend on the stored rows, are prepared on
    /// the other cores while the write lock is awaited; one query per organisme and school year reads the learners
    /// already stored; then `FusionLot` (the domain's merge) gives each item's write, computed slice by slice on
    /// the other cores while the rows before are written, each with its values bound directly.
    public func enregistrer(lot: LotPrepare) async throws -> [ItemEnregistre] {
        let now = lot.recuLe
        let transmissions = ProductionParTranches(lot.items) { item in Self.colonnesTransmission(item, lot: lot) }
        // The positions of the batch's learners by key, by organisme and school year (usually one or two of these).
        let groupes = lot.items.indices.reduce(into: [Groupe: [String: Int]]()) { g, k in
            guard let cle = lot.items[k].effectif?.cle else { return }
            g[Groupe(organisme: cle.organisme.rawValue, annee: cle.anneeScolaire.description), default: [:]][
                cle.idErpApprenant] = k
        }
        let resultats = try await pool.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO effectifs (organisme_id, annee_scolaire, id_erp_apprenant, organisme_responsable_id, source,
                        source_organisme_id, nom, prenom, date_de_naissance, formation_cfd, formation_rncp, formation_annee,
                        date_entree, date_fin, parcours, record, created_at, updated_at, transmitted_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            // The key columns are left out: they are those the row was found by, and an assigned column makes SQLite
            // rewrite its index entries.
            let update = try db.cachedStatement(
                sql: """
                    UPDATE effectifs SET organisme_responsable_id = ?, source = ?, source_organisme_id = ?, nom = ?,
                        prenom = ?, date_de_naissance = ?, formation_cfd = ?, formation_rncp = ?, formation_annee = ?,
                        date_entree = ?, date_fin = ?, parcours = ?, record = ?, created_at = ?, updated_at = ?,
                        transmitted_at = ?, version = ?
                    WHERE id = ?
                    """)
            let transmission = try db.cachedStatement(
                sql: """
                    INSERT INTO transmissions (lot_id, item_index, recu_le, source, source_organisme_id, cle_api_id,
                        id_erp_apprenant, formateur_uai, formateur_siret, accepte, erreurs, organisme_id, donnees, effectif_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            // The stored rows of the batch's learners, by their position in the batch.
            var stockes: [Int: (id: Int64, record: String)] = [:]
            for (groupe, positions) in groupes {
                let ids = JSONTexte.ecrire(.liste(positions.keys.map { .texte($0) }))
                let lignes = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT id, record, id_erp_apprenant FROM effectifs
                        WHERE organisme_id = ? AND annee_scolaire = ? AND id_erp_apprenant IN (SELECT value FROM json_each(?))
                        """, arguments: [groupe.organisme, groupe.annee, ids])
                while let r = try lignes.next() {
                    let l = LigneLue(r, table: "effectifs")
                    guard let k = positions[try l.exiger("id_erp_apprenant", String.self)] else { continue }
                    stockes[k] = (id: try l.exiger("id"), record: try l.exiger("record"))
                }
            }
            // Each item's write, its column values and its case row, slice by slice on the other cores.
            let lus = stockes
            let contexte = etatSuivis.derivationActive ? try contexteSuivis(db) : nil
            let ecritures = ProductionParTranches(Array(lot.items.indices)) { k in
                Result {
                    () throws -> (ecriture: FusionLot.Ecriture, valeurs: [DatabaseValue], suivi: SuiviPrepare?)? in
                    let existant = try lus[k].map {
                        FusionLot.Existant(
                            id: EffectifID($0.id), effectif: try Self.effectif(record: $0.record, id: $0.id))
                    }
                    guard let e = FusionLot.ecriture(lot.items[k], existant: existant, lot: lot) else { return nil }
                    let valeurs = e.id == nil ? Self.colonnes(e) : Self.colonnesHorsCle(e)
                    // The case row reuses the timeline's JSON just written for the effectif, and a new learner has
                    // no case row to look for; one that never broke a contract needs none (most of a batch).
                    let nouveau = e.id == nil
                    let sansRupture = !e.parcours.etapes.contains { $0.valeur == .rupturant }
                    let suivi = (nouveau && sansRupture ? nil : contexte).map {
                        Self.preparer(
                            e.effectif, parcours: e.parcours, regles: $0.regles, couverture: $0.couverture,
                            parcoursEcrit: valeurs[valeurs.count - Self.colonnesApresParcours - 1], nouveau: e.id == nil
                        )
                    }
                    return (e, valeurs, suivi)
                }
            }

            // The write lock is held until the commit: numbers are handed out in commit order.
            var version = try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'effectifs'") ?? 0
            var resultats: [ItemEnregistre] = []
            resultats.reserveCapacity(lot.items.count)
            var suivis: [SuiviPrepare] = []
            for (k, item) in lot.items.enumerated() {
                let ecriture = try ecritures[k].get()
                var id: EffectifID?
                if let (e, valeurs, suivi) = ecriture {
                    version += 1
                    if let existant = e.id {
                        try update.executer(db, valeurs, puis: version.databaseValue, existant.rawValue.databaseValue)
                        id = existant
                    } else {
                        try insert.executer(db, valeurs, puis: version.databaseValue)
                        id = EffectifID(db.lastInsertedRowID)
                    }
                    if let id, var suivi {
                        suivi.ligne.effectif = id
                        suivis.append(suivi)
                    }
                }
                try transmission.executer(db, transmissions[k], puis: id?.rawValue.databaseValue ?? .null)
                resultats.append(
                    ItemEnregistre(
                        item, ecriture: ecriture?.ecriture, id: id, version: version,
                        transmissionId: db.lastInsertedRowID))
            }

            try db.execute(sql: "UPDATE versions SET valeur = ? WHERE nom = 'effectifs'", arguments: [version])
            // The cases of the young people this batch touched: in the list as soon as the POST has answered.
            try deriverSuivis(db, suivis, now: now)
            let bookkeeping = try db.cachedStatement(
                sql: """
                    UPDATE organismes SET first_transmission_date = ifnull(first_transmission_date, ?),
                        last_transmission_date = ? WHERE id = ?
                    """)
            for id in FusionLot.formateurs(lot) {
                try bookkeeping.execute(arguments: [now.epoch, now.epoch, id.rawValue])
            }
            try db.execute(
                sql: "UPDATE organismes SET last_erp_transmission_date = ? WHERE id = ?",
                arguments: [now.epoch, lot.transmetteur.rawValue])
            if let cle = lot.cleApi {
                // The key's last use and last batch are the organisme's last transmission, to the instant.
                try db.execute(
                    sql: "UPDATE cles_api SET derniere_transmission_le = ?, last_used_at = ? WHERE id = ?",
                    arguments: [now.epoch, now.epoch, cle.rawValue])
            }
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

    struct Groupe: Hashable {
        let organisme: Int64
        let annee: String
    }

    /// The values of a transmission's columns but `effectif_id`, in the order of its INSERT.
    static func colonnesTransmission(_ item: LotPrepare.Item, lot: LotPrepare) -> [DatabaseValue] {
        [
            lot.id.databaseValue, item.index.databaseValue, lot.recuLe.epoch.databaseValue,
            lot.source.rawValue.databaseValue,
            lot.transmetteur.rawValue.databaseValue, lot.cleApi?.rawValue.databaseValue ?? .null,
            item.idErpApprenant?.databaseValue ?? .null, item.formateur?.uai.rawValue.databaseValue ?? .null,
            item.formateur?.siret.rawValue.databaseValue ?? .null, item.erreurs.isEmpty.databaseValue,
            ErreursValidationJSON.ecrire(item.erreurs).databaseValue,
            item.effectif?.organismeId.rawValue.databaseValue ?? .null, item.echo.databaseValue,
        ]
    }

    /// The values of every column of a new learner but `id` and `version`, in the order of the INSERT statement:
    /// the key, then the rest.
    static func colonnes(_ ecriture: FusionLot.Ecriture) -> [DatabaseValue] {
        let e = ecriture.effectif
        return [
            e.organismeId.rawValue.databaseValue, e.anneeScolaire.description.databaseValue,
            e.idErpApprenant.databaseValue,
        ] + colonnesHorsCle(ecriture)
    }

    /// How many values follow the timeline's JSON in `colonnesHorsCle` (and `colonnes`).
    static let colonnesApresParcours = 4

    /// The values of the columns the UPDATE sets, in its order, but `version`.
    static func colonnesHorsCle(_ ecriture: FusionLot.Ecriture) -> [DatabaseValue] {
        let e = ecriture.effectif
        let valeurs: [(any DatabaseValueConvertible)?] = [
            e.organismeResponsableId.rawValue, e.source.rawValue, e.sourceOrganismeId.rawValue, e.apprenant.nom,
            e.apprenant.prenom, e.apprenant.dateDeNaissance.description, e.formation.cfd, e.formation.rncp,
            e.formation.annee, e.formation.dateEntree.description, e.formation.dateFin.description,
            JSONTexte.ecrire(ecriture.parcours.json), JSONTexte.ecrire(e.json), e.createdAt.epoch, e.updatedAt.epoch,
            e.transmittedAt.epoch,
        ]
        return valeurs.map { $0?.databaseValue ?? .null }
    }

    public func effectif(cle: CleEffectif) async throws -> EffectifStocke? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, record, parcours FROM effectifs
                        WHERE organisme_id = ? AND annee_scolaire = ? AND id_erp_apprenant = ?
                        """,
                    arguments: [cle.organisme.rawValue, cle.anneeScolaire.description, cle.idErpApprenant])
            else { return nil }
            return try Self.effectifStocke(LigneLue(row, table: "effectifs"))
        }
    }

    public func effectifs(organismes: [OrganismeID], annee: AnneeScolaire?, page: Int, limite: Int) async throws
        -> PageEffectifs
    {
        try await pool.read { db in
            let ids = organismes.map { String($0.rawValue) }.joined(separator: ",")
            let filtre = "e.organisme_id IN (\(ids))" + (annee == nil ? "" : " AND e.annee_scolaire = :annee")
            let arguments: StatementArguments = annee.map { ["annee": $0.description] } ?? [:]
            let total =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM effectifs e WHERE \(filtre)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.organisme_id, e.id_erp_apprenant, e.annee_scolaire, e.parcours, o.uai, o.siret
                    FROM effectifs e JOIN organismes o ON o.id = e.organisme_id
                    WHERE \(filtre)
                    ORDER BY e.id
                    LIMIT :limite OFFSET :offset
                    """,
                arguments: arguments + ["limite": limite, "offset": (page - 1) * limite])
            let lignes = try rows.map { r in
                let l = LigneLue(r, table: "effectifs")
                let o = LigneLue(r, table: "organismes", id: "organisme_id")
                return LigneEffectif(
                    idErpApprenant: try l.exiger("id_erp_apprenant"),
                    anneeScolaire: try l.exiger("annee_scolaire", AnneeScolaire.init),
                    uai: try o.exiger("uai", String?.self).flatMap(UAI.init), siret: try o.exiger("siret", SIRET.init),
                    parcours: try l.parcours())
            }
            return PageEffectifs(lignes: lignes, total: total)
        }
    }

    public func nombreEffectifs() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM effectifs") ?? 0 }
    }

    public func versions() async throws -> VersionsBase {
        try await pool.read { db in
            let v = try Dictionary(
                Row.fetchAll(db, sql: "SELECT nom, valeur FROM versions").map {
                    let l = LigneLue($0, table: "versions", id: "nom")
                    return (try l.exiger("nom", String.self), try l.exiger("valeur", Int64.self))
                }, uniquingKeysWith: { a, _ in a })
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

    /// A row of `id, record, parcours`.
    static func effectifStocke(_ l: LigneLue) throws -> EffectifStocke {
        let id: Int64 = try l.exiger("id")
        return EffectifStocke(
            id: EffectifID(id), effectif: try effectif(record: l.exiger("record"), id: id),
            parcours: try l.parcours())
    }
}

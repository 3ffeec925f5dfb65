import Domain
import Foundation
import GRDB
import Outils

extension SQLiteStore {
    public func configurerSuivis(_ regles: ReglesSuivi) { etatSuivis.configurer(regles) }

    public func deriverSuivis(_ actif: Bool) { etatSuivis.derivationActive = actif }

    /// Within a transaction: the rules, the coverage of the référentiel as stored now, and its version.
    func contexteSuivis(_ db: Database) throws -> (
        regles: ReglesSuivi, couverture: CouvertureMissionsLocales, version: Int64
    ) {
        let version = try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'missions_locales'") ?? 0
        if let c = etatSuivis.couverture(version: version) { return (etatSuivis.reglesEnVigueur, c, version) }
        let c = CouvertureMissionsLocales(try Self.missionsLocales(db))
        etatSuivis.memoriser(c, version: version)
        return (etatSuivis.reglesEnVigueur, c, version)
    }

    /// A learner's case row and, for a candidate, its column values: computed on the other cores, outside the
    /// write transaction (`preparer`), written in it (`deriverSuivis`).
    struct SuiviPrepare: Sendable {
        var ligne: LigneSuivi
        var colonnes: [DatabaseValue]?
        /// A learner inserted by this batch: it has no case row yet.
        var nouveau = false
        /// What the row was computed from: a case with a declared rupture is computed again with it.
        var effectif: Effectif
        var parcours: Parcours
        var regles: ReglesSuivi
        var couverture: CouvertureMissionsLocales

        /// The row again, with the rupture the CFA declared.
        func avec(declaree: Jour) -> (LigneSuivi, [DatabaseValue]) {
            var l = DerivationSuivis.ligne(
                id: ligne.effectif, effectif: effectif, parcours: parcours, regles: regles, couverture: couverture,
                declaree: declaree)
            l.effectif = ligne.effectif
            return (l, colonnesSuivi(l))
        }
    }

    /// The case row of a learner under these rules and coverage; the effectif's id is set when it is known.
    /// `parcoursEcrit`: the timeline's JSON as the effectif's row holds it, when it was just written.
    static func preparer(
        _ e: Effectif, parcours: Parcours, id: EffectifID = EffectifID(0), regles: ReglesSuivi,
        couverture: CouvertureMissionsLocales, parcoursEcrit: DatabaseValue? = nil, nouveau: Bool = false,
        declaree: Jour? = nil
    ) -> SuiviPrepare {
        let l = DerivationSuivis.ligne(
            id: id, effectif: e, parcours: parcours, regles: regles, couverture: couverture, declaree: declaree)
        return SuiviPrepare(
            ligne: l,
            colonnes: l.estCandidat
                ? colonnesSuivi(l, parcoursEcrit: l.ruptureDeclaree == nil ? parcoursEcrit : nil) : nil,
            nouveau: nouveau, effectif: e, parcours: parcours, regles: regles, couverture: couverture)
    }

    /// Writes the case rows of effectifs just written, in their transaction (DESIGN §7b).
    func deriverSuivis(_ db: Database, _ ecrits: [(id: EffectifID, effectif: Effectif, parcours: Parcours)], now: Date)
        throws
    {
        guard !ecrits.isEmpty, etatSuivis.derivationActive else { return }
        let (regles, couverture, _) = try contexteSuivis(db)
        try deriverSuivis(
            db,
            ecrits.carteParallele {
                Self.preparer($0.effectif, parcours: $0.parcours, id: $0.id, regles: regles, couverture: couverture)
            }, now: now)
    }

    /// Writes prepared case rows: a new case for a candidate, the row kept up to date while it is a candidate or has
    /// a history (unchanged rows are not rewritten), deleted otherwise. A case with a history whose young person
    /// moved goes to the new mission locale with a transfer in its history.
    func deriverSuivis(_ db: Database, _ prepares: [SuiviPrepare], now: Date) throws {
        guard !prepares.isEmpty, etatSuivis.derivationActive else { return }
        var vus = Set<EffectifID>()
        let derniers = prepares.reversed().filter { vus.insert($0.ligne.effectif).inserted }.reversed()
        var existants: [Int64: (id: Int64, missionLocale: String?, prisEnCharge: Bool, declaree: Jour?)] = [:]
        let connus = derniers.filter { !$0.nouveau }
        let ids = JSONTexte.ecrire(.liste(connus.map { .texte(String($0.ligne.effectif.rawValue)) }))
        let lignes =
            connus.isEmpty
            ? []
            : try Row.fetchAll(
                db,
                sql: """
                    SELECT id, effectif_id, mission_locale, pris_en_charge, rupture_declaree FROM suivis
                    WHERE effectif_id IN (SELECT value FROM json_each(?))
                    """, arguments: [ids])
        for r in lignes {
            let l = LigneLue(r, table: "suivis")
            existants[try l.exiger("effectif_id")] = (
                try l.exiger("id"), try l.texteOuNul("mission_locale"), try l.exiger("pris_en_charge", Bool.self),
                try l.texteOuNul("rupture_declaree").map { try Jour(iso: $0).ou(l.illisible("rupture_declaree")) }
            )
        }
        // One change number per row that may be written, reserved at once (numbers left unused are harmless).
        var seq =
            try Int64.fetchOne(
                db, sql: "UPDATE versions SET valeur = valeur + ? WHERE nom = 'suivis_seq' RETURNING valeur",
                arguments: [derniers.count]) ?? 0
        seq -= Int64(derniers.count)
        let inserer = try db.cachedStatement(
            sql: """
                INSERT INTO suivis (mission_locale, organisme_id, rupture, nom, prenom, date_de_naissance, rqth,
                    commune_insee, code_postal, formation_cfd, formation_rncp, parcours, rupture_declaree, effectif_id,
                    cree_le, seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // A row whose every column is as computed is left alone: no write, no new change number.
        let mettreAJour = try db.cachedStatement(
            sql: """
                UPDATE suivis SET mission_locale = ?1, organisme_id = ?2, rupture = ?3, nom = ?4, prenom = ?5,
                    date_de_naissance = ?6, rqth = ?7, commune_insee = ?8, code_postal = ?9, formation_cfd = ?10,
                    formation_rncp = ?11, parcours = ?12, rupture_declaree = ?13, seq = ?15
                WHERE id = ?14 AND (mission_locale IS NOT ?1 OR organisme_id IS NOT ?2 OR rupture IS NOT ?3
                    OR nom IS NOT ?4 OR prenom IS NOT ?5 OR date_de_naissance IS NOT ?6 OR rqth IS NOT ?7
                    OR commune_insee IS NOT ?8 OR code_postal IS NOT ?9 OR formation_cfd IS NOT ?10
                    OR formation_rncp IS NOT ?11 OR parcours IS NOT ?12 OR rupture_declaree IS NOT ?13)
                """)
        let supprimer = try db.cachedStatement(sql: "DELETE FROM suivis WHERE id = ?")
        for p in derniers {
            var (l, colonnes) = (p.ligne, p.colonnes)
            seq += 1
            if let ex = existants[l.effectif.rawValue] {
                // A rupture declared by the CFA: the row follows it while the ERP's data does not show it.
                if let d = ex.declaree, l.ruptureDeclaree != d {
                    (l, colonnes) = p.avec(declaree: d)
                    if l.ruptureDeclaree == nil {
                        try Self.inserer(
                            .rapprochementERP(declaree: d, effectif: p.effectif, rupture: l.rupture, le: now),
                            suivi: ex.id,
                            db)
                    }
                }
                guard l.estCandidat || ex.prisEnCharge else {
                    try supprimer.execute(arguments: [ex.id])
                    continue
                }
                try mettreAJour.executer(
                    db, colonnes ?? Self.colonnesSuivi(l), puis: ex.id.databaseValue, seq.databaseValue)
                if ex.missionLocale != l.missionLocale {
                    try db.execute(
                        sql: "UPDATE suivis_non_lus SET mission_locale = ? WHERE suivi_id = ?",
                        arguments: [l.missionLocale, ex.id])
                }
                if ex.prisEnCharge, ex.missionLocale != l.missionLocale {
                    try Self.inserer(
                        EvenementSuivi(
                            le: now, genre: .transfert, auteur: EvenementSuivi.auteurService, de: ex.missionLocale,
                            vers: l.missionLocale), suivi: ex.id, db)
                }
            } else if l.estCandidat {
                try inserer.executer(
                    db, colonnes ?? Self.colonnesSuivi(l), puis: l.effectif.rawValue.databaseValue,
                    now.epoch.databaseValue, seq.databaseValue)
            }
        }
    }

    /// The values of the derived columns, in the order of the INSERT and UPDATE above.
    static func colonnesSuivi(_ l: LigneSuivi, parcoursEcrit: DatabaseValue? = nil) -> [DatabaseValue] {
        let valeurs: [(any DatabaseValueConvertible)?] = [
            l.missionLocale, l.organisme.rawValue, l.rupture?.description, l.nom, l.prenom,
            l.dateDeNaissance.description, l.rqth, l.communeInsee, l.codePostal, l.cfd, l.rncp,
        ]
        return valeurs.map { $0?.databaseValue ?? .null }
            + [
                parcoursEcrit ?? JSONTexte.ecrire(l.parcours.json).databaseValue,
                l.ruptureDeclaree?.description.databaseValue ?? .null,
            ]
    }

    public func reconstruireSuivisSiNecessaire(now: Date) async throws -> Int? {
        try await pool.write { db in
            let (regles, _, version) = try contexteSuivis(db)
            let attendue = DerivationSuivis.empreinte(regles: regles, versionReferentiel: version)
            let actuelle = try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'suivis'") ?? 0
            guard actuelle != attendue else { return nil }
            // Only a learner with a rupture can be a candidate; those with a case row may have to leave it.
            let curseur = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, record, parcours FROM effectifs
                    WHERE parcours LIKE '%RUPTURANT%' OR id IN (SELECT effectif_id FROM suivis)
                    ORDER BY id
                    """)
            var paquet: [(id: Int64, record: String, parcours: String)] = []
            var lus = 0
            func ecrire() throws {
                let ecrits = try paquet.carteParallele { p in
                    Result {
                        (
                            id: EffectifID(p.id), effectif: try Self.effectif(record: p.record, id: p.id),
                            parcours: try Parcours(texte: p.parcours)
                        )
                    }
                }.map { try $0.get() }
                try deriverSuivis(db, ecrits, now: now)
                lus += paquet.count
                paquet.removeAll(keepingCapacity: true)
            }
            while let r = try curseur.next() {
                let l = LigneLue(r, table: "effectifs")
                paquet.append((try l.exiger("id"), try l.exiger("record"), try l.exiger("parcours")))
                if paquet.count == 2_000 { try ecrire() }
            }
            try ecrire()
            try db.execute(sql: "UPDATE versions SET valeur = ? WHERE nom = 'suivis'", arguments: [attendue])
            return lus
        }
    }
}

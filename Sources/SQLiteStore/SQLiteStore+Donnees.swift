import Domain
import Foundation
import GRDB
import Outils

/// Retention, a learner's export and erasure, the journal search (F21, F22).
extension SQLiteStore {
    /// An effectif is pseudonymised when its name is its pseudonym and its first name empty: a learner sent again
    /// afterwards (its names back) is pseudonymised again by the next purge.
    static let nominatif = "NOT (prenom = '' AND nom = 'PSEUDONYME-' || id)"

    public func anneesNominatives() async throws -> [AnneeScolaire] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT annee_scolaire FROM effectifs WHERE \(Self.nominatif)")
                .compactMap { AnneeScolaire($0) }
        }
    }

    public func nombreNominatifs(annee: AnneeScolaire) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM effectifs WHERE annee_scolaire = ? AND \(Self.nominatif)",
                arguments: [annee.description]) ?? 0
        }
    }

    public func pseudonymiser(annee: AnneeScolaire, apres: EffectifID?, limite: Int) async throws
        -> (nombre: Int, dernier: EffectifID)?
    {
        try await pool.write { db in
            let lignes = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, record FROM effectifs
                    WHERE annee_scolaire = ? AND id > ? AND \(Self.nominatif)
                    ORDER BY id LIMIT ?
                    """, arguments: [annee.description, apres?.rawValue ?? 0, limite])
            guard let derniere = lignes.last else { return nil }
            // The record only: every column the index reads (birth date, formation, timeline) stays as it is. Each
            // row gets a change number, as every write does: copies of the record kept in memory are read again.
            var version = try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'effectifs'") ?? 0
            let update = try db.cachedStatement(
                sql: "UPDATE effectifs SET nom = ?, prenom = '', record = ?, version = ? WHERE id = ?")
            // A mission locale's case holds the name and contacts: it ends with the learner's named data.
            let suivi = try db.cachedStatement(sql: "DELETE FROM suivis WHERE effectif_id = ?")
            for r in lignes {
                let l = LigneLue(r, table: "effectifs")
                let id = EffectifID(try l.exiger("id"))
                let e = try Self.effectif(record: l.exiger("record"), id: id).pseudonymise(
                    pseudonyme: Effectif.pseudonyme(id))
                version += 1
                try update.execute(arguments: [e.apprenant.nom, JSONTexte.ecrire(e.json), version, id.rawValue])
                try suivi.execute(arguments: [id.rawValue])
            }
            try db.execute(sql: "UPDATE versions SET valeur = ? WHERE nom = 'effectifs'", arguments: [version])
            return (lignes.count, EffectifID(try LigneLue(derniere, table: "effectifs").exiger("id")))
        }
    }

    public func clesApiInutilisees(avant: Date) async throws -> [CleApi] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM cles_api WHERE revoked_at IS NULL AND max(ifnull(last_used_at, created_at), created_at) < ?
                    ORDER BY id
                    """, arguments: [avant.epoch]
            ).map(Self.cleApi)
        }
    }

    public func purger(_ genre: GenreDonnees, avant: Date, simulation: Bool, now: Date) async throws -> Int {
        let sql: (compter: String, purger: String)
        switch genre {
        case .itemsRejetes:
            sql = (
                "SELECT COUNT(*) FROM transmissions WHERE donnees <> '' AND recu_le < ?",
                "UPDATE transmissions SET donnees = '' WHERE donnees <> '' AND recu_le < ?"
            )
        case .courriels:
            sql = ("SELECT COUNT(*) FROM courriels WHERE cree_le < ?", "DELETE FROM courriels WHERE cree_le < ?")
        case .sessions:
            sql = (
                "SELECT COUNT(*) FROM sessions WHERE expire_le < ?1 OR revoquee_le < ?1",
                "DELETE FROM sessions WHERE expire_le < ?1 OR revoquee_le < ?1"
            )
        case .liensUniques:
            sql = ("SELECT COUNT(*) FROM jetons WHERE expire_le < ?", "DELETE FROM jetons WHERE expire_le < ?")
        case .journal:
            sql = ("SELECT COUNT(*) FROM journal WHERE le < ?", "DELETE FROM journal WHERE le < ?")
        case .effectifsNominatifs, .clesApiInutilisees, .dossiersSuivi:
            return 0
        }
        if simulation {
            return try await pool.read { db in try Int.fetchOne(db, sql: sql.compter, arguments: [avant.epoch]) ?? 0 }
        }
        return try await pool.write { db in
            try db.execute(sql: sql.purger, arguments: [avant.epoch])
            return db.changesCount
        }
    }

    // MARK: - Un apprenant

    public func effectifs(recherche: RechercheApprenant, limite: Int) async throws -> [EffectifStocke] {
        try await pool.read { db in
            let lignes: [Row]
            switch recherche {
            case .cle(let c):
                lignes = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, record, parcours FROM effectifs
                        WHERE organisme_id = ? AND annee_scolaire = ? AND id_erp_apprenant = ?
                        """, arguments: [c.organisme.rawValue, c.anneeScolaire.description, c.idErpApprenant])
            case .identite(_, _, let naissance):
                // No index on names or birth dates (it would cost every batch): an administrator's rare search reads
                // the table; names are compared without case or accents by `nommeBien`.
                lignes = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, record, parcours FROM effectifs WHERE date_de_naissance = ? ORDER BY id
                        """, arguments: [naissance.description])
            }
            var trouves: [EffectifStocke] = []
            for r in lignes where trouves.count < limite {
                let e = try Self.effectifStocke(LigneLue(r, table: "effectifs"))
                if recherche.nommeBien(e.effectif) { trouves.append(e) }
            }
            return trouves
        }
    }

    /// The items of the effectif's transmissions, and the rejected items with its ERP id sent by its organismes.
    static let transmissionsApprenant = """
        effectif_id = :id OR (accepte = 0 AND id_erp_apprenant = :idErp
            AND source_organisme_id IN (:formateur, :responsable, :source))
        """

    static func arguments(_ e: EffectifStocke) -> StatementArguments {
        [
            "id": e.id.rawValue, "idErp": e.effectif.idErpApprenant, "formateur": e.effectif.organismeId.rawValue,
            "responsable": e.effectif.organismeResponsableId.rawValue, "source": e.effectif.sourceOrganismeId.rawValue,
        ]
    }

    public func transmissions(de e: EffectifStocke) async throws -> [TransmissionApprenant] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, recu_le, accepte, donnees, erreurs FROM transmissions WHERE \(Self.transmissionsApprenant) ORDER BY id
                    """, arguments: Self.arguments(e)
            ).map { r in
                let l = LigneLue(r, table: "transmissions")
                return TransmissionApprenant(
                    recuLe: try l.instant("recu_le"), accepte: try l.exiger("accepte"),
                    donnees: try l.exiger("donnees"), erreurs: ErreursValidationJSON.lire(try l.exiger("erreurs")))
            }
        }
    }

    public func effacer(_ e: EffectifStocke, empreinte: String, now: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO effacements (le, effectif_id, version, organisme_id, annee_scolaire, empreinte)
                    SELECT ?, id, version, organisme_id, annee_scolaire, ? FROM effectifs WHERE id = ?
                    """, arguments: [now.epoch, empreinte, e.id.rawValue])
            guard db.changesCount == 1 else { return 0 }
            try db.execute(
                sql: "DELETE FROM transmissions WHERE \(Self.transmissionsApprenant)", arguments: Self.arguments(e))
            let n = db.changesCount
            try db.execute(sql: "DELETE FROM effectifs WHERE id = ?", arguments: [e.id.rawValue])
            return n
        }
    }

    static func effacement(_ r: Row) throws -> Effacement {
        let l = LigneLue(r, table: "effacements")
        return Effacement(
            numero: try l.exiger("id"), le: try l.instant("le"), effectif: EffectifID(try l.exiger("effectif_id")),
            version: try l.exiger("version"), organisme: OrganismeID(try l.exiger("organisme_id")),
            anneeScolaire: try l.exiger("annee_scolaire", AnneeScolaire.init),
            empreinte: try l.exiger("empreinte"), revenuLe: try l.instantOptionnel("revenu_le"))
    }

    public func effacements(apres numero: Int64, limite: Int) async throws -> [Effacement] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM effacements WHERE id > ? ORDER BY id LIMIT ?", arguments: [numero, limite]
            )
            .map(Self.effacement)
        }
    }

    public func effacementsASurveiller() async throws -> [Effacement] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM effacements WHERE revenu_le IS NULL ORDER BY id").map(
                Self.effacement)
        }
    }

    public func idsErpCrees(organisme: OrganismeID, annee: AnneeScolaire, depuis: Date) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT id_erp_apprenant FROM effectifs WHERE organisme_id = ? AND annee_scolaire = ? AND created_at >= ?
                    """, arguments: [organisme.rawValue, annee.description, depuis.epoch])
        }
    }

    public func noterRetour(effacement numero: Int64, now: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE effacements SET revenu_le = ? WHERE id = ?", arguments: [now.epoch, numero])
        }
    }

    public func effacementsRevenus(limite: Int) async throws -> [Effacement] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM effacements WHERE revenu_le IS NOT NULL ORDER BY revenu_le DESC LIMIT ?",
                arguments: [limite]
            ).map(Self.effacement)
        }
    }

    // MARK: - Journal

    public func journal(filtre f: FiltreJournal, page: Int, parPage: Int) async throws -> PageJournal {
        let filtre = """
            FROM journal j LEFT JOIN utilisateurs u ON u.id = j.acteur_id
            WHERE (:action IS NULL OR j.action = :action)
              AND (:utilisateur IS NULL OR instr(lower(ifnull(j.acteur_email, '')), lower(:utilisateur)) > 0)
              AND (:organisation IS NULL OR u.organisation_id = :organisation)
              AND (:du IS NULL OR j.le >= :du) AND (:au IS NULL OR j.le < :au)
            """
        let arguments: StatementArguments = [
            "action": f.action, "utilisateur": f.utilisateur, "organisation": f.organisation?.rawValue,
            "du": f.du?.date.epoch, "au": f.au.map { $0.adding(days: 1).date.epoch },
        ]
        return try await pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(filtre)", arguments: arguments) ?? 0
            let entrees = try Row.fetchAll(
                db, sql: "SELECT j.* \(filtre) ORDER BY j.id DESC LIMIT :limite OFFSET :offset",
                arguments: arguments + ["limite": parPage, "offset": (max(page, 1) - 1) * parPage]
            )
            .map(Self.entreeJournal)
            return PageJournal(entrees: entrees, total: total)
        }
    }

    public func actionsJournal() async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT action FROM journal ORDER BY action")
        }
    }

    // MARK: - Sauvegarde

    /// Copies the database into a new file with SQLite's online backup: a consistent copy while the service
    /// writes (GRDB `backup(to:)`, page by page under a read transaction).
    public func sauvegarder(vers chemin: String) throws {
        guard !FileManager.default.fileExists(atPath: chemin) else {
            throw ErreurSauvegarde(message: "le fichier \(chemin) existe déjà : choisissez un nouveau nom")
        }
        let cible = try DatabaseQueue(path: chemin)
        try pool.backup(to: cible)
        try cible.close()
    }
}

public struct ErreurSauvegarde: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

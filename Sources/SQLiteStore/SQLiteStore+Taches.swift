import Domain
import Foundation
import GRDB

extension SQLiteStore {
    /// One upsert under SQLite's single writer: the row is written only when absent, or expired and not completed.
    public func prendreBail(_ o: Occurrence, titulaire: String, expireLe: Date, now: Date) async throws -> Bool {
        try await pool.write { db in
            try String.fetchOne(
                db,
                sql: """
                    INSERT INTO taches_baux (tache, occurrence, titulaire, expire_le) VALUES (?, ?, ?, ?)
                    ON CONFLICT (tache, occurrence) DO UPDATE
                        SET titulaire = excluded.titulaire, expire_le = excluded.expire_le
                        WHERE taches_baux.terminee_le IS NULL AND taches_baux.expire_le <= ?
                    RETURNING titulaire
                    """,
                arguments: [o.tache, o.instant.epoch, titulaire, expireLe.epoch, now.epoch]) != nil
        }
    }

    public func prolongerBail(_ o: Occurrence, titulaire: String, expireLe: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE taches_baux SET expire_le = ?
                    WHERE tache = ? AND occurrence = ? AND titulaire = ? AND terminee_le IS NULL
                    """,
                arguments: [expireLe.epoch, o.tache, o.instant.epoch, titulaire])
            return db.changesCount == 1
        }
    }

    public func libererBail(_ o: Occurrence, titulaire: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE taches_baux SET expire_le = 0 WHERE tache = ? AND occurrence = ? AND titulaire = ?",
                arguments: [o.tache, o.instant.epoch, titulaire])
        }
    }

    public func occurrenceTerminee(_ o: Occurrence) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM taches_baux
                    WHERE tache = ? AND occurrence = ? AND terminee_le IS NOT NULL)
                    """,
                arguments: [o.tache, o.instant.epoch]) ?? false
        }
    }

    public func enregistrer(execution e: ExecutionTache) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO taches_executions (tache, occurrence, titulaire, debut, fin, resultat, message, comptes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    e.tache, e.occurrence.epoch, e.titulaire, e.debut.epoch, e.fin.epoch, e.resultat.rawValue,
                    e.message, BilanTache(comptes: e.comptes).comptesJSON,
                ])
            guard e.resultat == .ok else { return }
            try db.execute(
                sql: """
                    INSERT INTO taches_baux (tache, occurrence, titulaire, expire_le, terminee_le) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (tache, occurrence) DO UPDATE SET terminee_le = excluded.terminee_le
                    """,
                arguments: [e.tache, e.occurrence.epoch, e.titulaire, e.fin.epoch, e.fin.epoch])
        }
    }

    public func executions(tache: String?, limite: Int) async throws -> [ExecutionTache] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM taches_executions WHERE ? IS NULL OR tache = ? ORDER BY id DESC LIMIT ?
                    """,
                arguments: [tache, tache, limite]
            ).map { try LigneLue($0, table: "taches_executions").executionTache() }
        }
    }
}

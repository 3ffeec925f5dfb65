import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    /// One statement decides between instances: the row is inserted, or taken over when its lease expired and the
    /// occurrence did not complete; RETURNING says whether this instance got it.
    public func prendreBail(_ o: Occurrence, titulaire: String, expireLe: Date, now: Date) async throws -> Bool {
        try await nombreModifies(
            """
            INSERT INTO taches_baux (tache, occurrence, titulaire, expire_le)
            VALUES (\(o.tache), \(o.instant.epoch), \(titulaire), \(expireLe.epoch))
            ON CONFLICT (tache, occurrence) DO UPDATE
                SET titulaire = EXCLUDED.titulaire, expire_le = EXCLUDED.expire_le
                WHERE taches_baux.terminee_le IS NULL AND taches_baux.expire_le <= \(now.epoch)
            RETURNING titulaire
            """) == 1
    }

    public func prolongerBail(_ o: Occurrence, titulaire: String, expireLe: Date) async throws -> Bool {
        try await nombreModifies(
            """
            UPDATE taches_baux SET expire_le = \(expireLe.epoch)
            WHERE tache = \(o.tache) AND occurrence = \(o.instant.epoch) AND titulaire = \(titulaire)
              AND terminee_le IS NULL
            RETURNING 1
            """) == 1
    }

    public func libererBail(_ o: Occurrence, titulaire: String) async throws {
        try await executer(
            """
            UPDATE taches_baux SET expire_le = 0
            WHERE tache = \(o.tache) AND occurrence = \(o.instant.epoch) AND titulaire = \(titulaire)
            """)
    }

    public func occurrenceTerminee(_ o: Occurrence) async throws -> Bool {
        try await valeur(
            """
            SELECT EXISTS (SELECT 1 FROM taches_baux
            WHERE tache = \(o.tache) AND occurrence = \(o.instant.epoch) AND terminee_le IS NOT NULL)
            """, Bool.self) ?? false
    }

    public func enregistrer(execution e: ExecutionTache) async throws {
        let comptes = BilanTache(comptes: e.comptes).comptesJSON
        try await transaction { c in
            try await c.executer(
                """
                INSERT INTO taches_executions (tache, occurrence, titulaire, debut, fin, resultat, message, comptes)
                VALUES (\(e.tache), \(e.occurrence.epoch), \(e.titulaire), \(e.debut.epoch), \(e.fin.epoch),
                        \(e.resultat.rawValue), \(e.message), \(comptes))
                """)
            guard e.resultat == .ok else { return }
            try await c.executer(
                """
                INSERT INTO taches_baux (tache, occurrence, titulaire, expire_le, terminee_le)
                VALUES (\(e.tache), \(e.occurrence.epoch), \(e.titulaire), \(e.fin.epoch), \(e.fin.epoch))
                ON CONFLICT (tache, occurrence) DO UPDATE SET terminee_le = EXCLUDED.terminee_le
                """)
        }
    }

    public func executions(tache: String?, limite: Int) async throws -> [ExecutionTache] {
        try await lignes(
            """
            SELECT * FROM taches_executions WHERE \(tache)::text IS NULL OR tache = \(tache)
            ORDER BY id DESC LIMIT \(Int64(limite))
            """
        ) { try LignePG($0, table: "taches_executions").executionTache() }
    }
}

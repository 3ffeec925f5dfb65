import Domain
import Foundation
import GRDB

extension SQLiteStore {
    /// The national counters at a date computed by SQL alone (status at D read from the stored timeline), as a
    /// yardstick for `tdb bench`.
    public func compterEnSQL(date: Jour) async throws -> Compteurs {
        try await pool.read { db in
            let annees = AnneeScolaire.annees(pourIndicateursA: date).map(\.description)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT statut, COUNT(*) AS n FROM (
                        SELECT (SELECT json_extract(p.value, '$.valeur') FROM json_each(e.parcours) p
                                WHERE json_extract(p.value, '$.date') <= ? ORDER BY p.key DESC LIMIT 1) AS statut
                        FROM effectifs e JOIN organismes o ON o.id = e.organisme_id
                        WHERE o.fiable = 1 AND o.ferme = 0 AND e.annee_scolaire IN (?, ?))
                    GROUP BY statut
                    """,
                arguments: [date.description, annees[0], annees[1]])
            var c = Compteurs()
            for r in rows {
                let l = LigneLue(r, table: "effectifs", id: "statut")
                guard let s = try l.exiger("statut", String?.self).flatMap(StatutApprenant.init(rawValue:)) else {
                    continue
                }
                for _ in 0..<(try l.exiger("n", Int.self)) { c.ajouter(CodeStatut.code(s)) }
            }
            return c
        }
    }
}

import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    /// The national counters at a date computed by SQL alone (status at D read from the stored timeline), as a
    /// yardstick for `tdb bench`.
    public func compterEnSQL(date: Jour) async throws -> Compteurs {
        let annees = AnneeScolaire.annees(pourIndicateursA: date).map(\.description)
        let rows = try await lignes(
            """
            SELECT statut, COUNT(*) AS n FROM (
                SELECT (SELECT p.value ->> 'valeur' FROM jsonb_array_elements(e.parcours::jsonb) WITH ORDINALITY AS p(value, rang)
                        WHERE p.value ->> 'date' <= \(date.description) ORDER BY p.rang DESC LIMIT 1) AS statut
                FROM effectifs e JOIN organismes o ON o.id = e.organisme_id
                WHERE o.fiable AND NOT o.ferme AND e.annee_scolaire = ANY(\(annees)::text[])) t
            GROUP BY statut
            """
        ) {
            let l = LignePG($0, table: "effectifs", id: "statut")
            return (try l.exiger("statut", String?.self), Int(try l.exiger("n", Int64.self)))
        }
        var c = Compteurs()
        for (statut, n) in rows {
            guard let s = statut.flatMap(StatutApprenant.init(rawValue:)) else { continue }
            for _ in 0..<n { c.ajouter(CodeStatut.code(s)) }
        }
        return c
    }
}

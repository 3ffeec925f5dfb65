import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func rechercherOrganismes(_ texte: String, limite: Int) async throws -> [Organisme] {
        let (condition, argument): (String, String)
        switch Self.critereRecherche(texte) {
        case .siret(let s): (condition, argument) = ("siret = ?", s)
        case .uai(let u): (condition, argument) = ("uai = ?", u)
        case .debutSiret(let d): (condition, argument) = ("siret LIKE ? || '%' ESCAPE '\\'", Self.motifLike(d))
        case .texte(let t):
            (condition, argument) = (
                "(nom || ' ' || ifnull(commune, '')) LIKE '%' || ? || '%' ESCAPE '\\'", Self.motifLike(t)
            )
        }
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.colonnesOrganisme) FROM organismes WHERE \(condition) ORDER BY nom, id LIMIT ?",
                arguments: [argument, limite]
            ).map(Self.organisme)
        }
    }

    public func utilisateurs(statuts: [StatutCompte], limite: Int) async throws -> [Utilisateur] {
        guard !statuts.isEmpty else { return [] }
        let marques = Array(repeating: "?", count: statuts.count).joined(separator: ", ")
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM utilisateurs WHERE statut IN (\(marques)) ORDER BY created_at, id LIMIT ?",
                arguments: StatementArguments(statuts.map(\.rawValue)) + [limite]
            ).map(Self.utilisateur)
        }
    }

    public func organisations(type: TypeOrganisation) async throws -> [Organisation] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM organisations WHERE type = ? ORDER BY nom, id", arguments: [type.rawValue]
            ).map(Self.organisation)
        }
    }
}

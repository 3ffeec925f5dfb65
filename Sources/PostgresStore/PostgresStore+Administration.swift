import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func rechercherOrganismes(_ texte: String, limite: Int) async throws -> [Organisme] {
        let colonnes = Self.colonnesOrganisme
        switch Self.critereRecherche(texte) {
        case .siret(let s):
            return try await lignes(
                """
                SELECT \(unescaped: colonnes) FROM organismes WHERE siret = \(s) ORDER BY nom, id LIMIT \(Int64(limite))
                """, Self.organisme)
        case .uai(let u):
            return try await lignes(
                """
                SELECT \(unescaped: colonnes) FROM organismes WHERE uai = \(u) ORDER BY nom, id LIMIT \(Int64(limite))
                """, Self.organisme)
        case .debutSiret(let d):
            return try await lignes(
                """
                SELECT \(unescaped: colonnes) FROM organismes WHERE siret LIKE \(Self.motifLike(d)) || '%'
                ORDER BY nom, id LIMIT \(Int64(limite))
                """, Self.organisme)
        case .texte(let t):
            return try await lignes(
                """
                SELECT \(unescaped: colonnes) FROM organismes
                WHERE (nom || ' ' || coalesce(commune, '')) ILIKE '%' || \(Self.motifLike(t)) || '%'
                ORDER BY nom, id LIMIT \(Int64(limite))
                """, Self.organisme)
        }
    }

    public func utilisateurs(statuts: [StatutCompte], limite: Int) async throws -> [Utilisateur] {
        guard !statuts.isEmpty else { return [] }
        return try await lignes(
            """
            SELECT * FROM utilisateurs WHERE statut = ANY(\(statuts.map(\.rawValue)))
            ORDER BY created_at, id LIMIT \(Int64(limite))
            """, Self.utilisateur)
    }

    public func organisations(type: TypeOrganisation) async throws -> [Organisation] {
        try await lignes(
            "SELECT * FROM organisations WHERE type = \(type.rawValue) ORDER BY nom, id", Self.organisation)
    }
}

import Domain
import Foundation
import Outils
import PostgresNIO

extension PostgresStore {
    public func suivisEnAttente() async throws -> [SuiviStocke] {
        try await lignes(
            """
            SELECT * FROM suivis
            WHERE mission_locale IS NOT NULL AND (
                dernier_resultat IS NULL OR rupture_du_resultat IS DISTINCT FROM rupture
                OR dernier_resultat LIKE 'NON_JOINT:%'
                OR demande_cfa_le > resultat_le OR reponse_jeune_le > resultat_le)
            """, Self.suivi)
    }

    public func envoiAutomatique(organisme: OrganismeID) async throws -> ParametresEnvoiAutomatique {
        try await ligne(
            "SELECT actif, jours FROM envoi_automatique WHERE organisme_id = \(organisme.rawValue)"
        ) { r in
            let l = LignePG(r, table: "envoi_automatique", identifiant: organisme)
            return ParametresEnvoiAutomatique(
                actif: try l.exiger("actif", Bool.self), jours: Int(try l.exiger("jours", Int32.self)))
        } ?? ParametresEnvoiAutomatique()
    }

    public func enregistrer(envoiAutomatique p: ParametresEnvoiAutomatique, organisme: OrganismeID, now: Date)
        async throws
    {
        try await executer(
            """
            INSERT INTO envoi_automatique (organisme_id, actif, jours, modifie_le)
            VALUES (\(organisme.rawValue), \(p.actif), \(Int32(clamping: p.jours)), \(now.epoch))
            ON CONFLICT (organisme_id) DO UPDATE
            SET actif = excluded.actif, jours = excluded.jours, modifie_le = excluded.modifie_le
            """)
    }

    public func organismesEnEnvoiAutomatique() async throws -> [OrganismeID: Int] {
        let paires = try await lignes(
            "SELECT organisme_id, jours FROM envoi_automatique WHERE actif ORDER BY organisme_id"
        ) { r in
            let l = LignePG(r, table: "envoi_automatique", id: "organisme_id")
            return (OrganismeID(try l.exiger("organisme_id", Int64.self)), Int(try l.exiger("jours", Int32.self)))
        }
        return Dictionary(paires, uniquingKeysWith: { a, _ in a })
    }

    public func suivisSansDemande(organismes: [OrganismeID]) async throws -> [SuiviStocke] {
        guard !organismes.isEmpty else { return [] }
        return try await lignes(
            """
            SELECT * FROM suivis
            WHERE organisme_id = ANY(\(organismes.map(\.rawValue))::bigint[]) AND mission_locale IS NOT NULL
                AND demande_cfa_le IS NULL AND dernier_resultat IS NULL
            ORDER BY id
            """, Self.suivi)
    }
}

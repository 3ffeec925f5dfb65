import Domain
import Foundation
import GRDB
import Outils

extension SQLiteStore {
    public func suivisEnAttente() async throws -> [SuiviStocke] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.colonnesSuivi) FROM suivis
                    WHERE mission_locale IS NOT NULL AND (
                        dernier_resultat IS NULL OR rupture_du_resultat IS NOT rupture
                        OR substr(dernier_resultat, 1, 10) = 'NON_JOINT:'
                        OR demande_cfa_le > resultat_le OR reponse_jeune_le > resultat_le)
                    """
            ).map(Self.suivi)
        }
    }

    public func envoiAutomatique(organisme: OrganismeID) async throws -> ParametresEnvoiAutomatique {
        try await pool.read { db in
            guard
                let r = try Row.fetchOne(
                    db, sql: "SELECT actif, jours FROM envoi_automatique WHERE organisme_id = ?",
                    arguments: [organisme.rawValue])
            else { return ParametresEnvoiAutomatique() }
            let l = LigneLue(r, table: "envoi_automatique", identifiant: organisme)
            return ParametresEnvoiAutomatique(actif: try l.exiger("actif", Bool.self), jours: try l.exiger("jours"))
        }
    }

    public func enregistrer(envoiAutomatique p: ParametresEnvoiAutomatique, organisme: OrganismeID, now: Date)
        async throws
    {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO envoi_automatique (organisme_id, actif, jours, modifie_le) VALUES (?, ?, ?, ?)
                    ON CONFLICT (organisme_id) DO UPDATE
                    SET actif = excluded.actif, jours = excluded.jours, modifie_le = excluded.modifie_le
                    """, arguments: [organisme.rawValue, p.actif, p.jours, now.epoch])
        }
    }

    public func organismesEnEnvoiAutomatique() async throws -> [OrganismeID: Int] {
        try await pool.read { db in
            var r: [OrganismeID: Int] = [:]
            for ligne in try Row.fetchAll(
                db, sql: "SELECT organisme_id, jours FROM envoi_automatique WHERE actif = 1 ORDER BY organisme_id")
            {
                let l = LigneLue(ligne, table: "envoi_automatique")
                r[OrganismeID(try l.exiger("organisme_id"))] = try l.exiger("jours", Int.self)
            }
            return r
        }
    }

    public func suivisSansDemande(organismes: [OrganismeID]) async throws -> [SuiviStocke] {
        guard !organismes.isEmpty else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.colonnesSuivi) FROM suivis
                    WHERE organisme_id IN (SELECT value FROM json_each(?)) AND mission_locale IS NOT NULL
                        AND demande_cfa_le IS NULL AND dernier_resultat IS NULL
                    ORDER BY id
                    """, arguments: [JSONTexte.ecrire(.liste(organismes.map { .entier(Int($0.rawValue)) }))]
            ).map(Self.suivi)
        }
    }
}

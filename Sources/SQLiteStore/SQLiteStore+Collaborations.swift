import Domain
import Foundation
import GRDB
import Outils

extension SQLiteStore {
    public func marquerLu(suivi: SuiviID, cote: EvenementSuivi.Cote) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO suivis_lectures (suivi_id, cote, evenement_id)
                    SELECT ?, ?, max(id) FROM suivis_evenements WHERE suivi_id = ? HAVING max(id) IS NOT NULL
                    ON CONFLICT (suivi_id, cote) DO UPDATE SET evenement_id = excluded.evenement_id
                    """, arguments: [suivi.rawValue, cote.rawValue, suivi.rawValue])
            try db.execute(
                sql: "DELETE FROM suivis_non_lus WHERE suivi_id = ? AND cote = ?",
                arguments: [suivi.rawValue, cote.rawValue])
        }
    }

    public func nonLus(_ cote: EvenementSuivi.Cote, dans perimetre: Perimetre) async throws -> Set<SuiviID> {
        let (condition, valeur): (String, String)
        switch perimetre {
        case .missionLocale(let code): (condition, valeur) = ("mission_locale = ?", code)
        case .organismes(let ids):
            (condition, valeur) = (
                "organisme_id IN (SELECT value FROM json_each(?))",
                JSONTexte.ecrire(.liste(ids.map { .entier(Int($0.rawValue)) }))
            )
        default: return []
        }
        return try await pool.read { db in
            Set(
                try Int64.fetchAll(
                    db, sql: "SELECT suivi_id FROM suivis_non_lus WHERE cote = ? AND \(condition)",
                    arguments: [cote.rawValue, valeur]
                ).map(SuiviID.init))
        }
    }

    public func luJusqua(suivi: SuiviID, cote: EvenementSuivi.Cote) async throws -> Int64? {
        try await pool.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT evenement_id FROM suivis_lectures WHERE suivi_id = ? AND cote = ?",
                arguments: [suivi.rawValue, cote.rawValue])
        }
    }

    public func nouvellesSuivis(depuis: Date, jusqua: Date) async throws -> [NouvelleSuivi] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.suivi_id, s.effectif_id, s.mission_locale, s.organisme_id, e.genre, e.cote, e.le
                    FROM suivis_evenements e JOIN suivis s ON s.id = e.suivi_id
                    WHERE e.le > ? AND e.le <= ? ORDER BY e.id
                    """, arguments: [depuis.epoch, jusqua.epoch]
            ).map { r in
                let l = LigneLue(r, table: "suivis_evenements")
                return NouvelleSuivi(
                    suivi: SuiviID(try l.exiger("suivi_id")), effectif: EffectifID(try l.exiger("effectif_id")),
                    missionLocale: try l.texteOuNul("mission_locale"),
                    organisme: OrganismeID(try l.exiger("organisme_id")),
                    genre: try l.exiger("genre", EvenementSuivi.Genre.init(rawValue:)),
                    cote: try l.exiger("cote", EvenementSuivi.Cote.init(rawValue:)), le: try l.instant("le"))
            }
        }
    }

    public func destinatairesResumes() async throws -> [DestinataireResume] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.email, u.prenom, o.mission_locale, o.organisme_id FROM utilisateurs u
                    JOIN organisations o ON o.id = u.organisation_id
                    WHERE u.statut = 'actif' AND ((o.type = ? AND o.mission_locale IS NOT NULL)
                        OR (o.type = ? AND o.organisme_id IS NOT NULL))
                    ORDER BY u.id
                    """,
                arguments: [TypeOrganisation.missionLocale.rawValue, TypeOrganisation.organismeFormation.rawValue]
            ).map { r in
                let l = LigneLue(r, table: "utilisateurs")
                return DestinataireResume(
                    utilisateur: UtilisateurID(try l.exiger("id")), email: try l.exiger("email"),
                    prenom: try l.exiger("prenom"), missionLocale: try l.texteOuNul("mission_locale"),
                    organisme: try l.exiger("organisme_id", Int64?.self).map(OrganismeID.init))
            }
        }
    }
}

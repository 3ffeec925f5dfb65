import Domain
import Foundation
import Outils
import PostgresNIO

extension PostgresStore {
    public func marquerLu(suivi: SuiviID, cote: EvenementSuivi.Cote) async throws {
        try await transaction { c in
            try await c.executer(
                """
                INSERT INTO suivis_lectures (suivi_id, cote, evenement_id)
                SELECT \(suivi.rawValue), \(cote.rawValue), max(id) FROM suivis_evenements
                WHERE suivi_id = \(suivi.rawValue)
                HAVING max(id) IS NOT NULL
                ON CONFLICT (suivi_id, cote) DO UPDATE SET evenement_id = excluded.evenement_id
                """)
            try await c.executer(
                "DELETE FROM suivis_non_lus WHERE suivi_id = \(suivi.rawValue) AND cote = \(cote.rawValue)")
        }
    }

    public func nonLus(_ cote: EvenementSuivi.Cote, dans perimetre: Perimetre) async throws -> Set<SuiviID> {
        let requete: PostgresQuery
        switch perimetre {
        case .missionLocale(let code):
            requete = "SELECT suivi_id FROM suivis_non_lus WHERE cote = \(cote.rawValue) AND mission_locale = \(code)"
        case .organismes(let ids):
            requete = """
                SELECT suivi_id FROM suivis_non_lus
                WHERE cote = \(cote.rawValue) AND organisme_id = ANY(\(ids.map(\.rawValue))::bigint[])
                """
        default: return []
        }
        return Set(try await lignes(requete) { SuiviID(try $0[0].decode(Int64.self)) })
    }

    public func luJusqua(suivi: SuiviID, cote: EvenementSuivi.Cote) async throws -> Int64? {
        try await valeur(
            """
            SELECT evenement_id FROM suivis_lectures WHERE suivi_id = \(suivi.rawValue) AND cote = \(cote.rawValue)
            """, Int64.self)
    }

    public func nouvellesSuivis(depuis: Date, jusqua: Date) async throws -> [NouvelleSuivi] {
        try await lignes(
            """
            SELECT e.suivi_id, s.effectif_id, s.mission_locale, s.organisme_id, e.genre, e.cote, e.le
            FROM suivis_evenements e JOIN suivis s ON s.id = e.suivi_id
            WHERE e.le > \(depuis.epoch) AND e.le <= \(jusqua.epoch) ORDER BY e.id
            """
        ) { r in
            let l = LignePG(r, table: "suivis_evenements")
            return NouvelleSuivi(
                suivi: SuiviID(try l.exiger("suivi_id")), effectif: EffectifID(try l.exiger("effectif_id")),
                missionLocale: try l.texteOuNul("mission_locale"), organisme: OrganismeID(try l.exiger("organisme_id")),
                genre: try l.exiger("genre", EvenementSuivi.Genre.init(rawValue:)),
                cote: try l.exiger("cote", EvenementSuivi.Cote.init(rawValue:)), le: try l.instant("le"))
        }
    }

    public func destinatairesResumes() async throws -> [DestinataireResume] {
        try await lignes(
            """
            SELECT u.id, u.email, u.prenom, o.mission_locale, o.organisme_id FROM utilisateurs u
            JOIN organisations o ON o.id = u.organisation_id
            WHERE u.statut = 'actif' AND ((o.type = \(TypeOrganisation.missionLocale.rawValue) AND o.mission_locale IS NOT NULL)
                OR (o.type = \(TypeOrganisation.organismeFormation.rawValue) AND o.organisme_id IS NOT NULL))
            ORDER BY u.id
            """
        ) { r in
            let l = LignePG(r, table: "utilisateurs")
            return DestinataireResume(
                utilisateur: UtilisateurID(try l.exiger("id")), email: try l.exiger("email"),
                prenom: try l.exiger("prenom"), missionLocale: try l.texteOuNul("mission_locale"),
                organisme: try l.exiger("organisme_id", Int64?.self).map(OrganismeID.init))
        }
    }
}

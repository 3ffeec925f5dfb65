import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func enregistrer(
        invitation i: InvitationJeune, hashJeton: String, evenement: EvenementSuivi, versionLue: Int64
    )
        async throws -> EnregistrementSuivi
    {
        try await transaction { c in
            let r = try await Self.verifierVersion(suivi: i.suivi.rawValue, versionLue: versionLue, c)
            guard case .fait = r else { return r }
            try await c.executer(
                """
                INSERT INTO invitations_jeunes (suivi_id, jeton_hash, email, envoyee_le, expire_le)
                VALUES (\(i.suivi.rawValue), \(hashJeton), \(i.email), \(i.envoyeeLe.epoch), \(i.expireLe.epoch))
                ON CONFLICT (suivi_id) DO UPDATE SET jeton_hash = excluded.jeton_hash, email = excluded.email,
                    envoyee_le = excluded.envoyee_le, expire_le = excluded.expire_le
                """)
            try await Self.inserer(evenement, suivi: i.suivi.rawValue, c)
            return r
        }
    }

    /// `.fait` with the next version when the case is at `versionLue` (the row locked until the end of the
    /// transaction), else who saved last (or `.inconnu`).
    static func verifierVersion(suivi: Int64, versionLue: Int64, _ c: Connexion) async throws -> EnregistrementSuivi {
        guard let version = try await c.valeur("SELECT version FROM suivis WHERE id = \(suivi) FOR UPDATE", Int64.self)
        else { return .inconnu }
        guard version == versionLue else {
            let dernier = try await c.lignes(
                "SELECT auteur, le FROM suivis_evenements WHERE suivi_id = \(suivi) ORDER BY id DESC LIMIT 1"
            ) { r in
                let l = LignePG(r, table: "suivis_evenements", identifiant: SuiviID(suivi))
                return (auteur: try l.exiger("auteur", String.self), le: try l.instant("le"))
            }.first
            return .conflit(
                auteur: dernier?.auteur ?? EvenementSuivi.auteurService,
                le: dernier?.le ?? Date(timeIntervalSince1970: 0))
        }
        return .fait(version: version + 1)
    }

    public func invitationJeune(suivi: SuiviID) async throws -> InvitationJeune? {
        try await ligne("SELECT * FROM invitations_jeunes WHERE suivi_id = \(suivi.rawValue)", Self.invitationJeune)
    }

    public func invitationJeune(hashJeton: String) async throws -> InvitationJeune? {
        try await ligne("SELECT * FROM invitations_jeunes WHERE jeton_hash = \(hashJeton)", Self.invitationJeune)
    }

    static func invitationJeune(_ r: PostgresRandomAccessRow) throws -> InvitationJeune {
        let l = LignePG(r, table: "invitations_jeunes", id: "suivi_id")
        return InvitationJeune(
            suivi: SuiviID(try l.exiger("suivi_id")), email: try l.exiger("email"),
            envoyeeLe: try l.instant("envoyee_le"), expireLe: try l.instant("expire_le"))
    }

    public func enregistrer(reponseJeune e: EvenementSuivi, hashJeton: String) async throws -> SuiviID? {
        try await transaction { c in
            guard
                let suivi = try await c.valeur(
                    """
                    SELECT suivi_id FROM invitations_jeunes
                    WHERE jeton_hash = \(hashJeton) AND expire_le > \(e.le.epoch) FOR UPDATE
                    """, Int64.self)
            else { return nil }
            try await Self.inserer(e, suivi: suivi, c)
            return SuiviID(suivi)
        }
    }

    public func reponsesJeunes(depuis: Date, missionsLocales: [String]) async throws -> [ReponseJeuneRecue] {
        try await lignes(
            """
            SELECT e.suivi_id, s.mission_locale, s.prenom, s.nom, e.reponse_jeune, e.telephone, e.le
            FROM suivis_evenements e JOIN suivis s ON s.id = e.suivi_id
            WHERE e.genre = 'REPONSE_JEUNE' AND e.le >= \(depuis.epoch)
                AND s.mission_locale = ANY(\(missionsLocales)::text[])
            ORDER BY e.le, e.id
            """
        ) { r in
            let l = LignePG(r, table: "suivis_evenements", id: "suivi_id")
            return ReponseJeuneRecue(
                suivi: SuiviID(try l.exiger("suivi_id")), missionLocale: try l.exiger("mission_locale"),
                prenom: try l.exiger("prenom"), nom: try l.exiger("nom"),
                reponse: try ReponseJeune(rawValue: try l.exiger("reponse_jeune", String.self)).ou(
                    l.illisible("reponse_jeune")),
                telephone: try l.texteOuNul("telephone"), le: try l.instant("le"))
        }
    }

    public func suivisAInviter(creesDepuis: Date) async throws -> [SuiviStocke] {
        try await lignes(
            """
            SELECT s.* FROM suivis s JOIN missions_locales m ON m.code = s.mission_locale
            WHERE m.inviter_jeunes_depuis IS NOT NULL AND s.cree_le >= m.inviter_jeunes_depuis
                AND s.cree_le >= \(creesDepuis.epoch)
                AND NOT EXISTS (SELECT 1 FROM invitations_jeunes i WHERE i.suivi_id = s.id)
            ORDER BY s.id
            """, Self.suivi)
    }
}

import Domain
import Foundation
import GRDB
import Outils

extension SQLiteStore {
    public func enregistrer(
        invitation i: InvitationJeune, hashJeton: String, evenement: EvenementSuivi, versionLue: Int64
    )
        async throws -> EnregistrementSuivi
    {
        try await pool.write { db in
            let r = try Self.verifierVersion(suivi: i.suivi.rawValue, versionLue: versionLue, db)
            guard case .fait = r else { return r }
            try db.execute(
                sql: """
                    INSERT INTO invitations_jeunes (suivi_id, jeton_hash, email, envoyee_le, expire_le)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (suivi_id) DO UPDATE SET jeton_hash = excluded.jeton_hash, email = excluded.email,
                        envoyee_le = excluded.envoyee_le, expire_le = excluded.expire_le
                    """, arguments: [i.suivi.rawValue, hashJeton, i.email, i.envoyeeLe.epoch, i.expireLe.epoch])
            try Self.inserer(evenement, suivi: i.suivi.rawValue, db)
            return r
        }
    }

    /// `.fait` with the next version when the case is at `versionLue`, else who saved last (or `.inconnu`).
    static func verifierVersion(suivi: Int64, versionLue: Int64, _ db: Database) throws -> EnregistrementSuivi {
        guard let version = try Int64.fetchOne(db, sql: "SELECT version FROM suivis WHERE id = ?", arguments: [suivi])
        else { return .inconnu }
        guard version == versionLue else {
            let r = try Row.fetchOne(
                db, sql: "SELECT auteur, le FROM suivis_evenements WHERE suivi_id = ? ORDER BY id DESC LIMIT 1",
                arguments: [suivi])
            let l = r.map { LigneLue($0, table: "suivis_evenements", identifiant: SuiviID(suivi)) }
            return .conflit(
                auteur: try l?.exiger("auteur", String.self) ?? EvenementSuivi.auteurService,
                le: try l?.instant("le") ?? Date(timeIntervalSince1970: 0))
        }
        return .fait(version: version + 1)
    }

    public func invitationJeune(suivi: SuiviID) async throws -> InvitationJeune? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM invitations_jeunes WHERE suivi_id = ?", arguments: [suivi.rawValue]
            ).map(Self.invitationJeune)
        }
    }

    public func invitationJeune(hashJeton: String) async throws -> InvitationJeune? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM invitations_jeunes WHERE jeton_hash = ?", arguments: [hashJeton])
                .map(Self.invitationJeune)
        }
    }

    static func invitationJeune(_ r: Row) throws -> InvitationJeune {
        let l = LigneLue(r, table: "invitations_jeunes", id: "suivi_id")
        return InvitationJeune(
            suivi: SuiviID(try l.exiger("suivi_id")), email: try l.exiger("email"),
            envoyeeLe: try l.instant("envoyee_le"), expireLe: try l.instant("expire_le"))
    }

    public func enregistrer(reponseJeune e: EvenementSuivi, hashJeton: String) async throws -> SuiviID? {
        try await pool.write { db in
            guard
                let suivi = try Int64.fetchOne(
                    db, sql: "SELECT suivi_id FROM invitations_jeunes WHERE jeton_hash = ? AND expire_le > ?",
                    arguments: [hashJeton, e.le.epoch])
            else { return nil }
            try Self.inserer(e, suivi: suivi, db)
            return SuiviID(suivi)
        }
    }

    public func reponsesJeunes(depuis: Date, missionsLocales: [String]) async throws -> [ReponseJeuneRecue] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.suivi_id, s.mission_locale, s.prenom, s.nom, e.reponse_jeune, e.telephone, e.le
                    FROM suivis_evenements e JOIN suivis s ON s.id = e.suivi_id
                    WHERE e.genre = 'REPONSE_JEUNE' AND e.le >= ?
                        AND s.mission_locale IN (SELECT value FROM json_each(?))
                    ORDER BY e.le, e.id
                    """,
                arguments: [depuis.epoch, JSONTexte.ecrire(.liste(missionsLocales.map { .texte($0) }))]
            ).map { r in
                let l = LigneLue(r, table: "suivis_evenements", id: "suivi_id")
                return ReponseJeuneRecue(
                    suivi: SuiviID(try l.exiger("suivi_id")), missionLocale: try l.exiger("mission_locale"),
                    prenom: try l.exiger("prenom"), nom: try l.exiger("nom"),
                    reponse: try ReponseJeune(rawValue: try l.exiger("reponse_jeune", String.self)).ou(
                        l.illisible("reponse_jeune")),
                    telephone: try l.texteOuNul("telephone"), le: try l.instant("le"))
            }
        }
    }

    public func suivisAInviter(creesDepuis: Date) async throws -> [SuiviStocke] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.colonnesSuivi) FROM suivis WHERE id IN (
                        SELECT s.id FROM suivis s JOIN missions_locales m ON m.code = s.mission_locale
                        WHERE m.inviter_jeunes_depuis IS NOT NULL AND s.cree_le >= m.inviter_jeunes_depuis
                            AND s.cree_le >= ?
                            AND NOT EXISTS (SELECT 1 FROM invitations_jeunes i WHERE i.suivi_id = s.id))
                    ORDER BY id
                    """, arguments: [creesDepuis.epoch]
            ).map(Self.suivi)
        }
    }
}

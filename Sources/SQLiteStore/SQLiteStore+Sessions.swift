import Domain
import Foundation
import GRDB

extension SQLiteStore {
    static func jeton(_ r: Row) throws -> Jeton {
        let l = LigneLue(r, table: "jetons")
        return Jeton(
            id: try l.exiger("id"), type: TypeJeton(rawValue: try l.exiger("type")) ?? .confirmation,
            email: try l.exiger("email"),
            utilisateur: try l.exiger("utilisateur_id", Int64?.self).map(UtilisateurID.init),
            organisation: try l.exiger("organisation_id", Int64?.self).map(OrganisationID.init),
            role: try l.exiger("role", String?.self).flatMap(Role.init(rawValue:)),
            expireLe: try l.instant("expire_le"), utiliseLe: try l.instantOptionnel("utilise_le"))
    }

    public func creerJeton(
        _ type: TypeJeton, hash: String, email: String, utilisateur: UtilisateurID?,
        organisation: OrganisationID?, role: Role?, expireLe: Date
    ) async throws -> Jeton {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO jetons (type, hash, email, utilisateur_id, organisation_id, role, expire_le)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    type.rawValue, hash, email, utilisateur?.rawValue, organisation?.rawValue, role?.rawValue,
                    expireLe.epoch,
                ])
            return Jeton(
                id: db.lastInsertedRowID, type: type, email: email, utilisateur: utilisateur,
                organisation: organisation, role: role, expireLe: expireLe, utiliseLe: nil)
        }
    }

    public func jeton(_ type: TypeJeton, hash: String) async throws -> Jeton? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM jetons WHERE type = ? AND hash = ?", arguments: [type.rawValue, hash]
            )
            .map(Self.jeton)
        }
    }

    public func consommer(jeton id: Int64, now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE jetons SET utilise_le = ? WHERE id = ? AND utilise_le IS NULL", arguments: [now.epoch, id])
            return db.changesCount == 1
        }
    }

    public func invitationsEnCours(organisation: OrganisationID, now: Date) async throws -> [Jeton] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM jetons WHERE type = 'invitation' AND organisation_id = ? AND utilise_le IS NULL
                      AND expire_le > ? ORDER BY expire_le
                    """,
                arguments: [organisation.rawValue, now.epoch]
            ).map(Self.jeton)
        }
    }

    public func creerSession(hash: String, utilisateur: UtilisateurID, expireLe: Date) async throws
        -> SessionUtilisateur
    {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO sessions (hash, utilisateur_id, expire_le) VALUES (?, ?, ?)",
                arguments: [hash, utilisateur.rawValue, expireLe.epoch])
            return SessionUtilisateur(
                id: db.lastInsertedRowID, utilisateur: utilisateur, expireLe: expireLe, incarnation: nil)
        }
    }

    public func session(hash: String, now: Date) async throws -> SessionUtilisateur? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM sessions WHERE hash = ? AND revoquee_le IS NULL AND expire_le > ?",
                arguments: [hash, now.epoch]
            ).map { r in
                let l = LigneLue(r, table: "sessions")
                return SessionUtilisateur(
                    id: try l.exiger("id"), utilisateur: UtilisateurID(try l.exiger("utilisateur_id")),
                    expireLe: try l.instant("expire_le"),
                    incarnation: try l.exiger("incarnation_id", Int64?.self).map(OrganisationID.init))
            }
        }
    }

    public func revoquer(session id: Int64, now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET revoquee_le = ? WHERE id = ? AND revoquee_le IS NULL",
                arguments: [now.epoch, id])
        }
    }

    public func revoquerSessions(utilisateur: UtilisateurID, sauf: Int64?, now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET revoquee_le = ? WHERE utilisateur_id = ? AND id <> ? AND revoquee_le IS NULL",
                arguments: [now.epoch, utilisateur.rawValue, sauf ?? -1])
        }
    }

    public func incarner(session id: Int64, organisation: OrganisationID?) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET incarnation_id = ? WHERE id = ?", arguments: [organisation?.rawValue, id])
        }
    }

    public func noterTentative(ip: String, email: String, reussie: Bool, now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO tentatives_connexion (ip, email, reussie, le) VALUES (?, ?, ?, ?)",
                arguments: [ip, email.lowercased(), reussie, now.epoch])
            // Keep one day of attempts: enough for throttling, nothing more about people is kept.
            try db.execute(sql: "DELETE FROM tentatives_connexion WHERE le < ?", arguments: [now.epoch - 86_400])
        }
    }

    public func echecs(ip: String, email: String, depuis: Date) async throws -> (ip: Int, email: Int) {
        try await pool.read { db in
            let parIP =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM tentatives_connexion WHERE ip = ? AND reussie = 0 AND le >= ?",
                    arguments: [ip, depuis.epoch]) ?? 0
            let parEmail =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM tentatives_connexion WHERE email = ? AND reussie = 0 AND le >= ?",
                    arguments: [email.lowercased(), depuis.epoch]) ?? 0
            return (parIP, parEmail)
        }
    }

    // MARK: - Courriels, journal, paramètres, clés

    public func ajouterCourriel(_ c: NouveauCourriel, now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO courriels (destinataire, sujet, corps, html, cle, cree_le) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (cle) DO NOTHING
                    """,
                arguments: [c.destinataire, c.sujet, c.corps, c.html, c.cle, now.epoch])
            return db.changesCount == 1
        }
    }

    static func courriel(_ r: Row) throws -> Courriel {
        let l = LigneLue(r, table: "courriels")
        return Courriel(
            id: try l.exiger("id"), destinataire: try l.exiger("destinataire"), sujet: try l.exiger("sujet"),
            corps: try l.exiger("corps"), creeLe: try l.instant("cree_le"),
            envoyeLe: try l.instantOptionnel("envoye_le"), erreur: try l.exiger("erreur"), html: try l.exiger("html"),
            cle: try l.exiger("cle"))
    }

    public func courriels(limite: Int) async throws -> [Courriel] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM courriels ORDER BY id DESC LIMIT ?", arguments: [limite]).map(
                Self.courriel)
        }
    }

    public func courrielsAEnvoyer(limite: Int) async throws -> [Courriel] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM courriels WHERE envoye_le IS NULL ORDER BY id LIMIT ?",
                arguments: [limite]
            ).map(Self.courriel)
        }
    }

    public func marquer(courriel id: Int64, envoyeLe: Date?, erreur: String?) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE courriels SET envoye_le = ?, erreur = ? WHERE id = ?",
                arguments: [envoyeLe?.epoch, erreur, id])
        }
    }

    public func journaliser(_ e: EntreeJournal) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO journal (le, acteur_id, acteur_email, action, detail) VALUES (?, ?, ?, ?, ?)",
                arguments: [e.date.epoch, e.acteur?.rawValue, e.acteurEmail, e.action, e.detail])
        }
    }

    public func journal(limite: Int) async throws -> [EntreeJournal] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM journal ORDER BY id DESC LIMIT ?", arguments: [limite]).map(
                Self.entreeJournal)
        }
    }

    public func parametre(_ cle: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT valeur FROM parametres WHERE cle = ?", arguments: [cle])
        }
    }

    public func definir(parametre cle: String, valeur: String?) async throws {
        try await pool.write { db in
            if let valeur {
                try db.execute(
                    sql:
                        "INSERT INTO parametres (cle, valeur) VALUES (?, ?) ON CONFLICT (cle) DO UPDATE SET valeur = excluded.valeur",
                    arguments: [cle, valeur])
            } else {
                try db.execute(sql: "DELETE FROM parametres WHERE cle = ?", arguments: [cle])
            }
        }
    }

    public func clesApi(organisme: OrganismeID) async throws -> [CleApi] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM cles_api WHERE organisme_id = ? ORDER BY id DESC",
                arguments: [organisme.rawValue]
            )
            .map(Self.cleApi)
        }
    }

    public func revoquer(cleApi id: CleApiID, organisme: OrganismeID, now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE cles_api SET revoked_at = ? WHERE id = ? AND organisme_id = ? AND revoked_at IS NULL",
                arguments: [now.epoch, id.rawValue, organisme.rawValue])
            return db.changesCount == 1
        }
    }

    static func entreeJournal(_ r: Row) throws -> EntreeJournal {
        let l = LigneLue(r, table: "journal")
        return EntreeJournal(
            date: try l.instant("le"), acteur: try l.exiger("acteur_id", Int64?.self).map(UtilisateurID.init),
            acteurEmail: try l.exiger("acteur_email"), action: try l.exiger("action"), detail: try l.exiger("detail"))
    }
}

import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    static func jeton(_ r: PostgresRandomAccessRow) throws -> Jeton {
        let l = LignePG(r, table: "jetons")
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
        let id = try await valeur(
            """
            INSERT INTO jetons (type, hash, email, utilisateur_id, organisation_id, role, expire_le)
            VALUES (\(type.rawValue), \(hash), \(email), \(utilisateur?.rawValue), \(organisation?.rawValue), \(role?.rawValue),
                    \(expireLe.epoch))
            RETURNING id
            """, Int64.self)!
        return Jeton(
            id: id, type: type, email: email, utilisateur: utilisateur, organisation: organisation, role: role,
            expireLe: expireLe, utiliseLe: nil)
    }

    public func jeton(_ type: TypeJeton, hash: String) async throws -> Jeton? {
        try await ligne("SELECT * FROM jetons WHERE type = \(type.rawValue) AND hash = \(hash)", Self.jeton)
    }

    public func consommer(jeton id: Int64, now: Date) async throws -> Bool {
        try await nombreModifies(
            "UPDATE jetons SET utilise_le = \(now.epoch) WHERE id = \(id) AND utilise_le IS NULL RETURNING id") == 1
    }

    public func invitationsEnCours(organisation: OrganisationID, now: Date) async throws -> [Jeton] {
        try await lignes(
            """
            SELECT * FROM jetons WHERE type = 'invitation' AND organisation_id = \(organisation.rawValue)
              AND utilise_le IS NULL AND expire_le > \(now.epoch) ORDER BY expire_le
            """, Self.jeton)
    }

    public func creerSession(hash: String, utilisateur: UtilisateurID, expireLe: Date) async throws
        -> SessionUtilisateur
    {
        let id = try await valeur(
            """
            INSERT INTO sessions (hash, utilisateur_id, expire_le) VALUES (\(hash), \(utilisateur.rawValue), \(expireLe.epoch))
            RETURNING id
            """, Int64.self)!
        return SessionUtilisateur(id: id, utilisateur: utilisateur, expireLe: expireLe, incarnation: nil)
    }

    public func session(hash: String, now: Date) async throws -> SessionUtilisateur? {
        try await ligne(
            """
            SELECT * FROM sessions WHERE hash = \(hash) AND revoquee_le IS NULL AND expire_le > \(now.epoch)
            """
        ) { r in
            let l = LignePG(r, table: "sessions")
            return SessionUtilisateur(
                id: try l.exiger("id"), utilisateur: UtilisateurID(try l.exiger("utilisateur_id")),
                expireLe: try l.instant("expire_le"),
                incarnation: try l.exiger("incarnation_id", Int64?.self).map(OrganisationID.init))
        }
    }

    public func revoquer(session id: Int64, now: Date) async throws {
        try await executer("UPDATE sessions SET revoquee_le = \(now.epoch) WHERE id = \(id) AND revoquee_le IS NULL")
    }

    public func revoquerSessions(utilisateur: UtilisateurID, sauf: Int64?, now: Date) async throws {
        try await executer(
            """
            UPDATE sessions SET revoquee_le = \(now.epoch)
            WHERE utilisateur_id = \(utilisateur.rawValue) AND id <> \(sauf ?? -1) AND revoquee_le IS NULL
            """)
    }

    public func incarner(session id: Int64, organisation: OrganisationID?) async throws {
        try await executer("UPDATE sessions SET incarnation_id = \(organisation?.rawValue) WHERE id = \(id)")
    }

    public func noterTentative(ip: String, email: String, reussie: Bool, now: Date) async throws {
        try await transaction { c in
            try await c.executer(
                """
                INSERT INTO tentatives_connexion (ip, email, reussie, le) VALUES (\(ip), \(email.lowercased()), \(reussie), \(now.epoch))
                """)
            // Keep one day of attempts: enough for throttling, nothing more about people is kept.
            try await c.executer("DELETE FROM tentatives_connexion WHERE le < \(now.epoch - 86_400)")
        }
    }

    public func echecs(ip: String, email: String, depuis: Date) async throws -> (ip: Int, email: Int) {
        let r = try await ligne(
            """
            SELECT (SELECT COUNT(*) FROM tentatives_connexion WHERE ip = \(ip) AND NOT reussie AND le >= \(depuis.epoch)),
                   (SELECT COUNT(*) FROM tentatives_connexion WHERE email = \(email.lowercased()) AND NOT reussie
                      AND le >= \(depuis.epoch))
            """
        ) { (Int(try $0[0].decode(Int64.self)), Int(try $0[1].decode(Int64.self))) }
        return r ?? (0, 0)
    }

    // MARK: - Courriels, journal, paramètres

    public func ajouterCourriel(_ c: NouveauCourriel, now: Date) async throws -> Bool {
        try await nombreModifies(
            """
            INSERT INTO courriels (destinataire, sujet, corps, html, cle, cree_le)
            VALUES (\(c.destinataire), \(c.sujet), \(c.corps), \(c.html), \(c.cle), \(now.epoch))
            ON CONFLICT (cle) DO NOTHING RETURNING id
            """) == 1
    }

    static func courriel(_ r: PostgresRandomAccessRow) throws -> Courriel {
        let l = LignePG(r, table: "courriels")
        return Courriel(
            id: try l.exiger("id"), destinataire: try l.exiger("destinataire"), sujet: try l.exiger("sujet"),
            corps: try l.exiger("corps"),
            creeLe: try l.instant("cree_le"), envoyeLe: try l.instantOptionnel("envoye_le"),
            erreur: try l.exiger("erreur"), html: try l.exiger("html"), cle: try l.exiger("cle"))
    }

    public func courriels(limite: Int) async throws -> [Courriel] {
        try await lignes("SELECT * FROM courriels ORDER BY id DESC LIMIT \(Int64(limite))", Self.courriel)
    }

    public func courrielsAEnvoyer(limite: Int) async throws -> [Courriel] {
        try await lignes(
            "SELECT * FROM courriels WHERE envoye_le IS NULL ORDER BY id LIMIT \(Int64(limite))", Self.courriel)
    }

    public func marquer(courriel id: Int64, envoyeLe: Date?, erreur: String?) async throws {
        try await executer("UPDATE courriels SET envoye_le = \(envoyeLe?.epoch), erreur = \(erreur) WHERE id = \(id)")
    }

    public func journaliser(_ e: EntreeJournal) async throws {
        try await executer(
            """
            INSERT INTO journal (le, acteur_id, acteur_email, action, detail)
            VALUES (\(e.date.epoch), \(e.acteur?.rawValue), \(e.acteurEmail), \(e.action), \(e.detail))
            """)
    }

    public func journal(limite: Int) async throws -> [EntreeJournal] {
        try await lignes("SELECT * FROM journal ORDER BY id DESC LIMIT \(Int64(limite))", Self.entreeJournal)
    }

    static func entreeJournal(_ r: PostgresRandomAccessRow) throws -> EntreeJournal {
        let l = LignePG(r, table: "journal")
        return EntreeJournal(
            date: try l.instant("le"), acteur: try l.exiger("acteur_id", Int64?.self).map(UtilisateurID.init),
            acteurEmail: try l.exiger("acteur_email"), action: try l.exiger("action"), detail: try l.exiger("detail"))
    }

    public func parametre(_ cle: String) async throws -> String? {
        try await valeur("SELECT valeur FROM parametres WHERE cle = \(cle)", String.self)
    }

    public func definir(parametre cle: String, valeur: String?) async throws {
        if let valeur {
            try await executer(
                """
                INSERT INTO parametres (cle, valeur) VALUES (\(cle), \(valeur)) ON CONFLICT (cle) DO UPDATE SET valeur = excluded.valeur
                """)
        } else {
            try await executer("DELETE FROM parametres WHERE cle = \(cle)")
        }
    }
}

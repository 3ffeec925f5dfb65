import Domain
import Foundation
import GRDB
import Outils

extension SQLiteStore {
    public func importer(missionsLocales: [MissionLocale], now: Date) async throws -> BilanImport {
        try await pool.write { db in
            var bilan = BilanImport()
            for ml in missionsLocales {
                let existe =
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM missions_locales WHERE code = ?", arguments: [ml.code]) ?? false
                let valeurs: [(any DatabaseValueConvertible)?] = [
                    ml.nom, ml.siret, ml.email, ml.telephone, ml.siteWeb, ml.adresse, ml.codePostal, ml.commune,
                    ml.departement, ml.region, ml.communes.joined(separator: "|"),
                    ml.codesPostaux.joined(separator: "|"), now.epoch, ml.code,
                ]
                if existe {
                    try db.execute(
                        sql: """
                            UPDATE missions_locales SET nom = ?, siret = ?, email = ?, telephone = ?, site_web = ?,
                                adresse = ?, code_postal = ?, commune = ?, departement = ?, region = ?, communes = ?,
                                codes_postaux = ?, updated_at = ?
                            WHERE code = ?
                            """, arguments: StatementArguments(valeurs.map { $0?.databaseValue ?? .null }))
                    bilan.misAJour += 1
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO missions_locales (nom, siret, email, telephone, site_web, adresse, code_postal,
                                commune, departement, region, communes, codes_postaux, updated_at, code, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: StatementArguments(
                            valeurs.map { $0?.databaseValue ?? .null } + [now.epoch.databaseValue]))
                    bilan.crees += 1
                }
            }
            try db.execute(sql: "UPDATE versions SET valeur = valeur + 1 WHERE nom = 'missions_locales'")
            return bilan
        }
    }

    public func missionsLocales() async throws -> [MissionLocale] {
        try await pool.read { db in try Self.missionsLocales(db) }
    }

    public func missionLocale(code: String) async throws -> MissionLocale? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM missions_locales WHERE code = ?", arguments: [code]).map(
                Self.missionLocale)
        }
    }

    static func missionsLocales(_ db: Database) throws -> [MissionLocale] {
        try Row.fetchAll(db, sql: "SELECT * FROM missions_locales ORDER BY code").map(missionLocale)
    }

    static func missionLocale(_ r: Row) throws -> MissionLocale {
        let l = LigneLue(r, table: "missions_locales", id: "code")
        return MissionLocale(
            code: try l.exiger("code"), nom: try l.exiger("nom"), siret: try l.texteOuNul("siret"),
            email: try l.texteOuNul("email"), telephone: try l.texteOuNul("telephone"),
            siteWeb: try l.texteOuNul("site_web"), adresse: try l.texteOuNul("adresse"),
            codePostal: try l.texteOuNul("code_postal"), commune: try l.texteOuNul("commune"),
            departement: try l.texteOuNul("departement"), region: try l.texteOuNul("region"),
            communes: MissionLocale.liste(try l.texteOuNul("communes")),
            codesPostaux: MissionLocale.liste(try l.texteOuNul("codes_postaux")))
    }

    public func parametres(missionLocale: String) async throws -> ParametresMissionLocale {
        try await pool.read { db in
            guard
                let r = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT code, rdv_url, email_notifications, inviter_jeunes_depuis FROM missions_locales
                        WHERE code = ?
                        """, arguments: [missionLocale])
            else { return ParametresMissionLocale() }
            let l = LigneLue(r, table: "missions_locales", id: "code")
            return ParametresMissionLocale(
                rdvUrl: try l.texteOuNul("rdv_url"), emailNotifications: try l.texteOuNul("email_notifications"),
                inviterJeunesDepuis: try l.exiger("inviter_jeunes_depuis", Double?.self).map(
                    Date.init(timeIntervalSince1970:)))
        }
    }

    public func enregistrer(parametres p: ParametresMissionLocale, missionLocale: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE missions_locales SET rdv_url = ?, email_notifications = ?, inviter_jeunes_depuis = ?
                    WHERE code = ?
                    """, arguments: [p.rdvUrl, p.emailNotifications, p.inviterJeunesDepuis?.epoch, missionLocale])
        }
    }

    public func contactsPourMissionsLocales(organisme: OrganismeID) async throws -> [ContactOrganisme] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.prenom, u.nom, u.email FROM utilisateurs u JOIN organisations o ON o.id = u.organisation_id
                    WHERE o.organisme_id = ? AND u.statut = 'actif' AND u.contact_missions_locales = 1
                    ORDER BY u.nom, u.prenom
                    """, arguments: [organisme.rawValue]
            ).map { r in
                let l = LigneLue(r, table: "utilisateurs")
                return ContactOrganisme(
                    nom: "\(try l.exiger("prenom", String.self)) \(try l.exiger("nom", String.self))",
                    email: try l.exiger("email"))
            }
        }
    }

    public func contactPourMissionsLocales(utilisateur: UtilisateurID) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT contact_missions_locales FROM utilisateurs WHERE id = ?",
                arguments: [utilisateur.rawValue]) ?? false
        }
    }

    public func definir(contactPourMissionsLocales: Bool, utilisateur: UtilisateurID) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE utilisateurs SET contact_missions_locales = ? WHERE id = ?",
                arguments: [contactPourMissionsLocales, utilisateur.rawValue])
        }
    }

    public func versionMissionsLocales() async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'missions_locales'") ?? 0
        }
    }
}

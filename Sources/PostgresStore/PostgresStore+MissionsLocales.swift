import Domain
import Foundation
import Outils
import PostgresNIO

extension PostgresStore {
    public func importer(missionsLocales: [MissionLocale], now: Date) async throws -> BilanImport {
        try await transaction { c in
            var bilan = BilanImport()
            for ml in missionsLocales {
                let cree = try await c.valeur(
                    """
                    INSERT INTO missions_locales (code, nom, siret, email, telephone, site_web, adresse, code_postal,
                        commune, departement, region, communes, codes_postaux, created_at, updated_at)
                    VALUES (\(ml.code), \(ml.nom), \(ml.siret), \(ml.email), \(ml.telephone), \(ml.siteWeb),
                        \(ml.adresse), \(ml.codePostal), \(ml.commune), \(ml.departement), \(ml.region),
                        \(ml.communes.joined(separator: "|")), \(ml.codesPostaux.joined(separator: "|")), \(now.epoch),
                        \(now.epoch))
                    ON CONFLICT (code) DO UPDATE SET nom = excluded.nom, siret = excluded.siret, email = excluded.email,
                        telephone = excluded.telephone, site_web = excluded.site_web, adresse = excluded.adresse,
                        code_postal = excluded.code_postal, commune = excluded.commune,
                        departement = excluded.departement, region = excluded.region, communes = excluded.communes,
                        codes_postaux = excluded.codes_postaux, updated_at = excluded.updated_at
                    RETURNING (xmax = 0)
                    """, Bool.self)
                if cree == true { bilan.crees += 1 } else { bilan.misAJour += 1 }
            }
            try await c.executer("UPDATE versions SET valeur = valeur + 1 WHERE nom = 'missions_locales'")
            return bilan
        }
    }

    public func missionsLocales() async throws -> [MissionLocale] {
        try await lignes("SELECT * FROM missions_locales ORDER BY code", Self.missionLocale)
    }

    public func missionLocale(code: String) async throws -> MissionLocale? {
        try await ligne("SELECT * FROM missions_locales WHERE code = \(code)", Self.missionLocale)
    }

    static func missionLocale(_ r: PostgresRandomAccessRow) throws -> MissionLocale {
        let l = LignePG(r, table: "missions_locales", id: "code")
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
        try await ligne(
            """
            SELECT code, rdv_url, email_notifications, inviter_jeunes_depuis FROM missions_locales
            WHERE code = \(missionLocale)
            """
        ) { r in
            let l = LignePG(r, table: "missions_locales", id: "code")
            return ParametresMissionLocale(
                rdvUrl: try l.texteOuNul("rdv_url"), emailNotifications: try l.texteOuNul("email_notifications"),
                inviterJeunesDepuis: try l.instantOptionnel("inviter_jeunes_depuis"))
        } ?? ParametresMissionLocale()
    }

    public func enregistrer(parametres p: ParametresMissionLocale, missionLocale: String) async throws {
        try await executer(
            """
            UPDATE missions_locales SET rdv_url = \(p.rdvUrl), email_notifications = \(p.emailNotifications),
                inviter_jeunes_depuis = \(p.inviterJeunesDepuis?.epoch)
            WHERE code = \(missionLocale)
            """)
    }

    public func contactsPourMissionsLocales(organisme: OrganismeID) async throws -> [ContactOrganisme] {
        try await lignes(
            """
            SELECT u.id, u.prenom, u.nom, u.email FROM utilisateurs u JOIN organisations o ON o.id = u.organisation_id
            WHERE o.organisme_id = \(organisme.rawValue) AND u.statut = 'actif' AND u.contact_missions_locales
            ORDER BY u.nom, u.prenom
            """
        ) { r in
            let l = LignePG(r, table: "utilisateurs")
            return ContactOrganisme(
                nom: "\(try l.exiger("prenom", String.self)) \(try l.exiger("nom", String.self))",
                email: try l.exiger("email"))
        }
    }

    public func contactPourMissionsLocales(utilisateur: UtilisateurID) async throws -> Bool {
        try await valeur(
            "SELECT contact_missions_locales FROM utilisateurs WHERE id = \(utilisateur.rawValue)", Bool.self) ?? false
    }

    public func definir(contactPourMissionsLocales: Bool, utilisateur: UtilisateurID) async throws {
        try await executer(
            """
            UPDATE utilisateurs SET contact_missions_locales = \(contactPourMissionsLocales)
            WHERE id = \(utilisateur.rawValue)
            """)
    }

    public func versionMissionsLocales() async throws -> Int64 {
        try await valeur("SELECT valeur FROM versions WHERE nom = 'missions_locales'", Int64.self) ?? 0
    }
}

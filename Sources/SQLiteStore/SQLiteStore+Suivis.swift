import Domain
import Foundation
import GRDB
import Outils

extension SQLiteStore {
    public func configurerSuivis(_ regles: ReglesSuivi) { etatSuivis.configurer(regles) }

    public func deriverSuivis(_ actif: Bool) { etatSuivis.derivationActive = actif }

    /// Within a transaction: the rules, the coverage of the référentiel as stored now, and its version.
    func contexteSuivis(_ db: Database) throws -> (
        regles: ReglesSuivi, couverture: CouvertureMissionsLocales, version: Int64
    ) {
        let version = try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'missions_locales'") ?? 0
        if let c = etatSuivis.couverture(version: version) { return (etatSuivis.reglesEnVigueur, c, version) }
        let c = CouvertureMissionsLocales(try Self.missionsLocales(db))
        etatSuivis.memoriser(c, version: version)
        return (etatSuivis.reglesEnVigueur, c, version)
    }

    /// Writes the case rows of effectifs just written, in their transaction (DESIGN §7b): a new case for a
    /// candidate, the row kept up to date while it is a candidate or has a history, deleted otherwise. A case with a
    /// history whose young person moved goes to the new mission locale with a transfer in its history.
    func deriverSuivis(_ db: Database, _ ecrits: [(id: EffectifID, effectif: Effectif, parcours: Parcours)], now: Date)
        throws
    {
        guard !ecrits.isEmpty, etatSuivis.derivationActive else { return }
        let (regles, couverture, _) = try contexteSuivis(db)
        let lignes = DerivationSuivis.derniers(ecrits).map {
            DerivationSuivis.ligne(
                id: $0.id, effectif: $0.effectif, parcours: $0.parcours, regles: regles, couverture: couverture)
        }
        var existants: [Int64: (id: Int64, missionLocale: String?, prisEnCharge: Bool)] = [:]
        let ids = JSONTexte.ecrire(.liste(ecrits.map { .texte(String($0.id.rawValue)) }))
        for r in try Row.fetchAll(
            db,
            sql: """
                SELECT id, effectif_id, mission_locale, pris_en_charge FROM suivis
                WHERE effectif_id IN (SELECT value FROM json_each(?))
                """, arguments: [ids])
        {
            let l = LigneLue(r, table: "suivis")
            existants[try l.exiger("effectif_id")] = (
                try l.exiger("id"), try l.texteOuNul("mission_locale"), try l.exiger("pris_en_charge", Bool.self)
            )
        }
        let inserer = try db.cachedStatement(
            sql: """
                INSERT INTO suivis (mission_locale, organisme_id, rupture, nom, prenom, date_de_naissance, rqth,
                    commune_insee, code_postal, formation_cfd, formation_rncp, parcours, effectif_id, cree_le)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let mettreAJour = try db.cachedStatement(
            sql: """
                UPDATE suivis SET mission_locale = ?, organisme_id = ?, rupture = ?, nom = ?, prenom = ?,
                    date_de_naissance = ?, rqth = ?, commune_insee = ?, code_postal = ?, formation_cfd = ?,
                    formation_rncp = ?, parcours = ?
                WHERE id = ?
                """)
        let supprimer = try db.cachedStatement(sql: "DELETE FROM suivis WHERE id = ?")
        for l in lignes {
            let valeurs = Self.colonnesSuivi(l)
            if let ex = existants[l.effectif.rawValue] {
                guard l.estCandidat || ex.prisEnCharge else {
                    try supprimer.execute(arguments: [ex.id])
                    continue
                }
                try mettreAJour.executer(db, valeurs, puis: ex.id.databaseValue)
                if ex.prisEnCharge, ex.missionLocale != l.missionLocale {
                    try Self.inserer(
                        EvenementSuivi(
                            le: now, genre: .transfert, auteur: EvenementSuivi.auteurService, de: ex.missionLocale,
                            vers: l.missionLocale), suivi: ex.id, db)
                }
            } else if l.estCandidat {
                try inserer.executer(db, valeurs, puis: l.effectif.rawValue.databaseValue, now.epoch.databaseValue)
            }
        }
    }

    /// The values of the derived columns, in the order of the INSERT and UPDATE above.
    static func colonnesSuivi(_ l: LigneSuivi) -> [DatabaseValue] {
        let valeurs: [(any DatabaseValueConvertible)?] = [
            l.missionLocale, l.organisme.rawValue, l.rupture?.description, l.nom, l.prenom,
            l.dateDeNaissance.description, l.rqth, l.communeInsee, l.codePostal, l.cfd, l.rncp,
            JSONTexte.ecrire(l.parcours.json),
        ]
        return valeurs.map { $0?.databaseValue ?? .null }
    }

    public func reconstruireSuivisSiNecessaire(now: Date) async throws -> Int? {
        try await pool.write { db in
            let (regles, _, version) = try contexteSuivis(db)
            let attendue = DerivationSuivis.empreinte(regles: regles, versionReferentiel: version)
            let actuelle = try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'suivis'") ?? 0
            guard actuelle != attendue else { return nil }
            // Only a learner with a rupture can be a candidate; those with a case row may have to leave it.
            let curseur = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, record, parcours FROM effectifs
                    WHERE parcours LIKE '%RUPTURANT%' OR id IN (SELECT effectif_id FROM suivis)
                    ORDER BY id
                    """)
            var paquet: [(id: Int64, record: String, parcours: String)] = []
            var lus = 0
            func ecrire() throws {
                let ecrits = try paquet.carteParallele { p in
                    Result {
                        (
                            id: EffectifID(p.id), effectif: try Self.effectif(record: p.record, id: p.id),
                            parcours: try Parcours(texte: p.parcours)
                        )
                    }
                }.map { try $0.get() }
                try deriverSuivis(db, ecrits, now: now)
                lus += paquet.count
                paquet.removeAll(keepingCapacity: true)
            }
            while let r = try curseur.next() {
                let l = LigneLue(r, table: "effectifs")
                paquet.append((try l.exiger("id"), try l.exiger("record"), try l.exiger("parcours")))
                if paquet.count == 2_000 { try ecrire() }
            }
            try ecrire()
            try db.execute(sql: "UPDATE versions SET valeur = ? WHERE nom = 'suivis'", arguments: [attendue])
            return lus
        }
    }

    // MARK: - The référentiel

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

    // MARK: - Cases

    public func signatureSuivis() async throws -> [Int64] {
        try await pool.read { db in
            let v = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT valeur FROM versions WHERE nom = 'effectifs'),
                        (SELECT ifnull(max(id), 0) FROM suivis_evenements),
                        (SELECT valeur FROM versions WHERE nom = 'suivis'),
                        (SELECT valeur FROM versions WHERE nom = 'missions_locales')
                    """)
            return (0..<4).map { k in (v?[k] as Int64?) ?? 0 }
        }
    }

    public func suivis(missionLocale: String) async throws -> [SuiviStocke] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.colonnesSuivi) FROM suivis WHERE mission_locale = ?", arguments: [missionLocale]
            )
            .map(Self.suivi)
        }
    }

    public func suivis(missionsLocales: [String]?) async throws -> [SuiviStocke] {
        try await pool.read { db in
            guard let missionsLocales else {
                return try Row.fetchAll(
                    db, sql: "SELECT \(Self.colonnesSuivi) FROM suivis WHERE mission_locale IS NOT NULL"
                ).map(
                    Self.suivi)
            }
            let codes = JSONTexte.ecrire(.liste(missionsLocales.map { .texte($0) }))
            return try Row.fetchAll(
                db,
                sql:
                    "SELECT \(Self.colonnesSuivi) FROM suivis WHERE mission_locale IN (SELECT value FROM json_each(?))",
                arguments: [codes]
            ).map(Self.suivi)
        }
    }

    public func suivi(id: SuiviID) async throws -> SuiviStocke? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.colonnesSuivi) FROM suivis WHERE id = ?", arguments: [id.rawValue])
                .map(Self.suivi)
        }
    }

    public func effectif(id: EffectifID) async throws -> EffectifStocke? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, record, parcours FROM effectifs WHERE id = ?", arguments: [id.rawValue]
            ).map { try Self.effectifStocke(LigneLue($0, table: "effectifs")) }
        }
    }

    /// The columns of a case, in the order `suivi(_:)` reads them by position (work lists read thousands).
    static let colonnesSuivi = """
        id, effectif_id, mission_locale, organisme_id, rupture, nom, prenom, date_de_naissance, rqth, commune_insee,
        code_postal, formation_cfd, formation_rncp, parcours, version, cree_le, dernier_resultat, rupture_du_resultat,
        resultat_le, premier_resultat_le, pris_en_charge, reponse_jeune, reponse_jeune_le
        """

    static func suivi(_ r: Row) throws -> SuiviStocke {
        let l = LigneLue(r, table: "suivis")
        func jour(_ k: Int, _ c: String) throws -> Jour? {
            try l.exiger(k, c, String?.self).map { try Jour(iso: $0).ou(l.illisible(c)) }
        }
        func instant(_ k: Int, _ c: String) throws -> Date? {
            try l.exiger(k, c, Double?.self).map(Date.init(timeIntervalSince1970:))
        }
        let parcours: String = try l.exiger(13, "parcours")
        return SuiviStocke(
            id: SuiviID(try l.exiger(0, "id")),
            ligne: LigneSuivi(
                effectif: EffectifID(try l.exiger(1, "effectif_id")),
                missionLocale: try l.exiger(2, "mission_locale", String?.self),
                organisme: OrganismeID(try l.exiger(3, "organisme_id")), rupture: try jour(4, "rupture"),
                nom: try l.exiger(5, "nom"), prenom: try l.exiger(6, "prenom"),
                dateDeNaissance: try jour(7, "date_de_naissance").ou(l.illisible("date_de_naissance")),
                rqth: try l.exiger(8, "rqth"), communeInsee: try l.exiger(9, "commune_insee", String?.self),
                codePostal: try l.exiger(10, "code_postal", String?.self),
                cfd: try l.exiger(11, "formation_cfd", String?.self),
                rncp: try l.exiger(12, "formation_rncp", String?.self),
                parcours: try { () throws -> Parcours in
                    do { return try Parcours(texte: parcours) } catch { throw l.illisible("parcours") }
                }()),
            version: try l.exiger(14, "version"),
            creeLe: try instant(15, "cree_le").ou(l.illisible("cree_le")),
            dernierResultat: try l.exiger(16, "dernier_resultat", String?.self).map {
                try ResultatContact(code: $0).ou(l.illisible("dernier_resultat"))
            },
            ruptureDuResultat: try jour(17, "rupture_du_resultat"), resultatLe: try instant(18, "resultat_le"),
            premierResultatLe: try instant(19, "premier_resultat_le"), prisEnCharge: try l.exiger(20, "pris_en_charge"),
            reponseJeune: try l.exiger(21, "reponse_jeune", String?.self).map {
                try ReponseJeune(rawValue: $0).ou(l.illisible("reponse_jeune"))
            }, reponseJeuneLe: try instant(22, "reponse_jeune_le"))
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

    public func evenements(suivi: SuiviID) async throws -> [EvenementSuivi] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM suivis_evenements WHERE suivi_id = ? ORDER BY id", arguments: [suivi.rawValue]
            ).map { r in
                let l = LigneLue(r, table: "suivis_evenements")
                return EvenementSuivi(
                    id: try l.exiger("id"), le: try l.instant("le"),
                    genre: try l.exiger("genre", EvenementSuivi.Genre.init(rawValue:)), auteur: try l.exiger("auteur"),
                    organisation: try l.texteOuNul("organisation"),
                    rupture: try l.texteOuNul("rupture").map { try Jour(iso: $0).ou(l.illisible("rupture")) },
                    resultat: try l.texteOuNul("resultat").map {
                        try ResultatContact(code: $0).ou(l.illisible("resultat"))
                    },
                    commentaire: try l.texteOuNul("commentaire"), dejaConnu: try l.exiger("deja_connu"),
                    de: try l.texteOuNul("de"), vers: try l.texteOuNul("vers"), email: try l.texteOuNul("email"),
                    reponseJeune: try l.texteOuNul("reponse_jeune").map {
                        try ReponseJeune(rawValue: $0).ou(l.illisible("reponse_jeune"))
                    }, telephone: try l.texteOuNul("telephone"))
            }
        }
    }

    public func ajouter(_ e: EvenementSuivi, a suivi: SuiviID, versionLue: Int64) async throws -> EnregistrementSuivi {
        try await pool.write { db in
            guard
                let version = try Int64.fetchOne(
                    db, sql: "SELECT version FROM suivis WHERE id = ?", arguments: [suivi.rawValue])
            else { return .inconnu }
            guard version == versionLue else {
                let r = try Row.fetchOne(
                    db, sql: "SELECT auteur, le FROM suivis_evenements WHERE suivi_id = ? ORDER BY id DESC LIMIT 1",
                    arguments: [suivi.rawValue])
                let l = r.map { LigneLue($0, table: "suivis_evenements", identifiant: suivi) }
                return .conflit(
                    auteur: try l?.exiger("auteur", String.self) ?? EvenementSuivi.auteurService,
                    le: try l?.instant("le") ?? Date(timeIntervalSince1970: 0))
            }
            try Self.inserer(e, suivi: suivi.rawValue, db)
            return .fait(version: version + 1)
        }
    }

    /// Appends an event and keeps the case's summary and version up to date.
    static func inserer(_ e: EvenementSuivi, suivi: Int64, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO suivis_evenements (suivi_id, le, genre, auteur, organisation, rupture, resultat, commentaire,
                    deja_connu, de, vers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                suivi, e.le.epoch, e.genre.rawValue, e.auteur, e.organisation, e.rupture?.description,
                e.resultat?.code, e.commentaire, e.dejaConnu, e.de, e.vers,
            ])
        try db.execute(sql: "UPDATE suivis SET version = version + 1 WHERE id = ?", arguments: [suivi])
        if let r = e.resultat {
            try db.execute(
                sql: """
                    UPDATE suivis SET dernier_resultat = ?, rupture_du_resultat = ?, resultat_le = ?,
                        premier_resultat_le = ifnull(premier_resultat_le, ?), pris_en_charge = 1
                    WHERE id = ?
                    """, arguments: [r.code, e.rupture?.description, e.le.epoch, e.le.epoch, suivi])
        }
    }
}

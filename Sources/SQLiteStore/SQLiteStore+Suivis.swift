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

    /// A learner's case row and, for a candidate, its column values: computed on the other cores, outside the
    /// write transaction (`preparer`), written in it (`deriverSuivis`).
    struct SuiviPrepare: Sendable {
        var ligne: LigneSuivi
        var colonnes: [DatabaseValue]?
        /// A learner inserted by this batch: it has no case row yet.
        var nouveau = false
    }

    /// The case row of a learner under these rules and coverage; the effectif's id is set when it is known.
    /// `parcoursEcrit`: the timeline's JSON as the effectif's row holds it, when it was just written.
    static func preparer(
        _ e: Effectif, parcours: Parcours, id: EffectifID = EffectifID(0), regles: ReglesSuivi,
        couverture: CouvertureMissionsLocales, parcoursEcrit: DatabaseValue? = nil, nouveau: Bool = false
    ) -> SuiviPrepare {
        let l = DerivationSuivis.ligne(id: id, effectif: e, parcours: parcours, regles: regles, couverture: couverture)
        return SuiviPrepare(
            ligne: l, colonnes: l.estCandidat ? colonnesSuivi(l, parcoursEcrit: parcoursEcrit) : nil, nouveau: nouveau)
    }

    /// Writes the case rows of effectifs just written, in their transaction (DESIGN §7b).
    func deriverSuivis(_ db: Database, _ ecrits: [(id: EffectifID, effectif: Effectif, parcours: Parcours)], now: Date)
        throws
    {
        guard !ecrits.isEmpty, etatSuivis.derivationActive else { return }
        let (regles, couverture, _) = try contexteSuivis(db)
        try deriverSuivis(
            db,
            ecrits.carteParallele {
                Self.preparer($0.effectif, parcours: $0.parcours, id: $0.id, regles: regles, couverture: couverture)
            }, now: now)
    }

    /// Writes prepared case rows: a new case for a candidate, the row kept up to date while it is a candidate or has
    /// a history (unchanged rows are not rewritten), deleted otherwise. A case with a history whose young person
    /// moved goes to the new mission locale with a transfer in its history.
    func deriverSuivis(_ db: Database, _ prepares: [SuiviPrepare], now: Date) throws {
        guard !prepares.isEmpty, etatSuivis.derivationActive else { return }
        var vus = Set<EffectifID>()
        let derniers = prepares.reversed().filter { vus.insert($0.ligne.effectif).inserted }.reversed()
        var existants: [Int64: (id: Int64, missionLocale: String?, prisEnCharge: Bool)] = [:]
        let connus = derniers.filter { !$0.nouveau }
        let ids = JSONTexte.ecrire(.liste(connus.map { .texte(String($0.ligne.effectif.rawValue)) }))
        let lignes =
            connus.isEmpty
            ? []
            : try Row.fetchAll(
                db,
                sql: """
                    SELECT id, effectif_id, mission_locale, pris_en_charge FROM suivis
                    WHERE effectif_id IN (SELECT value FROM json_each(?))
                    """, arguments: [ids])
        for r in lignes {
            let l = LigneLue(r, table: "suivis")
            existants[try l.exiger("effectif_id")] = (
                try l.exiger("id"), try l.texteOuNul("mission_locale"), try l.exiger("pris_en_charge", Bool.self)
            )
        }
        // One change number per row that may be written, reserved at once (numbers left unused are harmless).
        var seq =
            try Int64.fetchOne(
                db, sql: "UPDATE versions SET valeur = valeur + ? WHERE nom = 'suivis_seq' RETURNING valeur",
                arguments: [derniers.count]) ?? 0
        seq -= Int64(derniers.count)
        let inserer = try db.cachedStatement(
            sql: """
                INSERT INTO suivis (mission_locale, organisme_id, rupture, nom, prenom, date_de_naissance, rqth,
                    commune_insee, code_postal, formation_cfd, formation_rncp, parcours, effectif_id, cree_le, seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // A row whose every column is as computed is left alone: no write, no new change number.
        let mettreAJour = try db.cachedStatement(
            sql: """
                UPDATE suivis SET mission_locale = ?1, organisme_id = ?2, rupture = ?3, nom = ?4, prenom = ?5,
                    date_de_naissance = ?6, rqth = ?7, commune_insee = ?8, code_postal = ?9, formation_cfd = ?10,
                    formation_rncp = ?11, parcours = ?12, seq = ?14
                WHERE id = ?13 AND (mission_locale IS NOT ?1 OR organisme_id IS NOT ?2 OR rupture IS NOT ?3
                    OR nom IS NOT ?4 OR prenom IS NOT ?5 OR date_de_naissance IS NOT ?6 OR rqth IS NOT ?7
                    OR commune_insee IS NOT ?8 OR code_postal IS NOT ?9 OR formation_cfd IS NOT ?10
                    OR formation_rncp IS NOT ?11 OR parcours IS NOT ?12)
                """)
        let supprimer = try db.cachedStatement(sql: "DELETE FROM suivis WHERE id = ?")
        for p in derniers {
            let l = p.ligne
            seq += 1
            if let ex = existants[l.effectif.rawValue] {
                guard l.estCandidat || ex.prisEnCharge else {
                    try supprimer.execute(arguments: [ex.id])
                    continue
                }
                try mettreAJour.executer(
                    db, p.colonnes ?? Self.colonnesSuivi(l), puis: ex.id.databaseValue, seq.databaseValue)
                if ex.prisEnCharge, ex.missionLocale != l.missionLocale {
                    try Self.inserer(
                        EvenementSuivi(
                            le: now, genre: .transfert, auteur: EvenementSuivi.auteurService, de: ex.missionLocale,
                            vers: l.missionLocale), suivi: ex.id, db)
                }
            } else if l.estCandidat {
                try inserer.executer(
                    db, p.colonnes ?? Self.colonnesSuivi(l), puis: l.effectif.rawValue.databaseValue,
                    now.epoch.databaseValue, seq.databaseValue)
            }
        }
    }

    /// The values of the derived columns, in the order of the INSERT and UPDATE above.
    static func colonnesSuivi(_ l: LigneSuivi, parcoursEcrit: DatabaseValue? = nil) -> [DatabaseValue] {
        let valeurs: [(any DatabaseValueConvertible)?] = [
            l.missionLocale, l.organisme.rawValue, l.rupture?.description, l.nom, l.prenom,
            l.dateDeNaissance.description, l.rqth, l.communeInsee, l.codePostal, l.cfd, l.rncp,
        ]
        return valeurs.map { $0?.databaseValue ?? .null }
            + [parcoursEcrit ?? JSONTexte.ecrire(l.parcours.json).databaseValue]
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

    public func changementsSuivis(apres: Int64, limite: Int) async throws -> ChangementsSuivis {
        let (lignes, retraits, jusqua, complet) = try await pool.read { db in
            // The counter first: every number up to it is committed (one writer at a time).
            let dernier = try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'suivis_seq'") ?? 0
            let lignes = try Row.fetchAll(
                db,
                sql: "SELECT \(Self.colonnesSuivi), seq FROM suivis WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                arguments: [apres, dernier, limite])
            let complet = lignes.count < limite
            let jusqua = complet ? dernier : (lignes.last?[24] as Int64? ?? dernier)
            let retraits = try Row.fetchAll(
                db, sql: "SELECT seq, suivi_id FROM suivis_retraits WHERE seq > ? AND seq <= ? ORDER BY seq",
                arguments: [apres, jusqua]
            ).map { (seq: $0[0] as Int64, id: SuiviID($0[1] as Int64)) }
            return (lignes.map(UncheckedSendable.init), retraits, jusqua, complet)
        }
        // Decoding the timelines is most of the work: on every core.
        let ecrits = try lignes.carteParallele { ligne in
            let r = ligne.valeur
            return Result {
                (seq: try LigneLue(r, table: "suivis").exiger(24, "seq", Int64.self), suivi: try Self.suivi(r))
            }
        }.map { try $0.get() }
        return ChangementsSuivis(ecrits: ecrits, retires: retraits, jusqua: jusqua, complet: complet)
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
        resultat_le, premier_resultat_le, pris_en_charge, demande_cfa_le, reponse_jeune, reponse_jeune_le
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
            demandeCFALe: try instant(21, "demande_cfa_le"),
            reponseJeune: try l.exiger(22, "reponse_jeune", String?.self).map {
                try ReponseJeune(rawValue: $0).ou(l.illisible("reponse_jeune"))
            }, reponseJeuneLe: try instant(23, "reponse_jeune_le"))
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
                    de: try l.texteOuNul("de"), vers: try l.texteOuNul("vers"),
                    demande: try l.texteOuNul("details").map {
                        try DemandeAccompagnement(json: $0).ou(l.illisible("details"))
                    }, organisationCFA: try l.exiger("cote", String.self) == EvenementSuivi.Cote.cfa.rawValue,
                    email: try l.texteOuNul("email"),
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

    /// Appends an event and keeps the case's summary and version up to date: the last outcome, the CFA's request,
    /// the young person's last answer.
    static func inserer(_ e: EvenementSuivi, suivi: Int64, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO suivis_evenements (suivi_id, le, genre, auteur, organisation, rupture, resultat, commentaire,
                    deja_connu, de, vers, details, cote, email, reponse_jeune, telephone)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                suivi, e.le.epoch, e.genre.rawValue, e.auteur, e.organisation, e.rupture?.description,
                e.resultat?.code, e.commentaire, e.dejaConnu, e.de, e.vers, e.demande?.json, e.cote.rawValue, e.email,
                e.reponseJeune?.rawValue, e.telephone,
            ])
        if let r = e.reponseJeune {
            try db.execute(
                sql: "UPDATE suivis SET reponse_jeune = ?, reponse_jeune_le = ? WHERE id = ?",
                arguments: [r.rawValue, e.le.epoch, suivi])
        }
        if e.genre == .demandeCFA {
            try db.execute(
                sql: "UPDATE suivis SET demande_cfa_le = ifnull(demande_cfa_le, ?), pris_en_charge = 1 WHERE id = ?",
                arguments: [e.le.epoch, suivi])
        }
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

extension SQLiteStore {
    public func ajouter(_ e: EvenementSuivi, a suivi: SuiviID) async throws -> Bool {
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM suivis WHERE id = ?", arguments: [suivi.rawValue]) != nil
            else { return false }
            try Self.inserer(e, suivi: suivi.rawValue, db)
            return true
        }
    }

    public func suivis(effectifs: [EffectifID]) async throws -> [SuiviStocke] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.colonnesSuivi) FROM suivis WHERE effectif_id IN (SELECT value FROM json_each(?))
                    """, arguments: [JSONTexte.ecrire(.liste(effectifs.map { .entier(Int($0.rawValue)) }))]
            ).map(Self.suivi)
        }
    }

    public func marquerLu(suivi: SuiviID, cote: EvenementSuivi.Cote) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO suivis_lectures (suivi_id, cote, evenement_id)
                    SELECT ?, ?, max(id) FROM suivis_evenements WHERE suivi_id = ? HAVING max(id) IS NOT NULL
                    ON CONFLICT (suivi_id, cote) DO UPDATE SET evenement_id = excluded.evenement_id
                    """, arguments: [suivi.rawValue, cote.rawValue, suivi.rawValue])
        }
    }

    public func nonLus(_ cote: EvenementSuivi.Cote, dans perimetre: Perimetre) async throws -> Set<SuiviID> {
        let (condition, valeur): (String, String)
        switch perimetre {
        case .missionLocale(let code): (condition, valeur) = ("s.mission_locale = ?", code)
        case .organismes(let ids):
            (condition, valeur) = (
                "s.organisme_id IN (SELECT value FROM json_each(?))",
                JSONTexte.ecrire(.liste(ids.map { .entier(Int($0.rawValue)) }))
            )
        default: return []
        }
        return try await pool.read { db in
            Set(
                try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT e.suivi_id FROM suivis_evenements e
                        JOIN suivis s ON s.id = e.suivi_id
                        LEFT JOIN suivis_lectures l ON l.suivi_id = e.suivi_id AND l.cote = ?
                        WHERE e.cote IN (SELECT value FROM json_each(?)) AND \(condition)
                            AND e.id > ifnull(l.evenement_id, 0)
                        """,
                    arguments: [
                        cote.rawValue,
                        JSONTexte.ecrire(.liste(EvenementSuivi.Cote.autres(que: cote).map { .texte($0.rawValue) })),
                        valeur,
                    ]
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

    public func effectifsStockes(ids: [EffectifID]) async throws -> [EffectifStocke] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, record, parcours FROM effectifs WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [JSONTexte.ecrire(.liste(ids.map { .entier(Int($0.rawValue)) }))]
            ).map { try Self.effectifStocke(LigneLue($0, table: "effectifs")) }
        }
    }

    public func versionMissionsLocales() async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'missions_locales'") ?? 0
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

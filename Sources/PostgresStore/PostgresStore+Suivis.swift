import Domain
import Foundation
import Outils
import PostgresNIO

extension PostgresStore {
    public func configurerSuivis(_ regles: ReglesSuivi) { etatSuivis.configurer(regles) }

    public func deriverSuivis(_ actif: Bool) { etatSuivis.derivationActive = actif }

    /// Within a transaction: the rules, the coverage of the référentiel as stored now, and its version.
    static func contexteSuivis(_ c: Connexion, etat: EtatSuivis) async throws -> (
        regles: ReglesSuivi, couverture: CouvertureMissionsLocales, version: Int64
    ) {
        let version =
            try await c.valeur("SELECT valeur FROM versions WHERE nom = 'missions_locales'", Int64.self) ?? 0
        if let couverture = etat.couverture(version: version) { return (etat.reglesEnVigueur, couverture, version) }
        let couverture = CouvertureMissionsLocales(
            try await c.lignes("SELECT * FROM missions_locales ORDER BY code", missionLocale))
        etat.memoriser(couverture, version: version)
        return (etat.reglesEnVigueur, couverture, version)
    }

    /// Writes the case rows of effectifs just written, in their transaction (DESIGN §7b): a new case for a
    /// candidate, the row kept up to date while it is a candidate or has a history, deleted otherwise. A case with a
    /// history whose young person moved goes to the new mission locale with a transfer in its history.
    static func deriverSuivis(
        _ c: Connexion, _ ecrits: [(id: EffectifID, effectif: Effectif, parcours: Parcours)], etat: EtatSuivis,
        now: Date
    ) async throws {
        guard !ecrits.isEmpty, etat.derivationActive else { return }
        let (regles, couverture, _) = try await contexteSuivis(c, etat: etat)
        // The rows and their JSON forms on every core: most of the cost, none of it needs the database.
        let lignes = DerivationSuivis.derniers(ecrits).carteParallele { e -> (LigneSuivi, JSONTexte.Noeud) in
            let l = DerivationSuivis.ligne(
                id: e.id, effectif: e.effectif, parcours: e.parcours, regles: regles, couverture: couverture)
            return (l, ligneSuivi(l, id: nil))
        }
        let existants = Dictionary(
            try await c.lignes(
                """
                SELECT id, effectif_id, mission_locale, pris_en_charge FROM suivis
                WHERE effectif_id = ANY(\(lignes.map(\.0.effectif.rawValue))::bigint[])
                """
            ) { r in
                let l = LignePG(r, table: "suivis")
                return (
                    try l.exiger("effectif_id", Int64.self),
                    (
                        id: try l.exiger("id", Int64.self), missionLocale: try l.texteOuNul("mission_locale"),
                        prisEnCharge: try l.exiger("pris_en_charge", Bool.self)
                    )
                )
            }, uniquingKeysWith: { a, _ in a })
        var nouveaux: [JSONTexte.Noeud] = []
        var modifies: [JSONTexte.Noeud] = []
        var supprimes: [Int64] = []
        var transferts: [(suivi: Int64, de: String?, vers: String?)] = []
        // One change number per row that may be written, reserved at once (numbers left unused are harmless).
        var seq =
            try await c.valeur(
                "UPDATE versions SET valeur = valeur + \(lignes.count) WHERE nom = 'suivis_seq' RETURNING valeur",
                Int64.self) ?? 0
        seq -= Int64(lignes.count)
        for (l, json) in lignes {
            seq += 1
            if let ex = existants[l.effectif.rawValue] {
                guard l.estCandidat || ex.prisEnCharge else {
                    supprimes.append(ex.id)
                    continue
                }
                modifies.append(Self.avec(json, id: ex.id, seq: seq))
                if ex.prisEnCharge, ex.missionLocale != l.missionLocale {
                    transferts.append((ex.id, ex.missionLocale, l.missionLocale))
                }
            } else if l.estCandidat {
                nouveaux.append(Self.avec(json, id: nil, seq: seq))
            }
        }
        if !nouveaux.isEmpty {
            try await c.executer(
                """
                INSERT INTO suivis (\(unescaped: colonnesSuivi), cree_le, seq)
                SELECT \(unescaped: colonnesSuivi), \(now.epoch), seq
                FROM jsonb_to_recordset(\(JSONTexte.ecrire(.liste(nouveaux)))::jsonb)
                    AS x(\(unescaped: typesSuivi), seq bigint)
                """)
        }
        if !modifies.isEmpty {
            try await c.executer(
                """
                UPDATE suivis s SET \(unescaped: miseAJourSuivi), seq = x.seq
                FROM jsonb_to_recordset(\(JSONTexte.ecrire(.liste(modifies)))::jsonb)
                    AS x(id bigint, \(unescaped: typesSuivi), seq bigint)
                WHERE s.id = x.id AND (\(unescaped: differenceSuivi))
                """)
        }
        if !supprimes.isEmpty {
            try await c.executer("DELETE FROM suivis WHERE id = ANY(\(supprimes)::bigint[])")
        }
        for t in transferts {
            try await inserer(
                EvenementSuivi(
                    le: now, genre: .transfert, auteur: EvenementSuivi.auteurService, de: t.de, vers: t.vers),
                suivi: t.suivi, c)
        }
    }

    static let colonnesSuivi = """
        effectif_id, mission_locale, organisme_id, rupture, nom, prenom, date_de_naissance, rqth, commune_insee,
        code_postal, formation_cfd, formation_rncp, parcours
        """

    static let typesSuivi = """
        effectif_id bigint, mission_locale text, organisme_id bigint, rupture text, nom text, prenom text,
        date_de_naissance text, rqth boolean, commune_insee text, code_postal text, formation_cfd text,
        formation_rncp text, parcours text
        """

    static let miseAJourSuivi = colonnesSuivi.split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .map { "\($0) = x.\($0)" }.joined(separator: ", ")

    /// A row is rewritten only when a column differs: no write, no new change number otherwise.
    static let differenceSuivi = colonnesSuivi.split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .map { "s.\($0) IS DISTINCT FROM x.\($0)" }.joined(separator: " OR ")

    /// The JSON form of `ligneSuivi(_:id: nil)` with the case's id and its change number.
    static func avec(_ n: JSONTexte.Noeud, id: Int64?, seq: Int64) -> JSONTexte.Noeud {
        guard case .objet(let champs) = n else { return n }
        return .objet(
            champs.map { $0.0 == "id" ? ("id", .entier(id.map(Int.init))) : $0 } + [("seq", .entier(Int(seq)))])
    }

    static func ligneSuivi(_ l: LigneSuivi, id: Int64?) -> JSONTexte.Noeud {
        .objet([
            ("id", .entier(id.map(Int.init))), ("effectif_id", .entier(Int(l.effectif.rawValue))),
            ("mission_locale", .texte(l.missionLocale)), ("organisme_id", .entier(Int(l.organisme.rawValue))),
            ("rupture", .texte(l.rupture?.description)), ("nom", .texte(l.nom)), ("prenom", .texte(l.prenom)),
            ("date_de_naissance", .texte(l.dateDeNaissance.description)), ("rqth", .booleen(l.rqth)),
            ("commune_insee", .texte(l.communeInsee)), ("code_postal", .texte(l.codePostal)),
            ("formation_cfd", .texte(l.cfd)), ("formation_rncp", .texte(l.rncp)),
            ("parcours", .texte(JSONTexte.ecrire(l.parcours.json))),
        ])
    }

    public func reconstruireSuivisSiNecessaire(now: Date) async throws -> Int? {
        try await transaction { c in
            // One rebuild at a time, whatever the number of instances starting.
            try await c.executer("SELECT valeur FROM versions WHERE nom = 'suivis' FOR UPDATE")
            let (regles, _, version) = try await Self.contexteSuivis(c, etat: etatSuivis)
            let attendue = DerivationSuivis.empreinte(regles: regles, versionReferentiel: version)
            let actuelle = try await c.valeur("SELECT valeur FROM versions WHERE nom = 'suivis'", Int64.self) ?? 0
            guard actuelle != attendue else { return nil }
            // Only a learner with a rupture can be a candidate; those with a case row may have to leave it.
            var apres: Int64 = 0
            var lus = 0
            while true {
                let paquet = try await c.lignes(
                    """
                    SELECT id, record, parcours FROM effectifs
                    WHERE id > \(apres) AND (parcours LIKE '%RUPTURANT%' OR id IN (SELECT effectif_id FROM suivis))
                    ORDER BY id LIMIT 2000
                    """
                ) { r in
                    let l = LignePG(r, table: "effectifs")
                    return (
                        id: try l.exiger("id", Int64.self), record: try l.exiger("record", String.self),
                        parcours: try l.exiger("parcours", String.self)
                    )
                }
                guard let dernier = paquet.last else { break }
                let ecrits = try paquet.carteParallele { p in
                    Result {
                        (
                            id: EffectifID(p.id), effectif: try Self.effectif(record: p.record, id: p.id),
                            parcours: try Parcours(texte: p.parcours)
                        )
                    }
                }.map { try $0.get() }
                try await Self.deriverSuivis(c, ecrits, etat: etatSuivis, now: now)
                lus += paquet.count
                apres = dernier.id
            }
            try await c.executer("UPDATE versions SET valeur = \(attendue) WHERE nom = 'suivis'")
            return lus
        }
    }

    // MARK: - The référentiel

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

    // MARK: - Cases

    public func changementsSuivis(apres: Int64, limite: Int) async throws -> ChangementsSuivis {
        // The counter first: its row lock is held by a writer to its commit, so every number up to it is committed.
        let dernier = try await valeur("SELECT valeur FROM versions WHERE nom = 'suivis_seq'", Int64.self) ?? 0
        let ecrits = try await lignes(
            "SELECT * FROM suivis WHERE seq > \(apres) AND seq <= \(dernier) ORDER BY seq LIMIT \(limite)"
        ) { r in (seq: try LignePG(r, table: "suivis").exiger("seq", Int64.self), suivi: try Self.suivi(r)) }
        let complet = ecrits.count < limite
        let jusqua = complet ? dernier : (ecrits.last?.seq ?? dernier)
        let retraits = try await lignes(
            "SELECT seq, suivi_id FROM suivis_retraits WHERE seq > \(apres) AND seq <= \(jusqua) ORDER BY seq"
        ) { r in (seq: try r[0].decode(Int64.self), id: SuiviID(try r[1].decode(Int64.self))) }
        return ChangementsSuivis(ecrits: ecrits, retires: retraits, jusqua: jusqua, complet: complet)
    }

    /// Takes the case counter's lock before any case row: every writer of cases takes them in that order.
    static func verrouillerSuivis(_ c: Connexion) async throws {
        try await c.executer("UPDATE versions SET valeur = valeur WHERE nom = 'suivis_seq'")
    }

    public func suivis(missionLocale: String) async throws -> [SuiviStocke] {
        try await lignes("SELECT * FROM suivis WHERE mission_locale = \(missionLocale)", Self.suivi)
    }

    public func suivis(missionsLocales: [String]?) async throws -> [SuiviStocke] {
        guard let missionsLocales else {
            return try await lignes("SELECT * FROM suivis WHERE mission_locale IS NOT NULL", Self.suivi)
        }
        return try await lignes(
            "SELECT * FROM suivis WHERE mission_locale = ANY(\(missionsLocales)::text[])", Self.suivi)
    }

    public func suivi(id: SuiviID) async throws -> SuiviStocke? {
        try await ligne("SELECT * FROM suivis WHERE id = \(id.rawValue)", Self.suivi)
    }

    public func effectif(id: EffectifID) async throws -> EffectifStocke? {
        try await ligne("SELECT id, record, parcours FROM effectifs WHERE id = \(id.rawValue)") {
            try Self.effectifStocke(LignePG($0, table: "effectifs"))
        }
    }

    static func suivi(_ r: PostgresRandomAccessRow) throws -> SuiviStocke {
        let l = LignePG(r, table: "suivis")
        return SuiviStocke(
            id: SuiviID(try l.exiger("id")),
            ligne: LigneSuivi(
                effectif: EffectifID(try l.exiger("effectif_id")), missionLocale: try l.texteOuNul("mission_locale"),
                organisme: OrganismeID(try l.exiger("organisme_id")),
                rupture: try l.texteOuNul("rupture").map { try Jour(iso: $0).ou(l.illisible("rupture")) },
                nom: try l.exiger("nom"), prenom: try l.exiger("prenom"),
                dateDeNaissance: try l.exiger("date_de_naissance", Jour.init(iso:)), rqth: try l.exiger("rqth"),
                communeInsee: try l.texteOuNul("commune_insee"), codePostal: try l.texteOuNul("code_postal"),
                cfd: try l.texteOuNul("formation_cfd"), rncp: try l.texteOuNul("formation_rncp"),
                parcours: try l.parcours()),
            version: try l.exiger("version"), creeLe: try l.instant("cree_le"),
            dernierResultat: try l.texteOuNul("dernier_resultat").map {
                try ResultatContact(code: $0).ou(l.illisible("dernier_resultat"))
            },
            ruptureDuResultat: try l.texteOuNul("rupture_du_resultat").map {
                try Jour(iso: $0).ou(l.illisible("rupture_du_resultat"))
            },
            resultatLe: try l.instantOptionnel("resultat_le"),
            premierResultatLe: try l.instantOptionnel("premier_resultat_le"),
            prisEnCharge: try l.exiger("pris_en_charge"), demandeCFALe: try l.instantOptionnel("demande_cfa_le"),
            reponseJeune: try l.texteOuNul("reponse_jeune").map {
                try ReponseJeune(rawValue: $0).ou(l.illisible("reponse_jeune"))
            }, reponseJeuneLe: try l.instantOptionnel("reponse_jeune_le"))
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

    public func evenements(suivi: SuiviID) async throws -> [EvenementSuivi] {
        try await lignes("SELECT * FROM suivis_evenements WHERE suivi_id = \(suivi.rawValue) ORDER BY id") { r in
            let l = LignePG(r, table: "suivis_evenements")
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

    public func ajouter(_ e: EvenementSuivi, a suivi: SuiviID, versionLue: Int64) async throws -> EnregistrementSuivi {
        try await transaction { c in
            try await Self.verrouillerSuivis(c)
            guard
                let version = try await c.valeur(
                    "SELECT version FROM suivis WHERE id = \(suivi.rawValue) FOR UPDATE", Int64.self)
            else { return .inconnu }
            guard version == versionLue else {
                let dernier = try await c.lignes(
                    "SELECT auteur, le FROM suivis_evenements WHERE suivi_id = \(suivi.rawValue) ORDER BY id DESC LIMIT 1"
                ) { r in
                    let l = LignePG(r, table: "suivis_evenements", identifiant: suivi)
                    return (auteur: try l.exiger("auteur", String.self), le: try l.instant("le"))
                }.first
                return .conflit(
                    auteur: dernier?.auteur ?? EvenementSuivi.auteurService,
                    le: dernier?.le ?? Date(timeIntervalSince1970: 0))
            }
            try await Self.inserer(e, suivi: suivi.rawValue, c)
            return .fait(version: version + 1)
        }
    }

    /// Appends an event and keeps the case's summary and version up to date.
    static func inserer(_ e: EvenementSuivi, suivi: Int64, _ c: Connexion) async throws {
        try await c.executer(
            """
            INSERT INTO suivis_evenements (suivi_id, le, genre, auteur, organisation, rupture, resultat, commentaire,
                deja_connu, de, vers, details, cote, email, reponse_jeune, telephone)
            VALUES (\(suivi), \(e.le.epoch), \(e.genre.rawValue), \(e.auteur), \(e.organisation),
                \(e.rupture?.description), \(e.resultat?.code), \(e.commentaire), \(e.dejaConnu), \(e.de), \(e.vers),
                \(e.demande?.json), \(e.cote.rawValue), \(e.email), \(e.reponseJeune?.rawValue), \(e.telephone))
            """)
        if let r = e.reponseJeune {
            try await c.executer(
                "UPDATE suivis SET reponse_jeune = \(r.rawValue), reponse_jeune_le = \(e.le.epoch) WHERE id = \(suivi)")
        }
        if e.genre == .demandeCFA {
            try await c.executer(
                """
                UPDATE suivis SET demande_cfa_le = coalesce(demande_cfa_le, \(e.le.epoch)), pris_en_charge = TRUE
                WHERE id = \(suivi)
                """)
        }
        try await c.executer("UPDATE suivis SET version = version + 1 WHERE id = \(suivi)")
        if let r = e.resultat {
            try await c.executer(
                """
                UPDATE suivis SET dernier_resultat = \(r.code), rupture_du_resultat = \(e.rupture?.description),
                    resultat_le = \(e.le.epoch), premier_resultat_le = coalesce(premier_resultat_le, \(e.le.epoch)),
                    pris_en_charge = TRUE
                WHERE id = \(suivi)
                """)
        }
    }
}

extension PostgresStore {
    public func ajouter(_ e: EvenementSuivi, a suivi: SuiviID) async throws -> Bool {
        try await transaction { c in
            try await Self.verrouillerSuivis(c)
            guard try await c.valeur("SELECT id FROM suivis WHERE id = \(suivi.rawValue) FOR UPDATE", Int64.self) != nil
            else { return false }
            try await Self.inserer(e, suivi: suivi.rawValue, c)
            return true
        }
    }

    public func suivis(effectifs: [EffectifID]) async throws -> [SuiviStocke] {
        try await lignes(
            "SELECT * FROM suivis WHERE effectif_id = ANY(\(effectifs.map(\.rawValue))::bigint[])", Self.suivi)
    }

    public func marquerLu(suivi: SuiviID, cote: EvenementSuivi.Cote) async throws {
        try await executer(
            """
            INSERT INTO suivis_lectures (suivi_id, cote, evenement_id)
            SELECT \(suivi.rawValue), \(cote.rawValue), max(id) FROM suivis_evenements WHERE suivi_id = \(suivi.rawValue)
            HAVING max(id) IS NOT NULL
            ON CONFLICT (suivi_id, cote) DO UPDATE SET evenement_id = excluded.evenement_id
            """)
    }

    public func nonLus(_ cote: EvenementSuivi.Cote, dans perimetre: Perimetre) async throws -> Set<SuiviID> {
        let autres = EvenementSuivi.Cote.autres(que: cote).map(\.rawValue)
        let requete: PostgresQuery
        switch perimetre {
        case .missionLocale(let code):
            requete = """
                SELECT DISTINCT e.suivi_id FROM suivis_evenements e JOIN suivis s ON s.id = e.suivi_id
                LEFT JOIN suivis_lectures l ON l.suivi_id = e.suivi_id AND l.cote = \(cote.rawValue)
                WHERE e.cote = ANY(\(autres)::text[]) AND s.mission_locale = \(code) AND e.id > coalesce(l.evenement_id, 0)
                """
        case .organismes(let ids):
            requete = """
                SELECT DISTINCT e.suivi_id FROM suivis_evenements e JOIN suivis s ON s.id = e.suivi_id
                LEFT JOIN suivis_lectures l ON l.suivi_id = e.suivi_id AND l.cote = \(cote.rawValue)
                WHERE e.cote = ANY(\(autres)::text[]) AND s.organisme_id = ANY(\(ids.map(\.rawValue))::bigint[])
                    AND e.id > coalesce(l.evenement_id, 0)
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

    public func effectifsStockes(ids: [EffectifID]) async throws -> [EffectifStocke] {
        try await lignes(
            "SELECT id, record, parcours FROM effectifs WHERE id = ANY(\(ids.map(\.rawValue))::bigint[])"
        ) { try Self.effectifStocke(LignePG($0, table: "effectifs")) }
    }

    public func versionMissionsLocales() async throws -> Int64 {
        try await valeur("SELECT valeur FROM versions WHERE nom = 'missions_locales'", Int64.self) ?? 0
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

import Domain
import Foundation
import Outils
import PostgresNIO

extension PostgresStore {
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
                parcours: try l.parcours(),
                ruptureDeclaree: try l.texteOuNul("rupture_declaree").map {
                    try Jour(iso: $0).ou(l.illisible("rupture_declaree"))
                }),
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
        for lecteur in e.lecteurs {
            try await c.executer(
                """
                INSERT INTO suivis_non_lus (suivi_id, cote, organisme_id, mission_locale)
                SELECT id, \(lecteur.rawValue), organisme_id, mission_locale FROM suivis WHERE id = \(suivi)
                ON CONFLICT (suivi_id, cote) DO NOTHING
                """)
        }
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

    public func effectifsStockes(ids: [EffectifID]) async throws -> [EffectifStocke] {
        try await lignes(
            "SELECT id, record, parcours FROM effectifs WHERE id = ANY(\(ids.map(\.rawValue))::bigint[])"
        ) { try Self.effectifStocke(LignePG($0, table: "effectifs")) }
    }
}

import Domain
import Foundation
import GRDB
import Outils

extension SQLiteStore {
    public func changementsSuivis(apres: Int64, limite: Int) async throws -> ChangementsSuivis {
        let (lignes, retraits, jusqua, complet) = try await pool.read { db in
            // The counter first: every number up to it is committed (one writer at a time).
            let dernier = try Int64.fetchOne(db, sql: "SELECT valeur FROM versions WHERE nom = 'suivis_seq'") ?? 0
            let lignes = try Row.fetchAll(
                db,
                sql: "SELECT \(Self.colonnesSuivi), seq FROM suivis WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                arguments: [apres, dernier, limite])
            let complet = lignes.count < limite
            let jusqua = complet ? dernier : (lignes.last?[25] as Int64? ?? dernier)
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
                (seq: try LigneLue(r, table: "suivis").exiger(25, "seq", Int64.self), suivi: try Self.suivi(r))
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
        resultat_le, premier_resultat_le, pris_en_charge, demande_cfa_le, reponse_jeune, reponse_jeune_le,
        rupture_declaree
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
                }(), ruptureDeclaree: try jour(24, "rupture_declaree")),
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
        for lecteur in e.lecteurs {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO suivis_non_lus (suivi_id, cote, organisme_id, mission_locale)
                    SELECT id, ?, organisme_id, mission_locale FROM suivis WHERE id = ?
                    """, arguments: [lecteur.rawValue, suivi])
        }
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

    public func effectifsStockes(ids: [EffectifID]) async throws -> [EffectifStocke] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, record, parcours FROM effectifs WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [JSONTexte.ecrire(.liste(ids.map { .entier(Int($0.rawValue)) }))]
            ).map { try Self.effectifStocke(LigneLue($0, table: "effectifs")) }
        }
    }
}

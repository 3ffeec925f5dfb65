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
        try await deriverSuivis(
            c, DerivationSuivis.derniers(ecrits), regles: regles, couverture: couverture, declarees: [:], now: now)
    }

    /// Writes the case rows of these effectifs (one each). `declarees`: ruptures declared by the CFA that are not
    /// on their rows yet (a declaration being recorded).
    static func deriverSuivis(
        _ c: Connexion, _ derniers: [(id: EffectifID, effectif: Effectif, parcours: Parcours)], regles: ReglesSuivi,
        couverture: CouvertureMissionsLocales, declarees: [EffectifID: Jour], now: Date
    ) async throws {
        // The rows and their JSON forms on every core: most of the cost, none of it needs the database.
        @Sendable func ligne(_ e: (id: EffectifID, effectif: Effectif, parcours: Parcours), declaree: Jour?) -> (
            LigneSuivi, JSONTexte.Noeud
        ) {
            let l = DerivationSuivis.ligne(
                id: e.id, effectif: e.effectif, parcours: e.parcours, regles: regles, couverture: couverture,
                declaree: declaree)
            return (l, ligneSuivi(l, id: nil))
        }
        var lignes = derniers.carteParallele { ligne($0, declaree: declarees[$0.id]) }
        let existants = Dictionary(
            try await c.lignes(
                """
                SELECT id, effectif_id, mission_locale, pris_en_charge, rupture_declaree FROM suivis
                WHERE effectif_id = ANY(\(lignes.map(\.0.effectif.rawValue))::bigint[])
                """
            ) { r in
                let l = LignePG(r, table: "suivis")
                return (
                    try l.exiger("effectif_id", Int64.self),
                    (
                        id: try l.exiger("id", Int64.self), missionLocale: try l.texteOuNul("mission_locale"),
                        prisEnCharge: try l.exiger("pris_en_charge", Bool.self),
                        declaree: try l.texteOuNul("rupture_declaree").map {
                            try Jour(iso: $0).ou(l.illisible("rupture_declaree"))
                        }
                    )
                )
            }, uniquingKeysWith: { a, _ in a })
        // A rupture declared by the CFA: the row follows it while the ERP's data does not show it.
        var rapprochements: [(suivi: Int64, EvenementSuivi)] = []
        for (k, e) in derniers.enumerated() {
            guard let ex = existants[e.id.rawValue], let d = ex.declaree, lignes[k].0.ruptureDeclaree != d else {
                continue
            }
            lignes[k] = ligne(e, declaree: d)
            if lignes[k].0.ruptureDeclaree == nil {
                rapprochements.append(
                    (ex.id, .rapprochementERP(declaree: d, effectif: e.effectif, rupture: lignes[k].0.rupture, le: now))
                )
            }
        }
        for (suivi, evenement) in rapprochements { try await inserer(evenement, suivi: suivi, c) }
        var nouveaux: [JSONTexte.Noeud] = []
        var modifies: [JSONTexte.Noeud] = []
        var supprimes: [Int64] = []
        var transferts: [(suivi: Int64, de: String?, vers: String?)] = []
        var deplaces: [Int64] = []
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
                if ex.missionLocale != l.missionLocale { deplaces.append(ex.id) }
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
        if !deplaces.isEmpty {
            try await c.executer(
                """
                UPDATE suivis_non_lus n SET mission_locale = s.mission_locale FROM suivis s
                WHERE s.id = n.suivi_id AND n.suivi_id = ANY(\(deplaces)::bigint[])
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
        code_postal, formation_cfd, formation_rncp, parcours, rupture_declaree
        """

    static let typesSuivi = """
        effectif_id bigint, mission_locale text, organisme_id bigint, rupture text, nom text, prenom text,
        date_de_naissance text, rqth boolean, commune_insee text, code_postal text, formation_cfd text,
        formation_rncp text, parcours text, rupture_declaree text
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
            ("rupture_declaree", .texte(l.ruptureDeclaree?.description)),
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
}

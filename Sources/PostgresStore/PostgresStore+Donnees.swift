import Domain
import Foundation
import Outils
import PostgresNIO

/// Retention, a learner's export and erasure, the journal search (F21, F22).
extension PostgresStore {
    public func anneesNominatives() async throws -> [AnneeScolaire] {
        try await lignes(
            """
            SELECT DISTINCT annee_scolaire FROM effectifs WHERE NOT (prenom = '' AND nom = 'PSEUDONYME-' || id)
            """
        ) { try LignePG($0, table: "effectifs", id: "annee_scolaire").exiger("annee_scolaire", String.self) }
        .compactMap { AnneeScolaire($0) }
    }

    public func nombreNominatifs(annee: AnneeScolaire) async throws -> Int {
        Int(
            try await valeur(
                """
                SELECT COUNT(*) FROM effectifs
                WHERE annee_scolaire = \(annee.description) AND NOT (prenom = '' AND nom = 'PSEUDONYME-' || id)
                """, Int64.self) ?? 0)
    }

    public func pseudonymiser(annee: AnneeScolaire, apres: EffectifID?, limite: Int) async throws
        -> (nombre: Int, dernier: EffectifID)?
    {
        try await transaction { c in
            try await Self.verrouillerSuivis(c)
            let lignes = try await c.lignes(
                """
                SELECT id, record FROM effectifs
                WHERE annee_scolaire = \(annee.description) AND id > \(apres?.rawValue ?? 0)
                  AND NOT (prenom = '' AND nom = 'PSEUDONYME-' || id)
                ORDER BY id LIMIT \(Int64(limite)) FOR UPDATE
                """
            ) {
                let l = LignePG($0, table: "effectifs")
                return (EffectifID(try l.exiger("id", Int64.self)), try l.exiger("record", String.self))
            }
            guard let dernier = lignes.last?.0 else { return nil }
            // The record only: every column the index reads (birth date, formation, timeline) stays as it is. Each
            // row gets a change number, as every write does: copies of the record kept in memory are read again.
            var version =
                try await c.valeur(
                    "UPDATE versions SET valeur = valeur + \(Int64(lignes.count)) WHERE nom = 'effectifs' RETURNING valeur",
                    Int64.self) ?? 0
            version -= Int64(lignes.count)
            for (id, record) in lignes {
                let e = try Self.effectif(record: record, id: id).pseudonymise(pseudonyme: Effectif.pseudonyme(id))
                version += 1
                try await c.executer(
                    """
                    UPDATE effectifs SET nom = \(e.apprenant.nom), prenom = '', record = \(JSONTexte.ecrire(e.json)),
                        version = \(version)
                    WHERE id = \(id.rawValue)
                    """)
            }
            // A mission locale's case holds the name and contacts: it ends with the learner's named data.
            try await c.executer("DELETE FROM suivis WHERE effectif_id = ANY(\(lignes.map(\.0.rawValue))::bigint[])")
            return (lignes.count, dernier)
        }
    }

    public func clesApiInutilisees(avant: Date) async throws -> [CleApi] {
        try await lignes(
            """
            SELECT * FROM cles_api WHERE revoked_at IS NULL AND greatest(coalesce(last_used_at, created_at), created_at) < \(avant.epoch)
            ORDER BY id
            """, Self.cleApi)
    }

    public func purger(_ genre: GenreDonnees, avant: Date, simulation: Bool, now: Date) async throws -> Int {
        let t = avant.epoch
        let q: PostgresQuery
        switch (genre, simulation) {
        case (.itemsRejetes, true): q = "SELECT COUNT(*) FROM transmissions WHERE donnees <> '' AND recu_le < \(t)"
        case (.itemsRejetes, false):
            q = "UPDATE transmissions SET donnees = '' WHERE donnees <> '' AND recu_le < \(t) RETURNING 1"
        case (.courriels, true): q = "SELECT COUNT(*) FROM courriels WHERE cree_le < \(t)"
        case (.courriels, false): q = "DELETE FROM courriels WHERE cree_le < \(t) RETURNING 1"
        case (.sessions, true): q = "SELECT COUNT(*) FROM sessions WHERE expire_le < \(t) OR revoquee_le < \(t)"
        case (.sessions, false): q = "DELETE FROM sessions WHERE expire_le < \(t) OR revoquee_le < \(t) RETURNING 1"
        case (.liensUniques, true): q = "SELECT COUNT(*) FROM jetons WHERE expire_le < \(t)"
        case (.liensUniques, false): q = "DELETE FROM jetons WHERE expire_le < \(t) RETURNING 1"
        case (.journal, true): q = "SELECT COUNT(*) FROM journal WHERE le < \(t)"
        case (.journal, false): q = "DELETE FROM journal WHERE le < \(t) RETURNING 1"
        case (.effectifsNominatifs, _), (.clesApiInutilisees, _), (.dossiersSuivi, _): return 0
        }
        if simulation { return Int(try await valeur(q, Int64.self) ?? 0) }
        return try await nombreModifies(q)
    }

    // MARK: - Un apprenant

    public func effectifs(recherche: RechercheApprenant, limite: Int) async throws -> [EffectifStocke] {
        let q: PostgresQuery
        switch recherche {
        case .cle(let c):
            q = """
                SELECT id, record, parcours FROM effectifs
                WHERE organisme_id = \(c.organisme.rawValue) AND annee_scolaire = \(c.anneeScolaire.description)
                  AND id_erp_apprenant = \(c.idErpApprenant)
                """
        case .identite(_, _, let naissance):
            // No index on names or birth dates (it would cost every batch): an administrator's rare search reads the
            // table; names are compared without case or accents by `nommeBien`, as on SQLite.
            q =
                "SELECT id, record, parcours FROM effectifs WHERE date_de_naissance = \(naissance.description) ORDER BY id"
        }
        return Array(
            try await lignes(q) { try Self.effectifStocke(LignePG($0, table: "effectifs")) }.filter {
                recherche.nommeBien($0.effectif)
            }.prefix(limite))
    }

    public func transmissions(de e: EffectifStocke) async throws -> [TransmissionApprenant] {
        let f = e.effectif
        return try await lignes(
            """
            SELECT id, recu_le, accepte, donnees, erreurs FROM transmissions
            WHERE effectif_id = \(e.id.rawValue) OR (NOT accepte AND id_erp_apprenant = \(f.idErpApprenant)
                AND source_organisme_id IN (\(f.organismeId.rawValue), \(f.organismeResponsableId.rawValue), \(f.sourceOrganismeId.rawValue)))
            ORDER BY id
            """
        ) { r in
            let l = LignePG(r, table: "transmissions")
            return TransmissionApprenant(
                recuLe: try l.instant("recu_le"), accepte: try l.exiger("accepte"),
                donnees: try l.exiger("donnees"), erreurs: ErreursValidationJSON.lire(try l.exiger("erreurs")))
        }
    }

    public func effacer(_ e: EffectifStocke, empreinte: String, now: Date) async throws -> Int {
        let f = e.effectif
        return try await transaction { c in
            try await Self.verrouillerSuivis(c)
            let notes = try await c.nombreModifies(
                """
                INSERT INTO effacements (le, effectif_id, version, organisme_id, annee_scolaire, empreinte)
                SELECT \(now.epoch), id, version, organisme_id, annee_scolaire, \(empreinte) FROM effectifs
                WHERE id = \(e.id.rawValue) RETURNING 1
                """)
            guard notes == 1 else { return 0 }
            let n = try await c.nombreModifies(
                """
                DELETE FROM transmissions
                WHERE effectif_id = \(e.id.rawValue) OR (NOT accepte AND id_erp_apprenant = \(f.idErpApprenant)
                    AND source_organisme_id IN (\(f.organismeId.rawValue), \(f.organismeResponsableId.rawValue), \(f.sourceOrganismeId.rawValue)))
                RETURNING 1
                """)
            try await c.executer("DELETE FROM effectifs WHERE id = \(e.id.rawValue)")
            return n
        }
    }

    static func effacement(_ r: PostgresRandomAccessRow) throws -> Effacement {
        let l = LignePG(r, table: "effacements")
        let annee = try l.exiger("annee_scolaire", AnneeScolaire.init)
        return Effacement(
            numero: try l.exiger("id"), le: try l.instant("le"), effectif: EffectifID(try l.exiger("effectif_id")),
            version: try l.exiger("version"), organisme: OrganismeID(try l.exiger("organisme_id")),
            anneeScolaire: annee,
            empreinte: try l.exiger("empreinte"), revenuLe: try l.instantOptionnel("revenu_le"))
    }

    public func effacements(apres numero: Int64, limite: Int) async throws -> [Effacement] {
        try await lignes(
            "SELECT * FROM effacements WHERE id > \(numero) ORDER BY id LIMIT \(Int64(limite))", Self.effacement)
    }

    public func effacementsASurveiller() async throws -> [Effacement] {
        try await lignes("SELECT * FROM effacements WHERE revenu_le IS NULL ORDER BY id", Self.effacement)
    }

    public func idsErpCrees(organisme: OrganismeID, annee: AnneeScolaire, depuis: Date) async throws -> [String] {
        try await lignes(
            """
            SELECT id_erp_apprenant FROM effectifs
            WHERE organisme_id = \(organisme.rawValue) AND annee_scolaire = \(annee.description) AND created_at >= \(depuis.epoch)
            """
        ) { try LignePG($0, table: "effectifs", id: "id_erp_apprenant").exiger("id_erp_apprenant", String.self) }
    }

    public func noterRetour(effacement numero: Int64, now: Date) async throws {
        try await executer("UPDATE effacements SET revenu_le = \(now.epoch) WHERE id = \(numero)")
    }

    public func effacementsRevenus(limite: Int) async throws -> [Effacement] {
        try await lignes(
            """
            SELECT * FROM effacements WHERE revenu_le IS NOT NULL ORDER BY revenu_le DESC LIMIT \(Int64(limite))
            """, Self.effacement)
    }

    // MARK: - Journal

    public func journal(filtre f: FiltreJournal, page: Int, parPage: Int) async throws -> PageJournal {
        let action = f.action
        let utilisateur = f.utilisateur
        let organisation = f.organisation?.rawValue
        let du = f.du?.date.epoch
        let au = f.au.map { $0.adding(days: 1).date.epoch }
        let total = Int(
            try await valeur(
                """
                SELECT COUNT(*) FROM journal j LEFT JOIN utilisateurs u ON u.id = j.acteur_id
                WHERE (\(action)::text IS NULL OR j.action = \(action))
                  AND (\(utilisateur)::text IS NULL OR position(lower(\(utilisateur)) IN lower(coalesce(j.acteur_email, ''))) > 0)
                  AND (\(organisation)::bigint IS NULL OR u.organisation_id = \(organisation))
                  AND (\(du)::float8 IS NULL OR j.le >= \(du)) AND (\(au)::float8 IS NULL OR j.le < \(au))
                """, Int64.self) ?? 0)
        let entrees = try await lignes(
            """
            SELECT j.* FROM journal j LEFT JOIN utilisateurs u ON u.id = j.acteur_id
            WHERE (\(action)::text IS NULL OR j.action = \(action))
              AND (\(utilisateur)::text IS NULL OR position(lower(\(utilisateur)) IN lower(coalesce(j.acteur_email, ''))) > 0)
              AND (\(organisation)::bigint IS NULL OR u.organisation_id = \(organisation))
              AND (\(du)::float8 IS NULL OR j.le >= \(du)) AND (\(au)::float8 IS NULL OR j.le < \(au))
            ORDER BY j.id DESC LIMIT \(Int64(parPage)) OFFSET \(Int64((max(page, 1) - 1) * parPage))
            """, Self.entreeJournal)
        return PageJournal(entrees: entrees, total: total)
    }

    public func actionsJournal() async throws -> [String] {
        try await lignes("SELECT DISTINCT action FROM journal ORDER BY action") {
            try LignePG($0, table: "journal", id: "action").exiger("action", String.self)
        }
    }
}

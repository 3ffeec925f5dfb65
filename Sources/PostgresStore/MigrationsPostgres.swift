import Domain
import PostgresNIO

/// Numbered, append-only schema changes of the PostgreSQL database. A shipped migration is never edited: add the
/// next one. Instances starting together serialise on an advisory lock: one migrates, the others then see it done.
enum MigrationsPostgres {
    static let verrou: Int64 = 7_286_001

    static let liste: [(nom: String, sql: [String])] = [
        (
            "0001-schema",
            [
                """
                CREATE TABLE organismes (
                    id BIGSERIAL PRIMARY KEY,
                    uai TEXT,
                    siret TEXT NOT NULL,
                    nom TEXT NOT NULL,
                    nature TEXT NOT NULL DEFAULT 'inconnue',
                    code_postal TEXT,
                    code_commune_insee TEXT,
                    commune TEXT,
                    departement TEXT,
                    region TEXT,
                    academie TEXT,
                    reseaux TEXT NOT NULL DEFAULT '',
                    fiable BOOLEAN NOT NULL DEFAULT TRUE,
                    ferme BOOLEAN NOT NULL DEFAULT FALSE,
                    first_transmission_date DOUBLE PRECISION,
                    last_transmission_date DOUBLE PRECISION,
                    last_erp_transmission_date DOUBLE PRECISION,
                    has_transmission_errors BOOLEAN NOT NULL DEFAULT FALSE,
                    transmission_errors_date DOUBLE PRECISION,
                    created_at DOUBLE PRECISION NOT NULL,
                    updated_at DOUBLE PRECISION NOT NULL
                )
                """,
                "CREATE UNIQUE INDEX organismes_uai_siret ON organismes (coalesce(uai, ''), siret)",
                "CREATE INDEX organismes_siret ON organismes (siret)",
                "CREATE INDEX organismes_uai ON organismes (uai)",
                """
                CREATE TABLE organisme_relations (
                    responsable_id BIGINT NOT NULL REFERENCES organismes (id),
                    formateur_id BIGINT NOT NULL REFERENCES organismes (id),
                    responsabilite_partielle BOOLEAN NOT NULL DEFAULT FALSE,
                    PRIMARY KEY (responsable_id, formateur_id)
                )
                """,
                "CREATE INDEX organisme_relations_formateur ON organisme_relations (formateur_id)",
                """
                CREATE TABLE effectifs (
                    id BIGSERIAL PRIMARY KEY,
                    organisme_id BIGINT NOT NULL REFERENCES organismes (id),
                    organisme_responsable_id BIGINT NOT NULL REFERENCES organismes (id),
                    annee_scolaire TEXT NOT NULL,
                    id_erp_apprenant TEXT NOT NULL,
                    source TEXT NOT NULL,
                    source_organisme_id BIGINT NOT NULL REFERENCES organismes (id),
                    nom TEXT NOT NULL,
                    prenom TEXT NOT NULL,
                    date_de_naissance TEXT NOT NULL,
                    formation_cfd TEXT,
                    formation_rncp TEXT,
                    formation_annee BIGINT,
                    date_entree TEXT NOT NULL,
                    date_fin TEXT NOT NULL,
                    parcours TEXT NOT NULL,
                    record TEXT NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL,
                    updated_at DOUBLE PRECISION NOT NULL,
                    transmitted_at DOUBLE PRECISION NOT NULL,
                    version BIGINT NOT NULL,
                    UNIQUE (organisme_id, annee_scolaire, id_erp_apprenant)
                )
                """,
                "CREATE INDEX effectifs_version ON effectifs (version)",
                """
                CREATE TABLE transmissions (
                    id BIGSERIAL PRIMARY KEY,
                    lot_id TEXT NOT NULL,
                    item_index BIGINT NOT NULL,
                    recu_le DOUBLE PRECISION NOT NULL,
                    source TEXT NOT NULL,
                    source_organisme_id BIGINT NOT NULL REFERENCES organismes (id),
                    cle_api_id BIGINT,
                    id_erp_apprenant TEXT,
                    formateur_uai TEXT,
                    formateur_siret TEXT,
                    accepte BOOLEAN NOT NULL,
                    erreurs TEXT NOT NULL,
                    effectif_id BIGINT REFERENCES effectifs (id),
                    organisme_id BIGINT REFERENCES organismes (id),
                    donnees TEXT NOT NULL
                )
                """,
                "CREATE INDEX transmissions_source ON transmissions (source_organisme_id, recu_le)",
                "CREATE INDEX transmissions_lot ON transmissions (lot_id)",
                """
                CREATE TABLE cles_api (
                    id BIGSERIAL PRIMARY KEY,
                    organisme_id BIGINT NOT NULL REFERENCES organismes (id),
                    hash TEXT NOT NULL UNIQUE,
                    created_at DOUBLE PRECISION NOT NULL,
                    last_used_at DOUBLE PRECISION,
                    revoked_at DOUBLE PRECISION
                )
                """,
                "CREATE INDEX cles_api_organisme ON cles_api (organisme_id)",
                """
                CREATE TABLE organisations (
                    id BIGSERIAL PRIMARY KEY,
                    type TEXT NOT NULL,
                    nom TEXT NOT NULL,
                    organisme_id BIGINT REFERENCES organismes (id),
                    region TEXT,
                    departement TEXT,
                    academie TEXT,
                    reseau TEXT,
                    created_at DOUBLE PRECISION NOT NULL
                )
                """,
                """
                CREATE UNIQUE INDEX organisations_ancrage ON organisations (
                    type, coalesce(organisme_id, 0), coalesce(region, ''), coalesce(departement, ''),
                    coalesce(academie, ''), coalesce(reseau, ''), (CASE WHEN type = 'MISSION_LOCALE' THEN nom ELSE '' END))
                """,
                """
                CREATE TABLE utilisateurs (
                    id BIGSERIAL PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    nom TEXT NOT NULL,
                    prenom TEXT NOT NULL,
                    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
                    role TEXT NOT NULL,
                    statut TEXT NOT NULL,
                    hash_mot_de_passe TEXT NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL
                )
                """,
                "CREATE INDEX utilisateurs_organisation ON utilisateurs (organisation_id)",
                """
                CREATE TABLE jetons (
                    id BIGSERIAL PRIMARY KEY,
                    type TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE,
                    email TEXT NOT NULL,
                    utilisateur_id BIGINT REFERENCES utilisateurs (id),
                    organisation_id BIGINT REFERENCES organisations (id),
                    role TEXT,
                    expire_le DOUBLE PRECISION NOT NULL,
                    utilise_le DOUBLE PRECISION
                )
                """,
                """
                CREATE TABLE sessions (
                    id BIGSERIAL PRIMARY KEY,
                    hash TEXT NOT NULL UNIQUE,
                    utilisateur_id BIGINT NOT NULL REFERENCES utilisateurs (id),
                    expire_le DOUBLE PRECISION NOT NULL,
                    revoquee_le DOUBLE PRECISION,
                    incarnation_id BIGINT REFERENCES organisations (id)
                )
                """,
                "CREATE INDEX sessions_utilisateur ON sessions (utilisateur_id)",
                """
                CREATE TABLE tentatives_connexion (
                    ip TEXT NOT NULL,
                    email TEXT NOT NULL,
                    reussie BOOLEAN NOT NULL,
                    le DOUBLE PRECISION NOT NULL
                )
                """,
                "CREATE INDEX tentatives_ip ON tentatives_connexion (ip, le)",
                "CREATE INDEX tentatives_email ON tentatives_connexion (email, le)",
                """
                CREATE TABLE courriels (
                    id BIGSERIAL PRIMARY KEY,
                    destinataire TEXT NOT NULL,
                    sujet TEXT NOT NULL,
                    corps TEXT NOT NULL,
                    cree_le DOUBLE PRECISION NOT NULL,
                    envoye_le DOUBLE PRECISION,
                    erreur TEXT
                )
                """,
                """
                CREATE TABLE journal (
                    id BIGSERIAL PRIMARY KEY,
                    le DOUBLE PRECISION NOT NULL,
                    acteur_id BIGINT,
                    acteur_email TEXT,
                    action TEXT NOT NULL,
                    detail TEXT NOT NULL
                )
                """,
                "CREATE TABLE parametres (cle TEXT PRIMARY KEY, valeur TEXT NOT NULL)",
                """
                CREATE TABLE formations (
                    id BIGSERIAL PRIMARY KEY,
                    cfd TEXT,
                    rncp TEXT,
                    libelle TEXT NOT NULL,
                    niveau BIGINT
                )
                """,
                "CREATE UNIQUE INDEX formations_codes ON formations (coalesce(cfd, ''), coalesce(rncp, ''))",
                "CREATE TABLE versions (nom TEXT PRIMARY KEY, valeur BIGINT NOT NULL)",
                "INSERT INTO versions (nom, valeur) VALUES ('effectifs', 0), ('organismes', 1)",
            ]
        ),
        // No query ever looked transmissions up by batch: the index only cost every batch 2000 insertions.
        ("0002-sans-index-transmissions-lot", ["DROP INDEX IF EXISTS transmissions_lot"]),
        // Issue 11: sign-in dates for the inactivity rule; sent mails lose the links they still held.
        (
            "0003-comptes-securite",
            [
                "ALTER TABLE utilisateurs ADD COLUMN derniere_connexion_le DOUBLE PRECISION",
                "ALTER TABLE utilisateurs ADD COLUMN reactive_le DOUBLE PRECISION",
                "ALTER TABLE utilisateurs ADD COLUMN inactivite_avertie_le DOUBLE PRECISION",
                "CREATE INDEX jetons_utilisateur ON jetons (utilisateur_id)",
                #"UPDATE courriels SET corps = regexp_replace(corps, '[^ \n]*jeton=[^ \n]*', '[lien retiré après envoi]', 'g') WHERE envoye_le IS NOT NULL"#,
            ]
        ),
        // Retention and erasure (F21, F22): items as sent still to empty, erased learners (a key fingerprint, no
        // name), the journal searched by date.
        (
            "0004-donnees-retention",
            [
                "CREATE INDEX transmissions_donnees ON transmissions (recu_le) WHERE donnees <> ''",
                """
                CREATE TABLE effacements (
                    id BIGSERIAL PRIMARY KEY,
                    le DOUBLE PRECISION NOT NULL,
                    effectif_id BIGINT NOT NULL,
                    version BIGINT NOT NULL,
                    organisme_id BIGINT NOT NULL,
                    annee_scolaire TEXT NOT NULL,
                    empreinte TEXT NOT NULL,
                    revenu_le DOUBLE PRECISION
                )
                """,
                "CREATE INDEX effacements_a_surveiller ON effacements (id) WHERE revenu_le IS NULL",
                "CREATE INDEX journal_le ON journal (le)",
            ]
        ),
        // Rate-limit counters by (kind, key, fixed window); sign-in failures looked up by (e-mail, address) pair.
        (
            "0005-portes-limites",
            [
                """
                CREATE TABLE compteurs_limites (
                    genre TEXT NOT NULL,
                    cle TEXT NOT NULL,
                    fenetre BIGINT NOT NULL,
                    nombre BIGINT NOT NULL,
                    expire_le DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (genre, cle, fenetre)
                )
                """,
                "CREATE INDEX compteurs_limites_expiration ON compteurs_limites (expire_le)",
                "CREATE INDEX tentatives_paire ON tentatives_connexion (email, ip, le)",
            ]
        ),
        // Issue 13: API keys get a name, a prefix kept in clear, and the instant of their last batch.
        (
            "0007-cles-api-noms",
            [
                "ALTER TABLE cles_api ADD COLUMN nom TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE cles_api ADD COLUMN prefixe TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE cles_api ADD COLUMN derniere_transmission_le DOUBLE PRECISION",
            ]
        ),
        // Issue 14: the missions locales' référentiel and their cases, each with an append-only history. A case is
        // derived from its effectif and goes with it (erasure).
        (
            "0008-missions-locales-suivis",
            [
                """
                CREATE TABLE missions_locales (
                    code TEXT PRIMARY KEY,
                    nom TEXT NOT NULL,
                    siret TEXT,
                    email TEXT,
                    telephone TEXT,
                    site_web TEXT,
                    adresse TEXT,
                    code_postal TEXT,
                    commune TEXT,
                    departement TEXT,
                    region TEXT,
                    communes TEXT NOT NULL DEFAULT '',
                    codes_postaux TEXT NOT NULL DEFAULT '',
                    rdv_url TEXT,
                    email_notifications TEXT,
                    created_at DOUBLE PRECISION NOT NULL,
                    updated_at DOUBLE PRECISION NOT NULL
                )
                """,
                "ALTER TABLE organisations ADD COLUMN mission_locale TEXT",
                "INSERT INTO versions (nom, valeur) VALUES ('missions_locales', 0), ('suivis', 0)",
                """
                CREATE TABLE suivis (
                    id BIGSERIAL PRIMARY KEY,
                    effectif_id BIGINT NOT NULL UNIQUE REFERENCES effectifs (id) ON DELETE CASCADE,
                    mission_locale TEXT,
                    organisme_id BIGINT NOT NULL,
                    rupture TEXT,
                    nom TEXT NOT NULL,
                    prenom TEXT NOT NULL,
                    date_de_naissance TEXT NOT NULL,
                    rqth BOOLEAN NOT NULL,
                    commune_insee TEXT,
                    code_postal TEXT,
                    formation_cfd TEXT,
                    formation_rncp TEXT,
                    parcours TEXT NOT NULL,
                    version BIGINT NOT NULL DEFAULT 0,
                    cree_le DOUBLE PRECISION NOT NULL,
                    dernier_resultat TEXT,
                    rupture_du_resultat TEXT,
                    resultat_le DOUBLE PRECISION,
                    premier_resultat_le DOUBLE PRECISION,
                    pris_en_charge BOOLEAN NOT NULL DEFAULT FALSE
                )
                """,
                "CREATE INDEX suivis_mission_locale ON suivis (mission_locale)",
                """
                CREATE TABLE suivis_evenements (
                    id BIGSERIAL PRIMARY KEY,
                    suivi_id BIGINT NOT NULL REFERENCES suivis (id) ON DELETE CASCADE,
                    le DOUBLE PRECISION NOT NULL,
                    genre TEXT NOT NULL,
                    auteur TEXT NOT NULL,
                    organisation TEXT,
                    rupture TEXT,
                    resultat TEXT,
                    commentaire TEXT,
                    deja_connu BOOLEAN NOT NULL DEFAULT FALSE,
                    de TEXT,
                    vers TEXT
                )
                """,
                "CREATE INDEX suivis_evenements_suivi ON suivis_evenements (suivi_id)",
            ]
        ),
        // Issue 14: a CFA's users choose to be shown to the missions locales as contacts of their organisme.
        (
            "0009-contacts-missions-locales",
            ["ALTER TABLE utilisateurs ADD COLUMN contact_missions_locales BOOLEAN NOT NULL DEFAULT FALSE"]
        ),
        // Issue 15: the young people's personal pages — one working token per case (its hash), their answers in the
        // history and on the case, and the missions locales' setting to invite new cases automatically.
        (
            "0010-invitations-jeunes",
            [
                """
                CREATE TABLE invitations_jeunes (
                    suivi_id BIGINT PRIMARY KEY REFERENCES suivis (id) ON DELETE CASCADE,
                    jeton_hash TEXT NOT NULL UNIQUE,
                    email TEXT NOT NULL,
                    envoyee_le DOUBLE PRECISION NOT NULL,
                    expire_le DOUBLE PRECISION NOT NULL
                )
                """,
                "ALTER TABLE suivis ADD COLUMN reponse_jeune TEXT, ADD COLUMN reponse_jeune_le DOUBLE PRECISION",
                """
                ALTER TABLE suivis_evenements ADD COLUMN email TEXT, ADD COLUMN reponse_jeune TEXT,
                    ADD COLUMN telephone TEXT
                """,
                "CREATE INDEX suivis_evenements_reponses_jeunes ON suivis_evenements (le) WHERE genre = 'REPONSE_JEUNE'",
                "ALTER TABLE missions_locales ADD COLUMN inviter_jeunes_depuis DOUBLE PRECISION",
            ]
        ),
        // Issue 14: every write of a case gets the next change number (`seq`), every deletion leaves its number in
        // `suivis_retraits`: each instance keeps the cases in memory and reads only what changed since it last looked.
        // The counter's row lock is held to the commit, so numbers become visible in order (a reader never skips
        // one committed late); writers of cases take it before any case row (see `verrouillerSuivis`).
        (
            "0011-suivis-sequence",
            [
                "ALTER TABLE suivis ADD COLUMN seq BIGINT NOT NULL DEFAULT 0",
                "UPDATE suivis SET seq = id",
                "INSERT INTO versions (nom, valeur) SELECT 'suivis_seq', coalesce(max(id), 0) FROM suivis",
                "CREATE INDEX suivis_seq ON suivis (seq)",
                "CREATE TABLE suivis_retraits (seq BIGINT PRIMARY KEY, suivi_id BIGINT NOT NULL)",
                """
                CREATE FUNCTION suivis_numeroter() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- The derivation of a batch reserves its numbers at once and writes them itself.
                    IF (TG_OP = 'INSERT' AND NEW.seq <> 0) OR (TG_OP = 'UPDATE' AND NEW.seq <> OLD.seq) THEN
                        RETURN NEW;
                    END IF;
                    UPDATE versions SET valeur = valeur + 1 WHERE nom = 'suivis_seq' RETURNING valeur INTO NEW.seq;
                    RETURN NEW;
                END $$
                """,
                """
                CREATE TRIGGER suivis_numeroter BEFORE INSERT OR UPDATE ON suivis
                FOR EACH ROW EXECUTE FUNCTION suivis_numeroter()
                """,
                """
                CREATE FUNCTION suivis_retirer() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE n BIGINT;
                BEGIN
                    UPDATE versions SET valeur = valeur + 1 WHERE nom = 'suivis_seq' RETURNING valeur INTO n;
                    INSERT INTO suivis_retraits (seq, suivi_id) VALUES (n, OLD.id);
                    RETURN OLD;
                END $$
                """,
                "CREATE TRIGGER suivis_retirer AFTER DELETE ON suivis FOR EACH ROW EXECUTE FUNCTION suivis_retirer()",
            ]
        ),
        // Issue 15: a CFA asks a mission locale to support a young person and both comment the case; each side's
        // reading of a case's history is kept, to count what it has not read yet.
        (
            "0012-collaborations",
            [
                "ALTER TABLE suivis ADD COLUMN demande_cfa_le DOUBLE PRECISION",
                "ALTER TABLE suivis_evenements ADD COLUMN details TEXT",
                "ALTER TABLE suivis_evenements ADD COLUMN cote TEXT NOT NULL DEFAULT 'SERVICE'",
                "UPDATE suivis_evenements SET cote = 'ML' WHERE genre = 'RESULTAT'",
                """
                CREATE TABLE suivis_lectures (
                    suivi_id BIGINT NOT NULL REFERENCES suivis (id) ON DELETE CASCADE,
                    cote TEXT NOT NULL,
                    evenement_id BIGINT NOT NULL,
                    PRIMARY KEY (suivi_id, cote)
                )
                """,
                "DROP INDEX suivis_mission_locale",
                "CREATE INDEX suivis_evenements_cote ON suivis_evenements (cote, suivi_id)",
                "CREATE INDEX suivis_evenements_le ON suivis_evenements (le)",
            ]
        ),
        // Issue 15: the job runner (leases, runs), notification preferences, HTML and unique keys in the outbox.
        ("0013-taches-notifications", MigrationTachesPostgres.sql),
        // Issue 15: a CFA's choice to have its requests sent for it after N days of rupture.
        (
            "0014-envoi-automatique",
            [
                """
                CREATE TABLE envoi_automatique (
                    organisme_id BIGINT PRIMARY KEY REFERENCES organismes (id) ON DELETE CASCADE,
                    actif BOOLEAN NOT NULL,
                    jours INTEGER NOT NULL,
                    modifie_le DOUBLE PRECISION NOT NULL
                )
                """
            ]
        ),
        // Issue 15: a rupture declared by the CFA before its ERP sends it; the case follows it until then.
        ("0015-ruptures-declarees", ["ALTER TABLE suivis ADD COLUMN rupture_declaree TEXT"]),
        // Issue 16: the trades (ROME codes) of the formations, the CFAs' public settings for companies, the anonymous
        // count of companies' searches (no IP, nothing about who searched).
        (
            "0016-entreprises-metiers",
            [
                "ALTER TABLE formations ADD COLUMN codes_rome TEXT",
                """
                CREATE TABLE contacts_publics (
                    organisme_id BIGINT PRIMARY KEY REFERENCES organismes (id) ON DELETE CASCADE,
                    visible BOOLEAN NOT NULL,
                    courriel TEXT,
                    telephone TEXT,
                    modifie_le DOUBLE PRECISION NOT NULL
                )
                """,
                """
                CREATE TABLE recherches_entreprises (
                    mois TEXT NOT NULL,
                    code_rome TEXT NOT NULL,
                    type_territoire TEXT NOT NULL,
                    code_territoire TEXT NOT NULL,
                    nombre BIGINT NOT NULL,
                    PRIMARY KEY (mois, code_rome, type_territoire, code_territoire)
                )
                """,
            ]
        ),
        // Issue 16: companies' requests to CFAs (waiting for the e-mail confirmation, then in the CFA's inbox) and
        // their history.
        (
            "0017-demandes-entreprises",
            [
                """
                CREATE TABLE demandes_entreprises (
                    id BIGSERIAL PRIMARY KEY,
                    organisme_id BIGINT NOT NULL REFERENCES organismes (id) ON DELETE CASCADE,
                    entreprise TEXT NOT NULL,
                    siret TEXT NOT NULL,
                    contact TEXT NOT NULL,
                    email TEXT NOT NULL,
                    telephone TEXT NOT NULL,
                    rome TEXT,
                    metier TEXT NOT NULL,
                    postes BIGINT NOT NULL,
                    debut TEXT NOT NULL,
                    message TEXT NOT NULL,
                    jeton_hash TEXT NOT NULL UNIQUE,
                    expire_le DOUBLE PRECISION NOT NULL,
                    deposee_le DOUBLE PRECISION NOT NULL,
                    confirmee_le DOUBLE PRECISION,
                    statut TEXT NOT NULL DEFAULT 'NOUVELLE',
                    version BIGINT NOT NULL DEFAULT 0,
                    premiere_reponse_le DOUBLE PRECISION,
                    pourvue_le DOUBLE PRECISION
                )
                """,
                "CREATE INDEX demandes_entreprises_organisme ON demandes_entreprises (organisme_id, confirmee_le)",
                "CREATE INDEX demandes_entreprises_confirmee ON demandes_entreprises (confirmee_le)",
                """
                CREATE TABLE demandes_entreprises_evenements (
                    id BIGSERIAL PRIMARY KEY,
                    demande_id BIGINT NOT NULL REFERENCES demandes_entreprises (id) ON DELETE CASCADE,
                    le DOUBLE PRECISION NOT NULL,
                    genre TEXT NOT NULL,
                    auteur TEXT NOT NULL,
                    statut TEXT,
                    texte TEXT
                )
                """,
                "CREATE INDEX demandes_entreprises_evenements_demande ON demandes_entreprises_evenements (demande_id, id)",
            ]
        ),
        // Which cases hold news a side has not read (see the SQLite migration 0021).
        (
            "0018-suivis-non-lus",
            [
                """
                CREATE TABLE suivis_non_lus (
                    suivi_id BIGINT NOT NULL REFERENCES suivis (id) ON DELETE CASCADE,
                    cote TEXT NOT NULL,
                    organisme_id BIGINT NOT NULL,
                    mission_locale TEXT,
                    PRIMARY KEY (suivi_id, cote)
                )
                """,
                "CREATE INDEX suivis_non_lus_organisme ON suivis_non_lus (cote, organisme_id)",
                "CREATE INDEX suivis_non_lus_mission_locale ON suivis_non_lus (cote, mission_locale)",
            ]
                + EvenementSuivi.Cote.lecteurs.map { cote in
                    let ecrivains = EvenementSuivi.Cote.autres(que: cote).map { "'\($0.rawValue)'" }
                    return """
                        INSERT INTO suivis_non_lus (suivi_id, cote, organisme_id, mission_locale)
                        SELECT DISTINCT s.id, '\(cote.rawValue)', s.organisme_id, s.mission_locale
                        FROM suivis_evenements e JOIN suivis s ON s.id = e.suivi_id
                        LEFT JOIN suivis_lectures l ON l.suivi_id = e.suivi_id AND l.cote = '\(cote.rawValue)'
                        WHERE e.cote IN (\(ecrivains.joined(separator: ", "))) AND e.id > coalesce(l.evenement_id, 0)
                            AND e.genre IN (\(EvenementSuivi.genresLusSQL(par: cote)))
                        """
                }
        ),
    ]
}

extension PostgresStore {
    /// Applies the pending migrations in one transaction under an advisory lock.
    public func migrer() async throws {
        try await transaction { c in
            try await c.executer("SELECT pg_advisory_xact_lock(\(MigrationsPostgres.verrou))")
            try await c.executer(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (nom TEXT PRIMARY KEY, appliquee_le TIMESTAMPTZ NOT NULL DEFAULT now())
                """)
            let faites = Set(
                try await c.lignes("SELECT nom FROM schema_migrations") {
                    try LignePG($0, table: "schema_migrations", id: "nom").exiger("nom", String.self)
                })
            for m in MigrationsPostgres.liste where !faites.contains(m.nom) {
                for sql in m.sql { try await c.executer(PostgresQuery(unsafeSQL: sql)) }
                try await c.executer("INSERT INTO schema_migrations (nom) VALUES (\(m.nom))")
            }
        }
    }
}

extension PostgresStore {
    /// The names of the migrations applied, in order.
    public func migrationsAppliquees() async throws -> [String] {
        try await lignes("SELECT nom FROM schema_migrations ORDER BY nom") {
            try LignePG($0, table: "schema_migrations", id: "nom").exiger("nom", String.self)
        }
    }
}

import PostgresNIO

/// Numbered, append-only schema changes of the PostgreSQL database. A shipped migration is never edited: add the
/// next one. Instances starting together serialise on an advisory lock: one migrates, the others then see it done.
enum MigrationsPostgres {
    static let verrou: Int64 = 7_286_001

    static let liste: [(nom: String, sql: [String])] = socle + suivis + entreprises + suivisNonLus

    /// The service's first tables: organismes, effectifs, transmissions, accounts, retention, limits, API keys.
    static let socle: [(nom: String, sql: [String])] = [
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

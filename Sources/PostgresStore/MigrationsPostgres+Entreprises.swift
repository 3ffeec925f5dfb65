import PostgresNIO

extension MigrationsPostgres {
    /// Companies that recruit apprentices (issue 16): trades, public settings, search counts, requests.
    static let entreprises: [(nom: String, sql: [String])] = [
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
    ]
}

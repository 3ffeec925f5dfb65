import Domain
import PostgresNIO

extension MigrationsPostgres {
    /// The missions locales and their cases, the collaboration with the CFAs, the jobs (issues 13 to 15).
    static let suivis: [(nom: String, sql: [String])] = [
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
    ]

    /// The cases with news a side has not read (after the companies' migrations, in number order).
    static let suivisNonLus: [(nom: String, sql: [String])] = [
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
        )
    ]
}

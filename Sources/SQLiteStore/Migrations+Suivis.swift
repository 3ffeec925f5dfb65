import Domain
import GRDB
import Outils

extension Migrations {
    /// The missions locales and their cases, the collaboration with the CFAs, the jobs (issues 13 to 15).
    static func suivis(_ m: inout DatabaseMigrator) {
        // Issue 14: the missions locales' référentiel and their cases, each with an append-only history. A case is
        // derived from its effectif and goes with it (erasure).
        m.registerMigration("0011-missions-locales-suivis") { db in
            try db.execute(
                sql: """
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
                        created_at REAL NOT NULL,
                        updated_at REAL NOT NULL
                    ) WITHOUT ROWID;
                    ALTER TABLE organisations ADD COLUMN mission_locale TEXT;
                    INSERT INTO versions (nom, valeur) VALUES ('missions_locales', 0), ('suivis', 0);
                    CREATE TABLE suivis (
                        id INTEGER PRIMARY KEY,
                        effectif_id INTEGER NOT NULL UNIQUE REFERENCES effectifs (id) ON DELETE CASCADE,
                        mission_locale TEXT,
                        organisme_id INTEGER NOT NULL,
                        rupture TEXT,
                        nom TEXT NOT NULL,
                        prenom TEXT NOT NULL,
                        date_de_naissance TEXT NOT NULL,
                        rqth INTEGER NOT NULL,
                        commune_insee TEXT,
                        code_postal TEXT,
                        formation_cfd TEXT,
                        formation_rncp TEXT,
                        parcours TEXT NOT NULL,
                        version INTEGER NOT NULL DEFAULT 0,
                        cree_le REAL NOT NULL,
                        dernier_resultat TEXT,
                        rupture_du_resultat TEXT,
                        resultat_le REAL,
                        premier_resultat_le REAL,
                        pris_en_charge INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX suivis_mission_locale ON suivis (mission_locale);
                    CREATE TABLE suivis_evenements (
                        id INTEGER PRIMARY KEY,
                        suivi_id INTEGER NOT NULL REFERENCES suivis (id) ON DELETE CASCADE,
                        le REAL NOT NULL,
                        genre TEXT NOT NULL,
                        auteur TEXT NOT NULL,
                        organisation TEXT,
                        rupture TEXT,
                        resultat TEXT,
                        commentaire TEXT,
                        deja_connu INTEGER NOT NULL DEFAULT 0,
                        de TEXT,
                        vers TEXT
                    );
                    CREATE INDEX suivis_evenements_suivi ON suivis_evenements (suivi_id);
                    """)
        }
        // Issue 14: a CFA's users choose to be shown to the missions locales as contacts of their organisme.
        m.registerMigration("0012-contacts-missions-locales") { db in
            try db.execute(
                sql: "ALTER TABLE utilisateurs ADD COLUMN contact_missions_locales INTEGER NOT NULL DEFAULT 0")
        }
        // Issue 15: the young people's personal pages — one working token per case (its hash), their answers in the
        // history and on the case, and the missions locales' setting to invite new cases automatically.
        m.registerMigration("0013-invitations-jeunes") { db in
            try db.execute(
                sql: """
                    CREATE TABLE invitations_jeunes (
                        suivi_id INTEGER PRIMARY KEY REFERENCES suivis (id) ON DELETE CASCADE,
                        jeton_hash TEXT NOT NULL UNIQUE,
                        email TEXT NOT NULL,
                        envoyee_le REAL NOT NULL,
                        expire_le REAL NOT NULL
                    );
                    ALTER TABLE suivis ADD COLUMN reponse_jeune TEXT;
                    ALTER TABLE suivis ADD COLUMN reponse_jeune_le REAL;
                    ALTER TABLE suivis_evenements ADD COLUMN email TEXT;
                    ALTER TABLE suivis_evenements ADD COLUMN reponse_jeune TEXT;
                    ALTER TABLE suivis_evenements ADD COLUMN telephone TEXT;
                    CREATE INDEX suivis_evenements_reponses_jeunes ON suivis_evenements (le) WHERE genre = 'REPONSE_JEUNE';
                    ALTER TABLE missions_locales ADD COLUMN inviter_jeunes_depuis REAL;
                    """)
        }
        // Issue 14: every write of a case gets the next change number (`seq`), every deletion leaves its number in
        // `suivis_retraits`: each instance keeps the cases in memory and reads only what changed since it last looked.
        // Triggers number every path that writes a case (histories, erasure by cascade); the derivation of a batch
        // reserves its numbers at once and writes them itself (a trigger per row would cost a batch 15 %).
        m.registerMigration("0014-suivis-sequence") { db in
            try db.execute(
                sql: """
                    ALTER TABLE suivis ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
                    UPDATE suivis SET seq = id;
                    INSERT INTO versions (nom, valeur) SELECT 'suivis_seq', ifnull(max(id), 0) FROM suivis;
                    CREATE INDEX suivis_seq ON suivis (seq);
                    CREATE TABLE suivis_retraits (seq INTEGER PRIMARY KEY, suivi_id INTEGER NOT NULL);
                    CREATE TRIGGER suivis_seq_ajout AFTER INSERT ON suivis WHEN new.seq = 0 BEGIN
                        UPDATE versions SET valeur = valeur + 1 WHERE nom = 'suivis_seq';
                        UPDATE suivis SET seq = (SELECT valeur FROM versions WHERE nom = 'suivis_seq') WHERE id = new.id;
                    END;
                    CREATE TRIGGER suivis_seq_modification AFTER UPDATE ON suivis WHEN new.seq = old.seq BEGIN
                        UPDATE versions SET valeur = valeur + 1 WHERE nom = 'suivis_seq';
                        UPDATE suivis SET seq = (SELECT valeur FROM versions WHERE nom = 'suivis_seq') WHERE id = new.id;
                    END;
                    CREATE TRIGGER suivis_seq_retrait AFTER DELETE ON suivis BEGIN
                        UPDATE versions SET valeur = valeur + 1 WHERE nom = 'suivis_seq';
                        INSERT INTO suivis_retraits (seq, suivi_id)
                            SELECT valeur, old.id FROM versions WHERE nom = 'suivis_seq';
                    END;
                    """)
        }
        // Issue 15: a CFA asks a mission locale to support a young person and both comment the case; each side's
        // reading of a case's history is kept, to count what it has not read yet. Cases are read from memory (and the
        // unread ones from their events): the index by mission locale only slowed every batch down.
        m.registerMigration("0015-collaborations") { db in
            try db.execute(
                sql: """
                    ALTER TABLE suivis ADD COLUMN demande_cfa_le REAL;
                    ALTER TABLE suivis_evenements ADD COLUMN details TEXT;
                    ALTER TABLE suivis_evenements ADD COLUMN cote TEXT NOT NULL DEFAULT 'SERVICE';
                    UPDATE suivis_evenements SET cote = 'ML' WHERE genre = 'RESULTAT';
                    CREATE TABLE suivis_lectures (
                        suivi_id INTEGER NOT NULL REFERENCES suivis (id) ON DELETE CASCADE,
                        cote TEXT NOT NULL,
                        evenement_id INTEGER NOT NULL,
                        PRIMARY KEY (suivi_id, cote)
                    );
                    DROP INDEX suivis_mission_locale;
                    CREATE INDEX suivis_evenements_cote ON suivis_evenements (cote, suivi_id);
                    CREATE INDEX suivis_evenements_le ON suivis_evenements (le);
                    """)
        }
        // Issue 15: the job runner (leases, runs), notification preferences, HTML and unique keys in the outbox.
        m.registerMigration("0016-taches-notifications") { db in
            try db.execute(sql: MigrationTaches.sqlite)
        }
        // Issue 15: a CFA's choice to have its requests sent for it after N days of rupture.
        m.registerMigration("0017-envoi-automatique") { db in
            try db.execute(
                sql: """
                    CREATE TABLE envoi_automatique (
                        organisme_id INTEGER PRIMARY KEY REFERENCES organismes (id) ON DELETE CASCADE,
                        actif INTEGER NOT NULL,
                        jours INTEGER NOT NULL,
                        modifie_le REAL NOT NULL
                    );
                    """)
        }
        // Issue 15: a rupture declared by the CFA before its ERP sends it; the case follows it until then.
        m.registerMigration("0018-ruptures-declarees") { db in
            try db.execute(sql: "ALTER TABLE suivis ADD COLUMN rupture_declaree TEXT")
        }
    }

    /// The cases with news a side has not read (after the companies' migrations, in number order).
    static func suivisNonLus(_ m: inout DatabaseMigrator) {
        // Which cases hold news a side has not read, with the case's organisme and mission locale: the unread
        // counter of every page reads only its perimeter's rows (scanning a side's events and their cases cost a
        // CFA with 48,000 cases 160 ms a page). Filled from the events and the read marks.
        m.registerMigration("0021-suivis-non-lus") { db in
            try db.execute(
                sql: """
                    CREATE TABLE suivis_non_lus (
                        suivi_id INTEGER NOT NULL REFERENCES suivis (id) ON DELETE CASCADE,
                        cote TEXT NOT NULL,
                        organisme_id INTEGER NOT NULL,
                        mission_locale TEXT,
                        PRIMARY KEY (suivi_id, cote)
                    );
                    CREATE INDEX suivis_non_lus_organisme ON suivis_non_lus (cote, organisme_id);
                    CREATE INDEX suivis_non_lus_mission_locale ON suivis_non_lus (cote, mission_locale);
                    """)
            for cote in EvenementSuivi.Cote.lecteurs {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO suivis_non_lus (suivi_id, cote, organisme_id, mission_locale)
                        SELECT s.id, ?, s.organisme_id, s.mission_locale FROM suivis_evenements e
                        JOIN suivis s ON s.id = e.suivi_id
                        LEFT JOIN suivis_lectures l ON l.suivi_id = e.suivi_id AND l.cote = ?
                        WHERE e.cote IN (SELECT value FROM json_each(?)) AND e.id > ifnull(l.evenement_id, 0)
                            AND e.genre IN (\(EvenementSuivi.genresLusSQL(par: cote)))
                        """,
                    arguments: [
                        cote.rawValue, cote.rawValue,
                        JSONTexte.ecrire(.liste(EvenementSuivi.Cote.autres(que: cote).map { .texte($0.rawValue) })),
                    ])
            }
        }
    }
}

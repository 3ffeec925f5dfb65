import Domain
import GRDB
import Outils

/// Numbered, append-only schema changes. A shipped migration is never edited: add the next one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("0001-organismes-effectifs-transmissions-cles") { db in
            try db.execute(
                sql: """
                    CREATE TABLE organismes (
                        id INTEGER PRIMARY KEY,
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
                        fiable INTEGER NOT NULL DEFAULT 1,
                        ferme INTEGER NOT NULL DEFAULT 0,
                        first_transmission_date REAL,
                        last_transmission_date REAL,
                        last_erp_transmission_date REAL,
                        has_transmission_errors INTEGER NOT NULL DEFAULT 0,
                        transmission_errors_date REAL,
                        created_at REAL NOT NULL,
                        updated_at REAL NOT NULL
                    );
                    CREATE UNIQUE INDEX organismes_uai_siret ON organismes (ifnull(uai, ''), siret);
                    CREATE INDEX organismes_siret ON organismes (siret);

                    CREATE TABLE organisme_relations (
                        responsable_id INTEGER NOT NULL REFERENCES organismes (id),
                        formateur_id INTEGER NOT NULL REFERENCES organismes (id),
                        responsabilite_partielle INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (responsable_id, formateur_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX organisme_relations_formateur ON organisme_relations (formateur_id);

                    CREATE TABLE effectifs (
                        id INTEGER PRIMARY KEY,
                        organisme_id INTEGER NOT NULL REFERENCES organismes (id),
                        organisme_responsable_id INTEGER NOT NULL REFERENCES organismes (id),
                        annee_scolaire TEXT NOT NULL,
                        id_erp_apprenant TEXT NOT NULL,
                        source TEXT NOT NULL,
                        source_organisme_id INTEGER NOT NULL REFERENCES organismes (id),
                        nom TEXT NOT NULL,
                        prenom TEXT NOT NULL,
                        date_de_naissance TEXT NOT NULL,
                        formation_cfd TEXT,
                        formation_rncp TEXT,
                        formation_annee INTEGER,
                        date_entree TEXT NOT NULL,
                        date_fin TEXT NOT NULL,
                        parcours TEXT NOT NULL,
                        record TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        updated_at REAL NOT NULL,
                        transmitted_at REAL NOT NULL,
                        UNIQUE (organisme_id, annee_scolaire, id_erp_apprenant)
                    );

                    CREATE TABLE transmissions (
                        id INTEGER PRIMARY KEY,
                        lot_id TEXT NOT NULL,
                        item_index INTEGER NOT NULL,
                        recu_le REAL NOT NULL,
                        source TEXT NOT NULL,
                        source_organisme_id INTEGER NOT NULL REFERENCES organismes (id),
                        cle_api_id INTEGER,
                        id_erp_apprenant TEXT,
                        formateur_uai TEXT,
                        formateur_siret TEXT,
                        accepte INTEGER NOT NULL,
                        erreurs TEXT NOT NULL,
                        effectif_id INTEGER REFERENCES effectifs (id),
                        organisme_id INTEGER REFERENCES organismes (id),
                        donnees TEXT NOT NULL
                    );
                    CREATE INDEX transmissions_source ON transmissions (source_organisme_id, recu_le);
                    CREATE INDEX transmissions_lot ON transmissions (lot_id);

                    CREATE TABLE cles_api (
                        id INTEGER PRIMARY KEY,
                        organisme_id INTEGER NOT NULL REFERENCES organismes (id),
                        hash TEXT NOT NULL UNIQUE,
                        created_at REAL NOT NULL,
                        last_used_at REAL,
                        revoked_at REAL
                    );
                    CREATE INDEX cles_api_organisme ON cles_api (organisme_id);
                    """)
        }
        m.registerMigration("0002-comptes-organisations-sessions-journal") { db in
            try db.execute(
                sql: """
                    CREATE TABLE organisations (
                        id INTEGER PRIMARY KEY,
                        type TEXT NOT NULL,
                        nom TEXT NOT NULL,
                        organisme_id INTEGER REFERENCES organismes (id),
                        region TEXT,
                        departement TEXT,
                        academie TEXT,
                        reseau TEXT,
                        created_at REAL NOT NULL
                    );
                    CREATE UNIQUE INDEX organisations_ancrage ON organisations (
                        type, ifnull(organisme_id, 0), ifnull(region, ''), ifnull(departement, ''), ifnull(academie, ''),
                        ifnull(reseau, ''), CASE WHEN type = 'MISSION_LOCALE' THEN nom ELSE '' END);

                    CREATE TABLE utilisateurs (
                        id INTEGER PRIMARY KEY,
                        email TEXT NOT NULL UNIQUE,
                        nom TEXT NOT NULL,
                        prenom TEXT NOT NULL,
                        organisation_id INTEGER NOT NULL REFERENCES organisations (id),
                        role TEXT NOT NULL,
                        statut TEXT NOT NULL,
                        hash_mot_de_passe TEXT NOT NULL,
                        created_at REAL NOT NULL
                    );
                    CREATE INDEX utilisateurs_organisation ON utilisateurs (organisation_id);

                    CREATE TABLE jetons (
                        id INTEGER PRIMARY KEY,
                        type TEXT NOT NULL,
                        hash TEXT NOT NULL UNIQUE,
                        email TEXT NOT NULL,
                        utilisateur_id INTEGER REFERENCES utilisateurs (id),
                        organisation_id INTEGER REFERENCES organisations (id),
                        role TEXT,
                        expire_le REAL NOT NULL,
                        utilise_le REAL
                    );

                    CREATE TABLE sessions (
                        id INTEGER PRIMARY KEY,
                        hash TEXT NOT NULL UNIQUE,
                        utilisateur_id INTEGER NOT NULL REFERENCES utilisateurs (id),
                        expire_le REAL NOT NULL,
                        revoquee_le REAL,
                        incarnation_id INTEGER REFERENCES organisations (id)
                    );
                    CREATE INDEX sessions_utilisateur ON sessions (utilisateur_id);

                    CREATE TABLE tentatives_connexion (
                        ip TEXT NOT NULL,
                        email TEXT NOT NULL,
                        reussie INTEGER NOT NULL,
                        le REAL NOT NULL
                    );
                    CREATE INDEX tentatives_ip ON tentatives_connexion (ip, le);
                    CREATE INDEX tentatives_email ON tentatives_connexion (email, le);

                    CREATE TABLE courriels (
                        id INTEGER PRIMARY KEY,
                        destinataire TEXT NOT NULL,
                        sujet TEXT NOT NULL,
                        corps TEXT NOT NULL,
                        cree_le REAL NOT NULL,
                        envoye_le REAL,
                        erreur TEXT
                    );

                    CREATE TABLE journal (
                        id INTEGER PRIMARY KEY,
                        le REAL NOT NULL,
                        acteur_id INTEGER,
                        acteur_email TEXT,
                        action TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );

                    CREATE TABLE parametres (cle TEXT PRIMARY KEY, valeur TEXT NOT NULL);
                    """)
        }
        m.registerMigration("0003-formations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE formations (
                        id INTEGER PRIMARY KEY,
                        cfd TEXT,
                        rncp TEXT,
                        libelle TEXT NOT NULL,
                        niveau INTEGER
                    );
                    CREATE UNIQUE INDEX formations_codes ON formations (ifnull(cfd, ''), ifnull(rncp, ''));
                    """)
        }
        m.registerMigration("0004-versions") { db in
            try db.execute(
                sql: """
                    ALTER TABLE effectifs ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
                    UPDATE effectifs SET version = id;
                    CREATE INDEX effectifs_version ON effectifs (version);
                    CREATE TABLE versions (nom TEXT PRIMARY KEY, valeur INTEGER NOT NULL);
                    INSERT INTO versions (nom, valeur) VALUES ('effectifs', (SELECT ifnull(max(id), 0) FROM effectifs)),
                        ('organismes', 1);
                    """)
        }
        // No query ever looked transmissions up by batch: the index only cost every batch 2000 insertions.
        m.registerMigration("0005-sans-index-transmissions-lot") { db in
            try db.execute(sql: "DROP INDEX transmissions_lot")
        }
        // Issue 11: sign-in dates for the inactivity rule; sent mails lose the links they still held.
        m.registerMigration("0006-comptes-securite") { db in
            try db.execute(
                sql: """
                    ALTER TABLE utilisateurs ADD COLUMN derniere_connexion_le REAL;
                    ALTER TABLE utilisateurs ADD COLUMN reactive_le REAL;
                    ALTER TABLE utilisateurs ADD COLUMN inactivite_avertie_le REAL;
                    CREATE INDEX jetons_utilisateur ON jetons (utilisateur_id);
                    """)
            let envoyes = try Row.fetchAll(
                db, sql: "SELECT id, corps FROM courriels WHERE envoye_le IS NOT NULL AND corps LIKE '%jeton=%'")
            for r in envoyes {
                let l = LigneLue(r, table: "courriels")
                try db.execute(
                    sql: "UPDATE courriels SET corps = ? WHERE id = ?",
                    arguments: [LiensCourriel.retirer(try l.exiger("corps")), try l.exiger("id", Int64.self)])
            }
        }
        // Retention and erasure (F21, F22): items as sent still to empty, erased learners (a key fingerprint, no
        // name), the journal searched by date.
        m.registerMigration("0007-donnees-retention") { db in
            try db.execute(
                sql: """
                    CREATE INDEX transmissions_donnees ON transmissions (recu_le) WHERE donnees <> '';
                    CREATE TABLE effacements (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        le REAL NOT NULL,
                        effectif_id INTEGER NOT NULL,
                        version INTEGER NOT NULL,
                        organisme_id INTEGER NOT NULL,
                        annee_scolaire TEXT NOT NULL,
                        empreinte TEXT NOT NULL,
                        revenu_le REAL
                    );
                    CREATE INDEX effacements_a_surveiller ON effacements (id) WHERE revenu_le IS NULL;
                    CREATE INDEX journal_le ON journal (le);
                    """)
        }
        // Rate-limit counters by (kind, key, fixed window); sign-in failures looked up by (e-mail, address) pair.
        m.registerMigration("0008-portes-limites") { db in
            try db.execute(
                sql: """
                    CREATE TABLE compteurs_limites (
                        genre TEXT NOT NULL,
                        cle TEXT NOT NULL,
                        fenetre INTEGER NOT NULL,
                        nombre INTEGER NOT NULL,
                        expire_le REAL NOT NULL,
                        PRIMARY KEY (genre, cle, fenetre)
                    );
                    CREATE INDEX compteurs_limites_expiration ON compteurs_limites (expire_le);
                    CREATE INDEX tentatives_paire ON tentatives_connexion (email, ip, le);
                    """)
        }
        // Issue 13: API keys get a name, a prefix kept in clear, and the instant of their last batch.
        m.registerMigration("0010-cles-api-noms") { db in
            try db.execute(
                sql: """
                    ALTER TABLE cles_api ADD COLUMN nom TEXT NOT NULL DEFAULT '';
                    ALTER TABLE cles_api ADD COLUMN prefixe TEXT NOT NULL DEFAULT '';
                    ALTER TABLE cles_api ADD COLUMN derniere_transmission_le REAL;
                    """)
        }
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
        // Issue 16: the trades (ROME codes) of the formations, the CFAs' public settings for companies, the anonymous
        // count of companies' searches (no IP, nothing about who searched).
        m.registerMigration("0019-entreprises-metiers") { db in
            try db.execute(
                sql: """
                    ALTER TABLE formations ADD COLUMN codes_rome TEXT;
                    CREATE TABLE contacts_publics (
                        organisme_id INTEGER PRIMARY KEY REFERENCES organismes (id) ON DELETE CASCADE,
                        visible INTEGER NOT NULL,
                        courriel TEXT,
                        telephone TEXT,
                        modifie_le REAL NOT NULL
                    );
                    CREATE TABLE recherches_entreprises (
                        mois TEXT NOT NULL,
                        code_rome TEXT NOT NULL,
                        type_territoire TEXT NOT NULL,
                        code_territoire TEXT NOT NULL,
                        nombre INTEGER NOT NULL,
                        PRIMARY KEY (mois, code_rome, type_territoire, code_territoire)
                    );
                    """)
        }
        // Issue 16: companies' requests to CFAs (waiting for the e-mail confirmation, then in the CFA's inbox) and
        // their history.
        m.registerMigration("0020-demandes-entreprises") { db in
            try db.execute(
                sql: """
                    CREATE TABLE demandes_entreprises (
                        id INTEGER PRIMARY KEY,
                        organisme_id INTEGER NOT NULL REFERENCES organismes (id) ON DELETE CASCADE,
                        entreprise TEXT NOT NULL,
                        siret TEXT NOT NULL,
                        contact TEXT NOT NULL,
                        email TEXT NOT NULL,
                        telephone TEXT NOT NULL,
                        rome TEXT,
                        metier TEXT NOT NULL,
                        postes INTEGER NOT NULL,
                        debut TEXT NOT NULL,
                        message TEXT NOT NULL,
                        jeton_hash TEXT NOT NULL UNIQUE,
                        expire_le REAL NOT NULL,
                        deposee_le REAL NOT NULL,
                        confirmee_le REAL,
                        statut TEXT NOT NULL DEFAULT 'NOUVELLE',
                        version INTEGER NOT NULL DEFAULT 0,
                        premiere_reponse_le REAL,
                        pourvue_le REAL
                    );
                    CREATE INDEX demandes_entreprises_organisme ON demandes_entreprises (organisme_id, confirmee_le);
                    CREATE INDEX demandes_entreprises_confirmee ON demandes_entreprises (confirmee_le);
                    CREATE TABLE demandes_entreprises_evenements (
                        id INTEGER PRIMARY KEY,
                        demande_id INTEGER NOT NULL REFERENCES demandes_entreprises (id) ON DELETE CASCADE,
                        le REAL NOT NULL,
                        genre TEXT NOT NULL,
                        auteur TEXT NOT NULL,
                        statut TEXT,
                        texte TEXT
                    );
                    CREATE INDEX demandes_entreprises_evenements_demande ON demandes_entreprises_evenements (demande_id, id);
                    """)
        }
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
        return m
    }
}

import Domain
import GRDB

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
        suivis(&m)
        entreprises(&m)
        suivisNonLus(&m)
        return m
    }
}

import Domain
import GRDB

extension Migrations {
    /// Companies that recruit apprentices (issue 16): trades, public settings, search counts, requests.
    static func entreprises(_ m: inout DatabaseMigrator) {
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
    }
}

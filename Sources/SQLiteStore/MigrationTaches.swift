/// Migration 0013 (issue 15): a lease row per job occurrence (taken by one instance, completed once), the recorded
/// runs, each user's notification choices, and the outbox's HTML version and unique key.
enum MigrationTaches {
    static let sqlite = """
        CREATE TABLE taches_baux (
            tache TEXT NOT NULL,
            occurrence REAL NOT NULL,
            titulaire TEXT NOT NULL,
            expire_le REAL NOT NULL,
            terminee_le REAL,
            PRIMARY KEY (tache, occurrence)
        );
        CREATE TABLE taches_executions (
            id INTEGER PRIMARY KEY,
            tache TEXT NOT NULL,
            occurrence REAL NOT NULL,
            titulaire TEXT NOT NULL,
            debut REAL NOT NULL,
            fin REAL NOT NULL,
            resultat TEXT NOT NULL,
            message TEXT NOT NULL,
            comptes TEXT NOT NULL
        );
        CREATE INDEX taches_executions_tache ON taches_executions (tache, id);
        CREATE TABLE preferences_notifications (
            utilisateur_id INTEGER NOT NULL REFERENCES utilisateurs (id),
            genre TEXT NOT NULL,
            active INTEGER NOT NULL,
            PRIMARY KEY (utilisateur_id, genre)
        );
        ALTER TABLE courriels ADD COLUMN html TEXT;
        ALTER TABLE courriels ADD COLUMN cle TEXT;
        CREATE UNIQUE INDEX courriels_cle ON courriels (cle);
        """
}

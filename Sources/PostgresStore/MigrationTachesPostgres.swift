/// Migration 0010 (issue 15): a lease row per job occurrence (taken by one instance, completed once), the recorded
/// runs, each user's notification choices, and the outbox's HTML version and unique key.
enum MigrationTachesPostgres {
    static let sql = [
        """
        CREATE TABLE taches_baux (
            tache TEXT NOT NULL,
            occurrence DOUBLE PRECISION NOT NULL,
            titulaire TEXT NOT NULL,
            expire_le DOUBLE PRECISION NOT NULL,
            terminee_le DOUBLE PRECISION,
            PRIMARY KEY (tache, occurrence)
        )
        """,
        """
        CREATE TABLE taches_executions (
            id BIGSERIAL PRIMARY KEY,
            tache TEXT NOT NULL,
            occurrence DOUBLE PRECISION NOT NULL,
            titulaire TEXT NOT NULL,
            debut DOUBLE PRECISION NOT NULL,
            fin DOUBLE PRECISION NOT NULL,
            resultat TEXT NOT NULL,
            message TEXT NOT NULL,
            comptes TEXT NOT NULL
        )
        """,
        "CREATE INDEX taches_executions_tache ON taches_executions (tache, id)",
        """
        CREATE TABLE preferences_notifications (
            utilisateur_id BIGINT NOT NULL REFERENCES utilisateurs (id),
            genre TEXT NOT NULL,
            active BOOLEAN NOT NULL,
            PRIMARY KEY (utilisateur_id, genre)
        )
        """,
        "ALTER TABLE courriels ADD COLUMN html TEXT",
        "ALTER TABLE courriels ADD COLUMN cle TEXT",
        "CREATE UNIQUE INDEX courriels_cle ON courriels (cle)",
    ]
}

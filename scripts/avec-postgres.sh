#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: installs PostgreSQL from Debian packages when missing, starts a
# server on 127.0.0.1 with its own data directory (owned by the non-root `postgres` user), exports DATABASE_URL,
# runs the command, then stops the server and deletes its data — whatever the command's outcome.
#   scripts/avec-postgres.sh scripts/test.sh
set -euo pipefail

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    echo "→ installation de PostgreSQL (paquets Debian)"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGPORT=${PGPORT:-55433}
PGDATA=$(mktemp -d)

if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PGDATA"
    en_postgres() { runuser -u postgres -- "$@"; }
else
    en_postgres() { "$@"; }
fi

arreter() {
    en_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
}
trap arreter EXIT

en_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
en_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c max_connections=200 -c fsync=on" -w start >/dev/null
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE tdb_test" >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/tdb_test?sslmode=disable"
echo "→ PostgreSQL jetable sur 127.0.0.1:$PGPORT (DATABASE_URL exportée)"
"$@"

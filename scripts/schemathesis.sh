#!/usr/bin/env bash
# Checks that /api/openapi.json describes what the server does: serves a small temporary demo base (an API key, an
# administrator session) on 127.0.0.1 and runs schemathesis (PyPI, installed here when missing) against the served
# document with every check. The compatibility choices of the v3 API are listed in the document's
# `info.description`; the only check settings below are those choices. Builds nothing: takes TDB_BINAIRE or
# .build/debug/tdb. Exits non-zero on any failure. Extra arguments go to `schemathesis run`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${TDB_BINAIRE:-.build/debug/tdb}"
[ -x "$BIN" ] || { echo "binaire introuvable : $BIN (swift build, ou TDB_BINAIRE=…)" >&2; exit 2; }
python3 -c "import schemathesis" 2>/dev/null || python3 -m pip install -q schemathesis
DIR="$(mktemp -d)"
SERVEUR=""
arreter() {
    if [ -n "$SERVEUR" ]; then kill "$SERVEUR" 2>/dev/null || true; wait "$SERVEUR" 2>/dev/null || true; fi
    rm -rf "$DIR"
}
trap arreter EXIT
DB="$DIR/tdb.sqlite"
MDP='Schemathesis-2026!'
"$BIN" demo --database "$DB" --effectifs 2000 >/dev/null
CLE="$("$BIN" api-key create --database "$DB" --uai 0692360R --siret 77976658300115 | tail -1)"
TDB_PASSWORD="$MDP" "$BIN" users create-admin --database "$DB" admin@schemathesis.test >/dev/null
# Port 0: a free port, read from the line the server prints once it listens.
TDB_COUT_BCRYPT=4 TDB_LIMITE_API_V3=100000 "$BIN" serve --database "$DB" --host 127.0.0.1 --port 0 \
    >"$DIR/serveur.log" 2>&1 &
SERVEUR=$!
URL=""
for _ in $(seq 1 300); do
    URL="$(sed -n 's/^tdb écoute sur \(http[^ ]*\).*/\1/p' "$DIR/serveur.log" | head -1)"
    [ -n "$URL" ] && break
    kill -0 "$SERVEUR" 2>/dev/null || { cat "$DIR/serveur.log" >&2; exit 1; }
    sleep 0.2
done
[ -n "$URL" ] || { echo "le serveur n'a pas démarré" >&2; cat "$DIR/serveur.log" >&2; exit 1; }
# The administrator's session cookie, as a browser would get it.
SESSION="$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@schemathesis.test\",\"password\":\"$MDP\"}" "$URL/api/v1/auth/login" \
    | sed -n 's/^[Ss]et-[Cc]ookie: __Host-tdb_session=\([^;]*\).*/\1/p' | head -1)"
[ -n "$SESSION" ] || { echo "connexion de l'administrateur impossible" >&2; exit 1; }
# The documented exceptions (the document's `info.description`, "Écarts assumés"), and nothing else.
cat >"$DIR/schemathesis.toml" <<TOML
# Every check (the command-line \`--checks all\` would override the operations' settings below).
[checks]
enabled = true

[auth.openapi.apiKeyAuth]
bearer = "$CLE"
[auth.openapi.session]
api_key = "$SESSION"

# 1. The API v3 answers 403 without a key, as the national API does (schemathesis expects 401).
[[operations]]
include-path-regex = "^/api/v3/"
checks.missing_required_header.enabled = false

# 2. A batch whose items break the schema is answered 200, each item with its verdict, as the national API does.
[[operations]]
include-path = "/api/v3/dossiers-apprenants"
include-method = "POST"
checks.negative_data_rejection.enabled = false

# 3. debut must precede fin, within 10 years: a constraint between two parameters that no schema can state.
[[operations]]
include-path = "/api/v1/indicateurs/effectifs/evolution"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]

# 4. /metrics answers 404 without the operator's token: its existence is not disclosed.
[[operations]]
include-path = "/metrics"
checks.missing_required_header.enabled = false
TOML
cd "$DIR"
lancer() {
    schemathesis --config-file "$DIR/schemathesis.toml" --no-color run "$URL/api/openapi.json" --url "$URL" \
        --seed 1 "$@"
}
# Signing out ends the session the other operations use: it is tested last, on its own.
lancer --exclude-path /api/v1/auth/logout "$@"
lancer --include-path /api/v1/auth/logout "$@"

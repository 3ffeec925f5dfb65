#!/usr/bin/env bash
# Runs the service on an embedded SQLite database (./data/tdb.sqlite unless TDB_DATABASE says otherwise).
# On the first run it fills it with a demo country (`tdb demo`: the 6,059 real training organisations of the
# référentiel, invented relations, catalogue and 200,000 learners over three school years, about a minute),
# creates an API key for one of them, saved in ./data/cle-api-demo.txt, and the demo accounts (one per organisation
# type, <type>@demo.tdb, and admin@demo.tdb; password TDB_PASSWORD or Demo-Tableau-2026!, see the README) — local
# demo accounts: never expose a demo base. On later runs, missing demo accounts are added (`tdb demo --comptes`).
# Extra arguments go to `tdb serve` (for example --port 8081).
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${TDB_DATABASE:-./data/tdb.sqlite}"
swift build -c release --product tdb
BIN=.build/release/tdb
if [ ! -f "$DB" ]; then
  "$BIN" demo --database "$DB" --effectifs "${TDB_DEMO_EFFECTIFS:-200000}"
  mkdir -p "$(dirname "$DB")"
  "$BIN" api-key create --database "$DB" --uai 0692360R --siret 77976658300115 | tail -1 > "$(dirname "$DB")/cle-api-demo.txt"
  echo "Comptes de démonstration : <type>@demo.tdb et admin@demo.tdb / ${TDB_PASSWORD:-Demo-Tableau-2026!} (voir le README)"
  echo "Clé d'API de démonstration (CSND, Limas, UAI 0692360R, SIRET 77976658300115) : $(cat "$(dirname "$DB")/cle-api-demo.txt")"
else
  "$BIN" demo --comptes --database "$DB" | grep "créé" || true
fi
# Plain HTTP on this machine: browsers accept Secure cookies on 127.0.0.1/localhost, curl does not.
exec "$BIN" serve --database "$DB" "$@"

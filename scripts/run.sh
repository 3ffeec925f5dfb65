#!/usr/bin/env bash
# Runs the service on an embedded SQLite database (./data/tdb.sqlite unless TDB_DATABASE says otherwise).
# On the first run it fills it with a demo country (`tdb demo`: the 6,059 real training organisations of the
# référentiel, invented relations, catalogue and 200,000 learners over three school years, about a minute),
# creates an API key for one of them, saved in ./data/cle-api-demo.txt, and a demo administrator
# (admin@demo.tdb / Demo-Tableau-2026!) — a local demo account: change it before exposing the service.
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
  TDB_PASSWORD='Demo-Tableau-2026!' "$BIN" users create-admin --database "$DB" admin@demo.tdb
  echo "Administrateur de démonstration : admin@demo.tdb / Demo-Tableau-2026!"
  echo "Clé d'API de démonstration (CSND, Limas, UAI 0692360R, SIRET 77976658300115) : $(cat "$(dirname "$DB")/cle-api-demo.txt")"
fi
# Plain HTTP on this machine: browsers accept Secure cookies on 127.0.0.1/localhost, curl does not.
exec "$BIN" serve --database "$DB" "$@"

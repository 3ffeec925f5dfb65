#!/usr/bin/env bash
# Runs the service on an embedded SQLite database (./data/tdb.sqlite unless TDB_DATABASE says otherwise).
# On the first run it imports the demo référentiel (6,059 real training organisations, demo/organismes.csv)
# and creates an API key for one of them, saved in ./data/cle-api-demo.txt.
# Extra arguments go to `tdb serve` (for example --port 8081).
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${TDB_DATABASE:-./data/tdb.sqlite}"
swift build -c release --product tdb
BIN=.build/release/tdb
if [ ! -f "$DB" ]; then
  "$BIN" import organismes --database "$DB" demo/organismes.csv
  mkdir -p "$(dirname "$DB")"
  "$BIN" api-key create --database "$DB" --uai 0692360R --siret 77976658300115 | tail -1 > "$(dirname "$DB")/cle-api-demo.txt"
  echo "Clé d'API de démonstration (CSND, Limas, UAI 0692360R, SIRET 77976658300115) : $(cat "$(dirname "$DB")/cle-api-demo.txt")"
fi
exec "$BIN" serve --database "$DB" "$@"

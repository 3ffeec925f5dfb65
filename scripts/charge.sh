#!/usr/bin/env bash
# Load test of a demo base with wrk (Debian package, installed if missing): the public national page and API under
# a crowd, then ERPs sending batches at the same time as nobody else, and a check that every learner the server
# acknowledged is stored. Prints one table (Markdown) of the figures.
#   scripts/charge.sh [--database data/tdb.sqlite] [--duree 300] [--connexions 200] [--erp 20] [--lot 500]
# The base must be a demo base (`tdb demo`, or the first `scripts/run.sh`); it gains the ERPs' learners and keys.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=data/tdb.sqlite DUREE=300 CONNEXIONS=200 ERP=20 LOT=500
while [ $# -gt 0 ]; do
    case "$1" in
        --database) BASE="$2"; shift 2 ;;
        --duree) DUREE="$2"; shift 2 ;;
        --connexions) CONNEXIONS="$2"; shift 2 ;;
        --erp) ERP="$2"; shift 2 ;;
        --lot) LOT="$2"; shift 2 ;;
        *) echo "option inconnue : $1" >&2; exit 2 ;;
    esac
done
[ -f "$BASE" ] || { echo "base introuvable : $BASE (créez-la avec scripts/run.sh ou tdb demo)" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
    echo "→ installation de wrk (paquet Debian)" >&2
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
# TDB_BINAIRE: an already built tdb (else the release build of this checkout).
if [ -n "${TDB_BINAIRE:-}" ]; then BIN="$TDB_BINAIRE"; else swift build -c release --product tdb >&2; BIN=.build/release/tdb; fi
TRAVAIL=$(mktemp -d)
SERVEUR=""
arreter() { [ -n "$SERVEUR" ] && kill "$SERVEUR" 2>/dev/null && wait "$SERVEUR" 2>/dev/null; [ -n "${CHARGE_GARDER:-}" ] || rm -rf "$TRAVAIL"; }
trap arreter EXIT

# One API key per ERP, each for an organisme of the base that is its own responsable and formateur.
python3 scripts/charge/organismes.py "$BASE" "$ERP" > "$TRAVAIL/organismes.tsv"
: > "$TRAVAIL/erp.lua.data"
while IFS=$'\t' read -r UAI SIRET; do
    CLE=$("$BIN" api-key create --database "$BASE" --uai "$UAI" --siret "$SIRET" | tail -1)
    printf '%s\t%s\t%s\n' "$CLE" "$UAI" "$SIRET" >> "$TRAVAIL/erp.lua.data"
done < "$TRAVAIL/organismes.tsv"

"$BIN" serve --database "$BASE" --host 127.0.0.1 --port 0 > "$TRAVAIL/serve.log" 2> "$TRAVAIL/serve.err" &
SERVEUR=$!
for _ in $(seq 1 600); do
    ADRESSE=$(grep -o 'http://127.0.0.1:[0-9]*' "$TRAVAIL/serve.log" | head -1 || true)
    [ -n "$ADRESSE" ] && break
    kill -0 "$SERVEUR" 2>/dev/null || { cat "$TRAVAIL/serve.err" >&2; exit 1; }
    sleep 0.5
done
[ -n "$ADRESSE" ] || { echo "tdb serve n'a pas démarré" >&2; exit 1; }
echo "→ service sur $ADRESSE ($(python3 scripts/charge/organismes.py "$BASE" 0) effectifs)" >&2

lancer() {  # name, connections, duration, wrk arguments…
    local nom="$1" c="$2" d="$3"; shift 3
    echo "→ $nom : $c connexions pendant $d s" >&2
    wrk -t2 -c"$c" -d"${d}s" --timeout 10s --latency -s scripts/charge/rapport.lua "$@" > "$TRAVAIL/$nom.txt" 2>&1 || true
}
MOITIE=$((CONNEXIONS / 2))
# The public page and API together: half the connections each.
lancer page "$MOITIE" "$DUREE" "$ADRESSE/indicateurs/national" &
PAGE=$!
lancer api "$MOITIE" "$DUREE" "$ADRESSE/api/v1/indicateurs/national"
wait "$PAGE" || true
AVANT=$(python3 scripts/charge/organismes.py "$BASE" 0)
PREFIXE="charge-$(date +%s)"
CHARGE_ERP="$TRAVAIL/erp.lua.data" CHARGE_LOT="$LOT" CHARGE_PREFIXE="$PREFIXE" CHARGE_ACQUITS="$TRAVAIL/acquits" \
    lancer erp "$ERP" "$DUREE" -t"$ERP" -s scripts/charge/erp.lua "$ADRESSE/api/v3/dossiers-apprenants"
kill "$SERVEUR"; wait "$SERVEUR" 2>/dev/null || true; SERVEUR=""
APRES=$(python3 scripts/charge/organismes.py "$BASE" 0)

python3 scripts/charge/tableau.py "$TRAVAIL" "$AVANT" "$APRES" "$CONNEXIONS" "$DUREE" "$ERP" "$LOT" "$BASE" "$PREFIXE"

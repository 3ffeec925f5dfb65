#!/usr/bin/env bash
# Times a restart after a crash, as deploy/tdb.service does it (Restart=always, RestartSec=1): runs `tdb serve` in
# a loop that starts it again one second after it ends, kills it with SIGKILL, and measures how long until
# /api/healthcheck answers 200 again, with the number of effectifs in the index.
#   scripts/redemarrage.sh [--database data/tdb.sqlite] [--port 8089]
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=data/tdb.sqlite PORT=8089
while [ $# -gt 0 ]; do
    case "$1" in
        --database) BASE="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        *) echo "option inconnue : $1" >&2; exit 2 ;;
    esac
done
if [ -n "${TDB_BINAIRE:-}" ]; then BIN="$TDB_BINAIRE"; else swift build -c release --product tdb >&2; BIN=.build/release/tdb; fi
URL="http://127.0.0.1:$PORT/api/healthcheck"
( while true; do "$BIN" serve --database "$BASE" --host 127.0.0.1 --port "$PORT" >/dev/null 2>&1 || true; sleep 1; done ) &
SUPERVISEUR=$!
trap 'kill $SUPERVISEUR 2>/dev/null; pkill -f "tdb serve --database $BASE --host 127.0.0.1 --port $PORT" || true' EXIT
attendre() {
    local debut=$1
    until curl -sf "$URL" >/dev/null 2>&1; do sleep 0.1; done
    echo "$(( $(date +%s%N) / 1000000 - debut ))"
}
DEBUT=$(( $(date +%s%N) / 1000000 ))
echo "premier démarrage : $(attendre "$DEBUT") ms"
EFFECTIFS=$(curl -s "$URL" | grep -o '"effectifs":[0-9]*' | cut -d: -f2)
PID=$(pgrep -f "tdb serve --database $BASE --host 127.0.0.1 --port $PORT" | head -1)
DEBUT=$(( $(date +%s%N) / 1000000 ))
kill -9 "$PID"
while curl -sf "$URL" >/dev/null 2>&1; do sleep 0.05; done
echo "après SIGKILL : de nouveau en service en $(attendre "$DEBUT") ms (délai de redémarrage 1 s compris), index de $EFFECTIFS effectifs"

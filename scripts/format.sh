#!/usr/bin/env bash
# Formats every Swift file of the project with swift-format (the toolchain's `swift format`), following the
# `.swift-format` at the root: 4 spaces, 120 columns.
#   scripts/format.sh          formats the files in place
#   scripts/format.sh --check  changes nothing; lists the files that are not formatted and fails if there are any
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t fichiers < <(git ls-files --cached --others --exclude-standard -- '*.swift')
if [ "${1:-}" != "--check" ]; then
    swift format format --in-place --parallel --configuration .swift-format "${fichiers[@]}"
    exit 0
fi

copie="$(mktemp -d)"
trap 'rm -rf "$copie"' EXIT
for f in "${fichiers[@]}"; do
    mkdir -p "$copie/$(dirname "$f")"
    cp "$f" "$copie/$f"
done
cp .swift-format "$copie/"
(cd "$copie" && swift format format --in-place --parallel --configuration .swift-format "${fichiers[@]}")
ecarts=0
for f in "${fichiers[@]}"; do
    if ! cmp -s "$f" "$copie/$f"; then
        echo "pas au format : $f"
        ecarts=$((ecarts + 1))
    fi
done
if [ "$ecarts" -gt 0 ]; then
    echo "$ecarts fichier(s) à formater : lancer scripts/format.sh"
    exit 1
fi
echo "format : ${#fichiers[@]} fichiers Swift conformes à .swift-format"

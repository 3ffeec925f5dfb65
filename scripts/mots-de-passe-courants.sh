#!/usr/bin/env bash
# Regenerates Sources/Domain/Resources/mots-de-passe-courants.txt, the list of common passwords the service
# refuses, from the dictionary of the Debian package cracklib-runtime (/usr/share/dict/cracklib-small,
# LGPL-2.1, © 1993 Alec Muffett and the CrackLib maintainers; see /usr/share/doc/cracklib-runtime/copyright).
# Entries are lower-cased, deduplicated and kept when they have at least 8 characters: a password needs 12, and
# the check also looks at the password without the digits and symbols around it ("Dictionnaire2024!").
set -euo pipefail
cd "$(dirname "$0")/.."
source=/usr/share/dict/cracklib-small
if [ ! -r "$source" ]; then
    echo "installation de cracklib-runtime…" >&2
    apt-get update -qq && apt-get install -y -qq cracklib-runtime >/dev/null
fi
version=$(dpkg-query -W -f='${Version}' cracklib-runtime 2>/dev/null || echo inconnue)
sortie=Sources/Domain/Resources/mots-de-passe-courants.txt
{
    echo "# Mots de passe courants refusés par le service (comparaison sans tenir compte de la casse)."
    echo "# Source : paquet Debian cracklib-runtime $version, /usr/share/dict/cracklib-small"
    echo "# Licence : LGPL-2.1 (CrackLib, © 1993 Alec Muffett, 2005-2015 Nathan Neulinger, 2008-2015 Jan Dittberner)."
    echo "# Généré par scripts/mots-de-passe-courants.sh : mots de 8 caractères ou plus, en minuscules, sans doublon."
    tr '[:upper:]' '[:lower:]' < "$source" | tr -d "\r" | awk 'length($0) >= 8' | LC_ALL=C sort -u
} > "$sortie"
echo "$(grep -vc '^#' "$sortie") mots écrits dans $sortie" >&2

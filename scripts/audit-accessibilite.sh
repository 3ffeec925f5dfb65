#!/usr/bin/env bash
# Installs what the accessibility audit needs (Debian's chromium, playwright and axe-playwright-python from PyPI)
# when missing, then runs it (scripts/audit-accessibilite.py; arguments are passed on).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
python3 -c "import axe_playwright_python, playwright" 2>/dev/null || python3 -m pip install -q playwright axe-playwright-python
python3 scripts/audit-accessibilite.py "$@"

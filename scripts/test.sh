#!/usr/bin/env bash
# The test command of the README and of CI: builds once, then runs every test suite. The e-mail tests talk to a
# real TLS SMTP server written with aiosmtpd and trustme (PyPI), installed here when missing; without them (no
# network), those tests say they are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import aiosmtpd, trustme" 2>/dev/null || python3 -m pip install -q aiosmtpd trustme 2>/dev/null \
    || echo "aiosmtpd/trustme non installés : le test SMTP TLS réel sera ignoré" >&2
swift build --build-tests
swift test --skip-build "$@"

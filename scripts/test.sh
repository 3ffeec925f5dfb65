#!/usr/bin/env bash
# The test command of the README and of CI: builds once, then runs every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build "$@"

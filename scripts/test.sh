#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh machine, then lint, type-check and test.
#   - a virtualenv in .venv with derivetex and its test extras
#   - Debian packages (LuaLaTeX, luatexja, poppler, Chromium) and the pinned node renderers
# Extra arguments go to pytest (e.g. scripts/test.sh -k printer); pytest-xdist spreads the tests
# over every core (-n auto); pass -n 0 to run them in one process.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
bash .ci/install-system.sh

.venv/bin/ruff check src tests bench
.venv/bin/mypy src/derivetex
.venv/bin/python -m pytest -q -n auto "$@"

#!/usr/bin/env bash
# Fresh machine -> the article's example in output/: a virtualenv with derivetex, then one run.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q .
.venv/bin/derivetex derive "$@"

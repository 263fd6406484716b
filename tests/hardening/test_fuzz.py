"""Fuzz ``derivetex verify`` with generated documents (a bounded number in CI; the longer run
is ``bench/fuzz_verify.py``): no traceback, exit 0/1/2, within the budget, under 1 GB."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings

from hardening.fuzzing import check_run, documents


@settings(max_examples=12, database=None)
@given(documents())
def test_verify_survives_generated_documents(document: tuple[str, str]) -> None:
    name, text = document
    with tempfile.TemporaryDirectory() as directory:
        check_run(Path(directory), name, text, strict=True)

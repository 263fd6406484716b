"""The spec documents every renderer test runs over: the README's example and every shipped
spec, in both languages."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import derivetex
from derivetex.specs.shipped import SHIPPED

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "poisson.toml"
LANGS = ("ja", "en")
SPECS: dict[str, Path] = {"poisson": EXAMPLE, **SHIPPED}
CASES = [(name, lang) for name in SPECS for lang in LANGS]
IDS = [f"{name}-{lang}" for name, lang in CASES]


@cache
def spec_document(name: str, lang: str) -> derivetex.Document:
    """Built once per test run: batch checks 36 instances of (N, K) per row."""
    return derivetex.derive(spec=SPECS[name], lang=lang)

"""The spec documents every renderer test runs over: the README's example and every shipped
spec in the rows layout, in both languages (multiclass, in the article layout, renders
through its own templates: tests/render and tests/golden cover it)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import derivetex
from derivetex.specs import load_spec
from derivetex.specs.shipped import SHIPPED

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "poisson.toml"
LANGS = ("ja", "en")
SPECS: dict[str, Path] = {
    "poisson": EXAMPLE,
    **{name: path for name, path in SHIPPED.items() if load_spec(path).layout == "rows"},
}
CASES = [(name, lang) for name in SPECS for lang in LANGS]
IDS = [f"{name}-{lang}" for name, lang in CASES]


@cache
def spec_document(name: str, lang: str) -> derivetex.Document:
    """Built once per test run: batch checks 36 instances of (N, K) per row."""
    return derivetex.derive(spec=SPECS[name], lang=lang)

"""Whole documents compared byte for byte with reviewed golden files.

Update after an intended change, then review every line of the diff before committing:
    .venv/bin/python -m pytest tests/golden --update-golden && git diff tests/golden
"""

from __future__ import annotations

from pathlib import Path

import pytest

import derivetex

FILES = Path(__file__).parent / "files"

CASES = {
    "article.ja": {},
    "article.en": {"lang": "en"},
    "k1.ja": {"K": "1"},
    "k2.en": {"K": "2", "lang": "en"},
    "k5.ja": {"K": "5", "chapter": 3},
    "symbolic.ja": {"K": "K"},
    "symbolic.en": {"K": "K", "lang": "en", "log_base": "2"},
}


def _render(options: dict, fmt: str) -> str:
    document = derivetex.derive(**options)
    return str(document.render(fmt))


PAIRS = [
    (case, fmt)
    for case in sorted(CASES)
    for fmt in ("md", "tex", "json")
    if fmt != "json" or case.startswith(("article", "symbolic"))  # JSON: two shapes suffice
]


@pytest.mark.parametrize(("case", "fmt"), PAIRS, ids=[f"{c}.{f}" for c, f in PAIRS])
def test_document_matches_golden(case: str, fmt: str, request: pytest.FixtureRequest) -> None:
    path = FILES / f"{case}.{fmt}"
    text = _render(CASES[case], fmt)
    if request.config.getoption("--update-golden"):
        FILES.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path.name}: run with --update-golden and review"
    assert text == path.read_text(encoding="utf-8")


def test_output_is_byte_identical_across_runs() -> None:
    first = [_render(CASES["article.ja"], f) for f in ("md", "tex", "json")]
    second = [_render(CASES["article.ja"], f) for f in ("md", "tex", "json")]
    assert first == second

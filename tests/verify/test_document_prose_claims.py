"""Closed numeric claims outside math (prose, plain-text lines, table cells, code comments)
are found and checked at the precision shown; nothing else in prose is read as math."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from verify_docs import DOCS

from derivetex.verify import audit_text
from derivetex.verify.document.prose_claims import claims_in_line, code_comments

CLAIMS = DOCS / "claims"


@pytest.mark.parametrize(
    ("line", "claim"),
    [
        ("e^4.0 / (e^4.0 + e^2.0 + e^1.0) = 0.8437947",
         "e^{4.0} / (e^{4.0} + e^{2.0} + e^{1.0}) = 0.8437947"),
        ("so f(0) = e^4.0 / (e^0 + e^5.0) = 0.35 here", "e^{4.0} / (e^{0} + e^{5.0}) = 0.35"),
        ("-log(0.7) = 0.357", "- \\log(0.7) = 0.357"),
        ("| -ln(0.7) = 0.357 | nats |", "- \\ln(0.7) = 0.357"),
        ("sqrt(2) ≈ 1.414", "\\sqrt{2} \\approx 1.414"),
        ("log2(8) = 3", "\\log_{2}(8) = 3"),
        ("−ln 0.5 = 0.693.", "- \\ln(0.5) = 0.693"),
        ("F1 = 2 * 0.8 * 0.6 / (0.8 + 0.6) = 0.686",
         "2 \\cdot  0.8 \\cdot  0.6 / (0.8 + 0.6) = 0.686"),
        ("2e-3 * 1000 = 2", "2 \\cdot 10^{-3} \\cdot  1000 = 2"),
        ("よって -log(0.5) = 0.693 となる", "- \\log(0.5) = 0.693"),
    ],
)
def test_closed_claims_are_read(line: str, claim: str) -> None:
    assert claims_in_line(line) == [claim]


@pytest.mark.parametrize(
    "line",
    [
        "released 2024-01-02 = a Tuesday",
        "v1.2.3 = latest",
        "x = 3",
        "with x = 3 + 1 the loop",
        "a ratio of 3 to 4 = 0.75",
        "epoch 3 = 2^3 steps later",
        "lr=0.01, python==3.11",
        "where e = 0.3 is the error and pi = 0.4 the prior",
        "0.9 = 90% of the maximum",
        "3 = 3",
        "a => b",
        "score(0.7) = 0.357",
    ],
)
def test_nothing_else_is_read(line: str) -> None:
    assert claims_in_line(line) == []


@given(st.floats(0.01, 0.99), st.integers(2, 6))
def test_a_claim_holds_exactly_when_its_number_is_right(p: float, digits: int) -> None:
    """The check is the existing one, at the precision shown: a right value rounded to the
    digits written is ok, and one 5 % (and 0.01) off is an error."""
    value = -math.log(round(p, 3))
    right = f"{value:.{digits}f}"
    wrong = f"{value * 1.05 + 0.01:.{digits}f}"
    text = f"The loss is -log({round(p, 3)}) = {right}.\n\nA typo: -log({round(p, 3)}) = {wrong}.\n"
    report = audit_text(text, "md")
    assert [(f.line, f.status) for f in report.findings] == [(1, "ok"), (3, "error")]


@pytest.mark.parametrize(
    ("name", "errors", "ok"),
    [
        ("softmax-readme.md", [6, 11, 18], 4),
        ("qiita-entropy-ja.md", [9], 2),
        ("plain-notes.md", [4], 2),
    ],
)
def test_documents_of_plain_numbers(name: str, errors: list[int], ok: int) -> None:
    report = audit_text((CLAIMS / name).read_text(encoding="utf-8"), "md", name)
    assert [f.line for f in report.findings if f.status == "error"] == errors
    assert report.count("ok") == ok
    assert report.count("unchecked") == 0


def test_code_comments_by_language() -> None:
    code = 'x = "# not a comment"  # 1 + 1 = 2\n// 2 + 2 = 4\n'
    assert code_comments(code, "python") == [(0, " 1 + 1 = 2")]
    assert code_comments(code, "js") == [(1, " 2 + 2 = 4")]
    assert code_comments("-- 1 + 2 = 3", "sql") == [(0, " 1 + 2 = 3")]


def test_claims_inside_math_and_code_spans_are_not_read_twice() -> None:
    text = "Here $-\\log 0.7 = 0.357$ and `-log(0.7) = 0.9` in code.\n"
    report = audit_text(text, "md")
    assert [(f.status, f.latex) for f in report.findings] == [("ok", "-\\log 0.7 = 0.357")]

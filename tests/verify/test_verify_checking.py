"""Planted errors of every diagnosed kind, correct derivations, and the seed article."""

from __future__ import annotations

import pytest
from verify_docs import DOCS, audit_file, statuses

from derivetex.verify import audit_text

CASES = [
    # (id, kind, document, [(line, status)], diagnosis substring of the first error or None)
    (
        "sign-symbolic",
        "md",
        "$$\n\\log \\frac{1}{y} = \\log y\n$$\n",
        [(2, "error")],
        "sign flipped",
    ),
    ("sign-claim", "md", "$$\n- \\log 0.33 = -1.108663\n$$\n", [(2, "error")], "sign flipped"),
    ("base10-claim", "md", "$$\n- \\log 0.33 = 0.481486\n$$\n", [(2, "error")], "base-10"),
    ("base2-claim", "md", "$$\n- \\ln 0.33 = 1.599462\n$$\n", [(2, "error")], "base-2"),
    ("base10-symbolic", "md", "$$\n\\log_{10} x = \\ln x\n$$\n", [(2, "error")], "base-10"),
    (
        "dropped-term",
        "md",
        "$$\n\\begin{aligned}\n"
        "a &= t_{1} \\log y_{1} + t_{2} \\log y_{2} + t_{3} \\log y_{3} \\\\\n"
        "&= t_{1} \\log y_{1} + t_{2} \\log y_{2}\n\\end{aligned}\n$$\n",
        [(3, "ok"), (4, "error")],
        "term dropped",
    ),
    (
        "dropped-term-claim",
        "md",
        "$$\n-(\\log 0.33 + \\log 0.32) = 1.108663\n$$\n",
        [(2, "error")],
        "term dropped",
    ),
    ("added-term", "md", "$$\na + b = a + b + c\n$$\n", [(2, "error")], "term added"),
    (
        "added-term-claim",
        "md",
        "$$\n\\begin{aligned}\nE &= -(t_{1} \\ln y_{1} + t_{2} \\ln y_{2}) \\\\\n"
        "&= -(1 \\cdot \\ln 0.33 + 0 \\cdot \\ln 0.32) \\\\\n&= 2.248097\n\\end{aligned}\n$$\n",
        [(3, "ok"), (4, "ok"), (5, "error")],
        "term added",
    ),
    ("rounding", "md", "$$\n-\\log 0.8 = 0.2232\n$$\n", [(2, "error")], "rounding"),
    ("log-of-sum", "md", "$$\n\\log(a+b) = \\log a + \\log b\n$$\n", [(2, "error")], "log_of_sum"),
    (
        "log-of-product",
        "md",
        "$$\n\\log ab = \\log a \\log b\n$$\n",
        [(2, "error")],
        "log_of_product",
    ),
    ("log-of-power", "tex", "\\[ \\log a^{b} = (\\log a)^{b} \\]", [(1, "error")], "log_of_power"),
    ("approx-ok", "md", "$-\\log 0.8 \\approx 0.2231$", [(1, "ok")], None),
    ("rounded-claim-ok", "md", "$-\\log 0.8 = 0.22314$", [(1, "ok")], None),
    ("integer-claim", "tex", "$$ \\log_{2} 8 = 3 $$", [(1, "ok")], None),
    ("unreadable", "md", "$$\n\\int_0^1 x\\,dx = 1/2\n$$\n", [(2, "unchecked")], None),
    ("function-definition", "md", "$$\nf(x) = x + 1\n$$\n", [(2, "ok")], None),
    ("other-relation", "md", "$a \\le b$", [(1, "unchecked")], None),
    ("undefined-symbol", "md", "$$\n\\log L = \\log a + \\log b\n$$\n", [(2, "unchecked")], None),
    ("unbound-claim", "md", "$$\nx + y = 1.5\n$$\n", [(2, "unchecked")], None),
    (
        "sum-bound-K",
        "tex",
        "\\begin{align}\nS &= \\sum_{k=1}^{K} t_{k} \\ln y_{k} \\\\\n"
        "&= t_{1} \\ln y_{1} + t_{2} \\ln y_{2}\n\\end{align}",
        [(2, "ok"), (3, "ok")],
        None,
    ),
    (
        "batch-N-K",
        "md",
        "$$\n\\sum_{n=1}^{N} \\sum_{k=1}^{K} t_{nk} \\log y_{nk} = "
        "\\sum_{k=1}^{K} \\sum_{n=1}^{N} t_{nk} \\log y_{nk}\n$$\n",
        [(2, "ok")],
        None,
    ),
    ("binding", "md", "$$\nK = 2\n$$\n", [(2, "ok")], None),
    # an update written with "=" (t = t + 1, w = w - αv): neither a definition nor an error
    ("self-reference-not-definition", "md", "$L = L + 1$", [(1, "unchecked")], None),
]


@pytest.mark.parametrize(
    ("kind", "document", "expected", "diagnosis"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_planted_and_correct(
    kind: str, document: str, expected: list[tuple[int, str]], diagnosis: str | None
) -> None:
    report = audit_text(document, kind)
    assert statuses(report) == expected
    errors = [f for f in report.findings if f.status == "error"]
    if diagnosis is None:
        assert all(f.diagnosis is None for f in report.findings)
    else:
        assert errors and errors[0].diagnosis is not None
        assert diagnosis in errors[0].diagnosis
        assert diagnosis in errors[0].message


def test_wrong_claim_message_states_the_computed_value() -> None:
    (finding,) = audit_text("$$\n- \\log 0.33 = 0.481486\n$$\n", "md").findings
    assert "derivetex computes 1.108663" in finding.message


@pytest.mark.parametrize("name", ["own-output-ja.md", "own-output-en.md", "correct.tex"])
def test_correct_documents_verify_clean(name: str) -> None:
    report = audit_file(name)
    assert report.findings
    assert {f.status for f in report.findings} == {"ok"}, [
        f for f in report.findings if f.status != "ok"
    ]


def test_seed_article_errors_are_found() -> None:
    report = audit_file("seed-article.md")
    errors = [(f.line, f.diagnosis) for f in report.findings if f.status == "error"]
    assert [line for line, _ in errors] == [15, 126]
    assert errors[0][1] is not None and errors[0][1].startswith("sign flipped")
    assert (
        errors[1][1] is not None and "base-10 logarithms used and the sign flipped" in errors[1][1]
    )
    last = report.findings[-1]
    assert "claims -0.481486, but derivetex computes 1.108663" in last.message
    assert not [f for f in report.findings if f.status == "unchecked"]


def test_seed_article_reads_single_backslash_rows_and_substitutions() -> None:
    report = audit_file("seed-article.md")
    by_line = {f.line: f for f in report.findings}
    assert by_line[45].status == "ok" and "substitutes y_{1} = 0.33" in by_line[45].message
    assert by_line[46].status == "ok"  # 0.33^1 x 0.32^0 x 0.35^0 = 0.33
    assert by_line[79].status == "ok"  # the row after a Japanese justification row


def test_output_is_deterministic() -> None:
    first = [f.as_dict() for f in audit_file("seed-article.md").findings]
    again = [f.as_dict() for f in audit_file("own-output-ja.md").findings]
    assert first == [f.as_dict() for f in audit_file("seed-article.md").findings]
    assert again == [f.as_dict() for f in audit_file("own-output-ja.md").findings]


EMITTED = sorted((DOCS.parents[2] / "output").rglob("*.md")) + sorted(
    (DOCS.parents[2] / "output").rglob("*.tex")
)


@pytest.mark.parametrize("path", EMITTED, ids=[p.name for p in EMITTED])
def test_every_emitted_document_verifies_without_errors(path) -> None:  # type: ignore[no-untyped-def]
    report = audit_text(path.read_text(encoding="utf-8"), path.suffix.lstrip("."), str(path))
    assert not report.has_errors, [f for f in report.findings if f.status == "error"]

"""The verdict rule (``verify.decide.verdict.decide``) over candidates' answers, and the proof
that no other code makes a link an ``error``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from derivetex.verify.decide.verdict import (
    FAILS,
    HOLDS,
    MAX_CANDIDATES,
    UNKNOWN,
    Answer,
    answer,
    decide,
)

SOURCE = Path(__file__).resolve().parents[3] / "src" / "derivetex"
VERDICT = SOURCE / "verify" / "decide" / "verdict.py"

ACCUSES, CONFIRMS = "R002", "R402"  # identity_at_points; later_definition (confirm-only)


def status(*answers: Answer) -> tuple[str, str | None]:
    found = decide(3, "a = b", answers)
    return found.status, found.reason


def test_the_primary_reading_holding_is_ok() -> None:
    assert status(answer(HOLDS, "holds", readings=(ACCUSES,))) == ("ok", None)


def test_only_an_alternative_holding_is_ok_and_names_it() -> None:
    primary = answer(UNKNOWN, "cannot say", reason="undefined", readings=(ACCUSES,))
    alternative = answer(HOLDS, "holds (a definition further down)", readings=(CONFIRMS,))
    found = decide(3, "a = b", [primary, alternative])
    assert found.status == "ok" and found.readings == (CONFIRMS,)
    assert "further down" in found.message


def test_an_error_needs_every_accusing_candidate_to_fail() -> None:
    fails = answer(FAILS, "differ", "sign", readings=(ACCUSES,))
    assert status(fails) == ("error", None)
    unsure = answer(UNKNOWN, "cannot say", reason="opaque", readings=(ACCUSES,))
    assert status(fails, unsure) == ("unchecked", "readings")
    assert status(fails, answer(FAILS, "differ too", readings=(CONFIRMS,))) == ("error", None)


def test_a_failure_on_a_confirm_only_reading_is_withheld() -> None:
    fails = answer(FAILS, "differ", readings=(ACCUSES, CONFIRMS))
    found = decide(3, "a = b", [fails])
    assert (found.status, found.reason) == ("unchecked", "preview")
    assert CONFIRMS in found.message and found.readings == (ACCUSES, CONFIRMS)
    said = answer(UNKNOWN, "a typo there?", reason="definition")
    found = decide(3, "a = b", [Answer(FAILS, "differ", None, None, (CONFIRMS,), said)])
    assert (found.status, found.reason, found.message) == ("unchecked", "definition", said.message)


def test_the_candidates_are_capped_and_the_reason_says_so() -> None:
    many = [answer(UNKNOWN, "cannot say", reason="opaque", readings=(ACCUSES,))] * 17
    found = decide(3, "a = b", many)
    assert found.status == "unchecked" and f"first {MAX_CANDIDATES} readings" in found.message
    late = [*many[:MAX_CANDIDATES], answer(HOLDS, "holds", readings=(ACCUSES,))]
    assert decide(3, "a = b", late).status == "unchecked"  # the 17th is never taken


def test_an_answer_is_never_an_error_itself() -> None:
    with pytest.raises(ValueError):
        answer("error", "differ")
    with pytest.raises(ValueError):
        decide(3, "a = b", [])


def _makes_an_error(tree: ast.AST) -> list[int]:
    """Lines that import ``ERROR`` from the report, construct a finding with an error status,
    or write the literal status "error" into a ``status`` argument."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "derivetex.verify.report"
        ):
            lines += [node.lineno for alias in node.names if alias.name == "ERROR"]
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Finding":
            status_args = node.args[1:2] + [k.value for k in node.keywords if k.arg == "status"]
            for arg in status_args:
                if not (isinstance(arg, ast.Name) and arg.id in ("OK", "UNCHECKED", "UNKNOWN")):
                    lines.append(node.lineno)
        if (
            isinstance(node, ast.keyword) and node.arg == "status"
            and isinstance(node.value, ast.Constant) and node.value.value == "error"
        ):
            lines.append(node.value.lineno)
    return lines


def test_no_code_but_the_verdict_rule_makes_an_error() -> None:
    offenders = {}
    for path in SOURCE.rglob("*.py"):
        if path == VERDICT or path.parent.name == "report" or path.name == "report.py":
            continue
        found = _makes_an_error(ast.parse(path.read_text(encoding="utf-8")))
        if found:
            offenders[str(path.relative_to(SOURCE))] = found
    assert offenders == {}
    assert _makes_an_error(ast.parse(VERDICT.read_text(encoding="utf-8")))  # the test can fail

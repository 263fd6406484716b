"""A link is checked on a snapshot of its section's scope; what it gives the section reaches the
scope only through the pipeline (``verify.learned``), and not at all when its check fails."""

from __future__ import annotations

import pytest
import sympy

from derivetex.verify import audit, audit_text
from derivetex.verify.learned import apply, learned, snapshot
from derivetex.verify.links.rows import Link
from derivetex.verify.scope import Definition, Scope

x, y, a = sympy.symbols("x y a")


def test_a_snapshot_changes_nothing_until_applied() -> None:
    scope = Scope()
    scope.bindings[a] = sympy.Integer(2)
    scope.define(Definition(y, x**2, 1, "x^2"))
    trial = snapshot(scope)
    trial.define(Definition(x, a + 1, 2, "a + 1"))
    trial.bindings.pop(a)
    trial.facts[y] = 3
    assert x not in scope.definitions and a in scope.bindings and not scope.facts
    lesson = learned(scope, trial)
    assert lesson.set["definitions"] == {x: trial.definitions[x]}
    assert lesson.removed == {"bindings": frozenset({a})}
    apply(scope, lesson)
    assert x in scope.definitions and a not in scope.bindings and scope.facts == {y: 3}
    assert learned(scope, snapshot(scope)) == learned(Scope(), Scope())  # nothing new


TEXT = r"""
$$ a = 2 $$

$$ b = a + 1 $$

$$ a^2 + b = 7 $$
"""


def test_a_check_that_fails_midway_teaches_the_section_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second link's check defines b on its snapshot, then fails: b stays undefined for
    the third link (which would be ok with it), and the first link's value stays."""
    honest = [(f.line, f.status) for f in audit_text(TEXT, "md").findings]
    assert honest == [(2, "ok"), (4, "ok"), (6, "ok")]
    real = audit.check

    def define_then_fail(link: Link, scope: Scope, **kwargs: object) -> object:
        found = real(link, scope, **kwargs)  # type: ignore[arg-type]
        if link.text.startswith("b ="):
            raise RuntimeError("a fault after the definition was recorded")
        return found

    monkeypatch.setattr(audit, "check", define_then_fail)
    findings = audit_text(TEXT, "md").findings
    assert [(f.line, f.status, f.reason) for f in findings][:2] == [
        (2, "ok", None), (4, "unchecked", "internal")
    ]
    assert "b" in findings[2].message and findings[2].status == "unchecked"

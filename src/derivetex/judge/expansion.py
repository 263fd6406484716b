"""The cheap symbolic proof, apart from ``judge.symbolic``: ``verify`` needs only this one,
not the engine's models of written-out rows that ``symbolic`` brings in (about 950 lines)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

import sympy as sp

from derivetex.judge.memo import remembered


@remembered
def expands_to_zero(difference: sp.Expr, unknowns: AbstractSet[sp.Basic]) -> bool:
    """The cheap proof both callers try first: every unknown taken positive, logs expanded,
    the difference multiplied out to 0 (no simplify: it can take minutes on real rows)."""
    if sp.count_ops(difference) > 150:
        return False
    positive = {n: sp.Dummy(positive=True) for n in unknowns}
    expanded = sp.expand(sp.expand_log(difference.xreplace(positive), deep=True))
    return bool(expanded == 0)

"""Whether two rows of a spec are equal, decided the way ``verify`` decides a link.

Symbolic bounds (N, K) are instantiated at 1..6 and the sums written out; a free index
(``a_k`` in a gradient) is tried at 1..3. At each instance the difference must simplify to 0
under the declared assumptions, and both sides must agree at random positive points.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from derivetex.errors import LimitExceeded
from derivetex.judge import numeric as num
from derivetex.judge.symbolic import is_zero


@dataclass(frozen=True)
class Verdict:
    """``holds`` and how it was decided; ``failed`` says which check did not hold."""

    holds: bool
    symbolic: str
    numeric: str
    failed: str = ""


def judge_equal(
    a: sympy.Expr, b: sympy.Expr, seed: str, normalised: frozenset[sympy.Basic] = frozenset()
) -> Verdict:
    """a = b at every instance of the bounds, symbolically and at random points."""
    bounds = num.bound_symbols(a) | num.bound_symbols(b)
    try:
        instances = num.instantiations(bounds) if bounds else [{}]
    except LimitExceeded as error:
        return Verdict(False, "", "", f"too many instances ({error})")
    for instance in instances:
        left, right = num.expand_bounds(a, instance), num.expand_bounds(b, instance)
        where = _where(instance)
        for values in num.index_values(left, right):
            la, rb = left.xreplace(values), right.xreplace(values)
            same = num.equal_everywhere(la, rb, seed, normalised)
            if same is None:
                return Verdict(False, "", "", f"cannot be evaluated{where}")
            if not same:
                return Verdict(False, "", "", f"differs at random points{where}")
            if not normalised and not is_zero(la - rb):
                return Verdict(False, "", "", f"the difference does not simplify to 0{where}")
    span = f" at {', '.join(sorted(map(str, bounds)))} = 1..6" if bounds else ""
    symbolic = "facts used at random points" if normalised else f"difference simplifies to 0{span}"
    return Verdict(True, symbolic, f"{num.POINTS} random positive points{span}")


def _where(instance: dict[sympy.Symbol, sympy.Integer]) -> str:
    if not instance:
        return ""
    return " at " + ", ".join(f"{s} = {v}" for s, v in sorted(instance.items(), key=str))

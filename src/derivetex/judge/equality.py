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
from derivetex.judge.terms import carry_out


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
        up_to = min((int(v) for v in instance.values()), default=3)  # an index k <= K
        for values in num.index_values(left, right, up_to=up_to):
            la, rb = left.xreplace(values), right.xreplace(values)
            same = num.equal_everywhere(la, rb, seed, normalised, up_to)
            if same is None:
                return Verdict(False, "", "", f"cannot be evaluated{where}")
            if not same:
                return Verdict(False, "", "", f"differs at random points{where}")
            if not is_zero(_with_facts(carry_out(la) - carry_out(rb), normalised)):
                return Verdict(False, "", "", f"the difference does not simplify to 0{where}")
    span = f" at {', '.join(sorted(map(str, bounds)))} = 1..6" if bounds else ""
    facts = f" with the sum of {', '.join(sorted(map(str, normalised)))} taken as 1" * bool(
        normalised)
    return Verdict(True, f"difference simplifies to 0{span}{facts}",
                   f"{num.POINTS} random positive points{span}{facts}")


def _with_facts(expr: sympy.Expr, normalised: frozenset[sympy.Basic]) -> sympy.Expr:
    """The last written-out component of each normalised name replaced by 1 minus the others
    (t_3 = 1 - t_1 - t_2), so the symbolic proof uses the stated fact too."""
    for base in normalised:
        parts = sorted((a for a in expr.atoms(sympy.Indexed) if a.base == base
                        and all(i.is_Integer for i in a.indices)), key=lambda a: a.indices)
        if parts:
            last = parts[-1]
            expr = expr.xreplace({last: 1 - sum((p for p in parts[:-1]), sympy.Integer(0))})
    return expr


def _where(instance: dict[sympy.Symbol, sympy.Integer]) -> str:
    if not instance:
        return ""
    return " at " + ", ".join(f"{s} = {v}" for s, v in sorted(instance.items(), key=str))

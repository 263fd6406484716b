"""Relations other than =: inequalities and ≠.

An inequality between expressions is ``ok`` when it holds at every random point tried (with
distributions' masses drawn to sum to 1 when that is what makes it hold), and never an error;
``a \\neq b`` is ``ok`` when the sides differ at random points over more than one outcome.
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed

from derivetex.judge import numeric as num
from derivetex.judge.show import decimal, show
from derivetex.judge.terms import carry_out, opaque
from derivetex.verify.decide.comparing import (
    ORDER_POINTS,
    compare,
    holds_message,
    is_number,
    one_term,
    order_holds,
)
from derivetex.verify.decide.optima import is_optimum, same_optimum
from derivetex.verify.decide.verdict import FAILS, Answer, Make
from derivetex.verify.links.rows import Link
from derivetex.verify.readings.information import distributions_in, same_outcomes
from derivetex.verify.readings.side import Reading
from derivetex.verify.report import OK, UNCHECKED
from derivetex.verify.scope import Scope


def unequal(link: Link, left: Reading, right: Reading, scope: Scope, make: Make) -> Answer:
    """``a \\neq b`` claims the sides are not the same function: ``ok`` when they differ at
    random points, ``error`` when they agree everywhere; never with terms it cannot expand
    (different opaque terms always differ at random values) or between bare names (a
    condition such as j ≠ i)."""
    if left.expr is None or right.expr is None:
        return make(UNCHECKED, "cannot read a side of ≠", reason="unread")
    bare = (sympy.Symbol, Indexed)
    if isinstance(left.expr, bare) and isinstance(right.expr, bare):
        return make(UNCHECKED, "a condition on names, not a claim", reason="condition")
    if left.vector or right.vector:
        return make(UNCHECKED, "vector or matrix algebra is not checked", reason="vector")
    a, b = same_outcomes(scope.resolve(left.expr), scope.resolve(right.expr))
    ea, eb = carry_out(num.expand_bounds(a, {})), carry_out(num.expand_bounds(b, {}))
    if {str(t) for t in opaque(ea)} != {str(t) for t in opaque(eb)}:
        names = ", ".join(sorted({show(t) for t in opaque(ea) ^ opaque(eb)}))[:120]
        return make(UNCHECKED, f"relates terms derivetex cannot expand: {names}", reason="opaque")
    outcome = compare(a, b, link.text, frozenset(scope.facts))
    if outcome is None:
        message = "the two sides cannot be evaluated at positive real points"
        return make(UNCHECKED, message, reason="not-evaluable")
    holding, failing = outcome
    failing = [f for f in failing if not one_term(f)]  # one outcome: a distribution is 1 there
    if failing:
        return make(OK, "the sides differ at random positive points, as claimed")
    if not holding:
        return make(UNCHECKED, "the sides differ only for one term", reason="condition")
    return make(FAILS, "the two sides are equal: " + holds_message(a, b, holding))


def order(link: Link, a: sympy.Expr, b: sympy.Expr, scope: Scope, make: Make) -> Answer:
    strict = link.relation in ("<", ">", r"\lt", r"\gt")
    less = link.relation in ("<", r"\lt", r"\leq", r"\le")
    if not (is_number(a) and is_number(b)):
        return _order_of_expressions(a, b, strict, less, link, scope, make)
    x, y = num.value(num.expand_bounds(a, {}), {}), num.value(num.expand_bounds(b, {}), {})
    if x is None or y is None:
        return make(UNCHECKED, "a side has no real value", reason="not-evaluable")
    low, high = (x, y) if less else (y, x)
    holds = low < high if strict else low <= high
    if holds:
        return make(OK, f"holds: {decimal(x, 6)} {link.relation} {decimal(y, 6)}")
    return make(FAILS, f"does not hold: the left is {decimal(x, 6)}, the right {decimal(y, 6)}")


def _order_of_expressions(
    a: sympy.Expr, b: sympy.Expr, strict: bool, less: bool, link: Link, scope: Scope, make: Make
) -> Answer:
    """``\\log x \\le x - 1``: ok when it holds at every random positive point tried. It is
    never an error (``D_{KL} \\ge 0`` needs distributions that sum to 1, which random points
    are not), and a bound on a single name (``x \\ge 0``, ``p(x) > 0``) is a condition."""
    if _is_bound_on_a_name(a, b):
        return make(UNCHECKED, "a condition on a name, not a claim", reason="condition")
    low, high = (a, b) if less else (b, a)
    holds = order_holds(low, high, strict, link.text, frozenset(scope.facts))
    tried = f"{ORDER_POINTS} random positive points a case"
    if holds:
        return make(OK, f"holds at every point tried ({tried}; numbers, not a proof)")
    masses = distributions_in(low, high)
    if masses and order_holds(low, high, strict, link.text, frozenset(scope.facts) | masses):
        names = ", ".join(sorted(str(m) for m in masses))
        kind = "distributions" if len(masses) > 1 else "a distribution"
        message = f"holds at every point tried, reading {names} as {kind} ({tried})"
        return make(OK, message)
    return make(UNCHECKED, "an inequality between expressions", reason="inequality")


def _is_bound_on_a_name(a: sympy.Expr, b: sympy.Expr) -> bool:
    names = (sympy.Symbol, Indexed, AppliedUndef)
    return isinstance(a, names) and b.is_number or isinstance(b, names) and a.is_number


def optima_link(a: sympy.Expr, b: sympy.Expr, make: Make, note: str) -> Answer:
    """``\\arg\\max_\\theta f = \\arg\\min_\\theta g``: ok when one objective is a known increasing
    (or, for max against min, decreasing) function of the other; else unchecked."""
    why = same_optimum(a, b) if is_optimum(a) and is_optimum(b) else None
    if why is None:
        return make(UNCHECKED, "an argmax or argmin derivetex cannot relate", reason="optimum")
    return make(OK, f"the same optimum: {why}" + note)

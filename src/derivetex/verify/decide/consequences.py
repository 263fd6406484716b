"""One mistake, one error: a later link that is right given an earlier wrong number.

When a numeric link fails (``-\\log 0.2 = 1.20``), the writer goes on with the value they
wrote, not with the one derivetex computes; every name the section had bound to the computed
value (``L = -\\log 0.2`` just before) carries the written value in the writer's mind. A later
link that fails with the computed values (``2L = 2.40``) is checked again with the written
ones; when it then holds it is not a mistake of its own, and the verdict leaves it unchecked
with reason ``follows``, naming the line of the first error (record R404). A later link that is
wrong under both is still an error. The corpora are judged the same way ("a later line that is
correct given an earlier wrong line is not flagged again").

A wrong derivative is carried the same way: after ``f'(x) = 2x^2`` (where f = x^3), the
writer goes on with 2x^2 for f'; ``f'(1) = 2`` follows from that row. Other wrong symbolic rows
are already the row the next link of their chain is judged against, so they do not flag their
successors twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from derivetex.judge import numeric as num
from derivetex.judge.show import show
from derivetex.verify.decide.comparing import is_number
from derivetex.verify.decide.verdict import HOLDS, UNKNOWN, Answer
from derivetex.verify.links.rows import Link
from derivetex.verify.readings.side import read
from derivetex.verify.scope import Scope, Values

Recheck = Callable[[Values, Values, tuple[tuple[sympy.Expr, sympy.Expr], ...]], Answer | None]
"""Check a link again with these (bindings, earlier values, derivatives as believed)."""


@dataclass(frozen=True)
class Belief:
    """What the writer took as true after an error on ``line``: these names have these
    values (the value written where derivetex computes another)."""

    line: int
    values: dict[sympy.Basic, sympy.Basic]
    derivatives: tuple[tuple[sympy.Expr, sympy.Expr], ...] = ()
    """Derivatives as the wrong row wrote them (``scope.as_believed``)."""


def belief_after(link: Link, bindings: Values, scope: Scope) -> Belief | None:
    """The values the writer carries on from the failed numeric ``link`` (checked with
    ``bindings``): the names bound to its left side's value take its right side's; ``None``
    when its sides are not both numbers or no name carries the value."""
    trial = scope.borrowing({})
    trial.bindings = dict(bindings)
    derivative = _derivative_as_written(link, scope)
    if derivative is not None:
        return Belief(link.right.line, {}, (derivative,))
    computed = _value(link.left.latex, trial)
    written = _value(link.right.latex, trial)
    if computed is None or written is None:
        return None
    known = {**trial.earlier, **trial.bindings}
    carried = {name: written for name, value in known.items() if _same(value, computed)}
    return Belief(link.right.line, carried) if carried else None


def follows(beliefs: list[Belief], bindings: Values, scope: Scope, recheck: Recheck
            ) -> Answer | None:
    """An ``UNKNOWN`` answer (reason ``follows``) when the link, failing as computed, holds
    with the values the writer carried on from an earlier error; else ``None``."""
    for belief in reversed(beliefs):  # the latest error first
        now = {name: belief.values.get(name, value) for name, value in bindings.items()}
        before = {name: belief.values.get(name, value) for name, value in scope.earlier.items()}
        if now == bindings and before == scope.earlier and not belief.derivatives:
            continue  # the link uses none of the carried names
        again = recheck(now, before, belief.derivatives)
        if again is not None and again.status == HOLDS:
            carried = [*map(str, belief.values), *(f"${show(d)}$" for d, _ in belief.derivatives)]
            names = ", ".join(sorted(carried))
            message = (f"right given the error on line {belief.line} ({names} taken as written "
                       f"there); one mistake is flagged once")
            return Answer(UNKNOWN, message, reason="follows")
    return None


def _derivative_as_written(link: Link, scope: Scope) -> tuple[sympy.Expr, sympy.Expr] | None:
    """``(f'(x), 2x^2)`` for a failed link whose left side is a derivative of a name or an
    applied function (not at a point) and whose right side is an expression with names."""
    functions = scope.function_names()
    left = read(link.left.latex, functions).expr
    right = read(link.right.latex, functions).expr
    if not isinstance(left, sympy.Derivative) or right is None or is_number(right):
        return None
    if right.has(sympy.Derivative):
        return None  # a chain-rule row: the next row is judged against it already
    return left, right


def _value(latex: str, scope: Scope) -> sympy.Basic | None:
    """The number a side stands for with the scope's values put in, or ``None``."""
    expr = read(latex, scope.function_names()).expr
    if expr is None:
        return None
    try:
        value, _ = scope.with_earlier_values(scope.resolve(expr))
    except (TypeError, ValueError, ArithmeticError, AttributeError, RecursionError):
        return None
    return value if is_number(value) else None


def _same(value: sympy.Basic, computed: sympy.Basic) -> bool:
    """Whether a bound value is the computed one (to the judge's relative tolerance)."""
    try:
        x, y = complex(sympy.N(value)), complex(sympy.N(computed))
    except (TypeError, ValueError, ArithmeticError, AttributeError, RecursionError):
        return False
    return abs(x - y) <= num.RELATIVE * max(1.0, abs(x), abs(y))

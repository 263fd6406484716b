r"""Example values whose exact arithmetic would not end: refused before the work.

A spec's example is computed exactly (that is what makes its numbers verified), and exact
arithmetic is cheap for every value a worked example uses, except where a value is an
exponent or the argument of a factorial: ``x_{i}!`` with ``x_{1} = 10^{30}``, or
``\lambda^{x_{i}}``, has more digits than the machine has memory. Computing those in floats
would make the example's claim approximate, so such a value is refused, naming it, before any
substitution (SymPy evaluates ``factorial(10**30)`` the moment it is built). What is left is
bounded by the budget of the run (``derivetex.budget``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from derivetex.engine.inference import Move
from derivetex.render.spec_printer import spec_latex
from derivetex.specs.consistency import SpecError

MAX_EXACT = 10**4
"""The largest exponent or factorial argument computed exactly (10 000! has 35 660 digits)."""
_GROWING = (sp.factorial, sp.factorial2, sp.gamma, sp.binomial, sp.RisingFactorial,
            sp.FallingFactorial)


def check_exact_size(expr: sp.Basic, values: Mapping[sp.Basic, sp.Basic], where: str) -> None:
    """Refuse ``values`` when, put into ``expr``, an exponent or a factorial's argument would
    exceed ``MAX_EXACT``; inner nodes are looked at first, so nothing large is ever built."""
    for node in sp.postorder_traversal(expr):
        if isinstance(node, sp.Pow):
            argument = node.exp
        elif isinstance(node, _GROWING):
            argument = node.args[0]
        else:
            continue
        value = argument.xreplace(dict(values))
        if value.is_Number and abs(value) > MAX_EXACT:
            raise SpecError(
                f"{where}: the value makes {spec_latex(argument)} = {_short(value)} an exponent or "
                f"factorial argument over {MAX_EXACT}, too large to compute exactly"
            )


def _short(value: sp.Basic) -> str:
    text = sp.sstr(value)
    return text if len(text) <= 20 else f"{sp.Float(value, 3)}"


@dataclass(frozen=True)
class SizedMove(Move):
    """``substitute_values`` that first checks the values' size in what it substitutes into
    (named in a row or tried by inference alike)."""

    where: str = "example.values"

    def apply(self, expr: sp.Expr) -> sp.Expr:
        check_exact_size(expr, self.params.get("values", {}), self.where)
        return super().apply(expr)

"""Name the likely cause of a link that does not hold.

Each cause is a variant of one side -- negated, a term removed, logarithms taken to another
base, a log rule applied the wrong way -- and a cause is reported only when that variant
equals the other side at random positive points. The first matching cause wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from derivetex.judge.numeric import equal_everywhere
from derivetex.judge.show import show

Rewrite = Callable[[sympy.Expr], sympy.Expr]


@dataclass(frozen=True)
class WrongRule:
    """A log rule people misapply: ``statement`` is what was wrongly assumed."""

    name: str
    statement: str
    apply: Rewrite


def to_base(expr: sympy.Expr, base: int) -> sympy.Expr:
    """Every natural logarithm in ``expr`` taken to ``base`` instead."""
    return expr.replace(
        lambda e: isinstance(e, sympy.log), lambda e: sympy.log(e.args[0]) / sympy.log(base)
    )


def to_natural(expr: sympy.Expr) -> sympy.Expr:
    """Logarithms written to base 10 or 2 read as natural ones."""
    return expr.xreplace({sympy.log(10): sympy.Integer(1), sympy.log(2): sympy.Integer(1)})


def _rewrite_logs(test: Callable[[sympy.Expr], bool], build: Rewrite) -> Rewrite:
    def apply(expr: sympy.Expr) -> sympy.Expr:
        return expr.replace(lambda e: isinstance(e, sympy.log) and test(e.args[0]), build)

    return apply


def _is_quotient(x: sympy.Expr) -> bool:
    return isinstance(x, sympy.Mul) and any(f.is_Pow and f.exp.is_negative for f in x.args)


def _quotient_of_logs(e: sympy.Expr) -> sympy.Expr:
    numerator, denominator = sympy.fraction(e.args[0])
    return sympy.log(numerator) / sympy.log(denominator)


WRONG_RULES = (
    WrongRule(
        "log_of_sum",
        r"\log(a + b) = \log a + \log b",
        _rewrite_logs(
            lambda x: isinstance(x, sympy.Add), lambda e: sympy.Add(*map(sympy.log, e.args[0].args))
        ),
    ),
    WrongRule(
        "log_of_quotient",
        r"\log \frac{a}{b} = \frac{\log a}{\log b}",
        _rewrite_logs(_is_quotient, _quotient_of_logs),
    ),
    WrongRule(
        "log_of_product",
        r"\log ab = \log a \cdot \log b",
        _rewrite_logs(
            lambda x: isinstance(x, sympy.Mul), lambda e: sympy.Mul(*map(sympy.log, e.args[0].args))
        ),
    ),
    WrongRule(
        "log_of_power",
        r"\log a^{b} = (\log a)^{b}",
        _rewrite_logs(
            lambda x: isinstance(x, sympy.Pow), lambda e: sympy.log(e.args[0].base) ** e.args[0].exp
        ),
    ),
)


def terms(expr: sympy.Expr) -> tuple[sympy.Expr, ...]:
    """The terms of a sum (a leading minus is distributed by SymPy already)."""
    return sympy.Add.make_args(expr)


def diagnose(left: sympy.Expr, right: sympy.Expr, seed: str) -> str | None:
    """The likely cause of ``left != right``, in words, or ``None`` if none fits."""

    def same(a: sympy.Expr, b: sympy.Expr) -> bool:
        return bool(equal_everywhere(a, b, seed))

    if same(left, -right):
        return "sign flipped: the right-hand side is the negative of the left-hand side"
    left_terms, right_terms = terms(left), terms(right)
    for term in left_terms if len(left_terms) > 1 else ():
        if same(left - right, term):
            return f"term dropped: {show(term)} is missing on the right-hand side"
    for term in right_terms if len(right_terms) > 1 else ():
        if same(right - left, term):
            return f"term added: {show(term)} appears only on the right-hand side"
    for term in right_terms if len(right_terms) > 1 else ():
        if same(left, right - 2 * term):
            return f"sign of one term flipped: {show(term)} should be {show(-term)}"
    for term in left_terms if len(left_terms) > 1 else ():
        if same(right, left - 2 * term):
            return (
                f"sign of one term flipped: {show(-term)} is written on the right as {show(term)}"
            )
    for base in (10, 2):
        if same(to_base(left, base), right) or same(left, to_base(right, base)):
            return f"log base: one side uses base-{base} logarithms, the other natural ones"
    for rule in WRONG_RULES:
        for a, b in ((left, right), (right, left)):
            wrong = rule.apply(a)
            if wrong != a and same(wrong, b):
                return f"misapplied log rule ({rule.name}): ${rule.statement}$ does not hold"
    return None

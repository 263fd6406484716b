"""Name the likely cause of a link that does not hold.

Each cause is a variant of one side -- negated, a term removed, logarithms taken to another
base, a log rule applied the wrong way -- and a cause is reported only when that variant
equals the other side at random positive points. The first matching cause wins. A factor
(``wrong_factor``) is named only for a link already judged to fail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from derivetex.judge.numeric import close, equal_everywhere, sample
from derivetex.judge.show import show
from derivetex.judge.terms import carry_out, evaluable

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


MAX_DENOMINATOR = 12
"""A factor is reported only as p/q with q at most this: the slips people make (a 2 lost in a
power rule, a 1/N or a 1/2 dropped) are small fractions; a ratio such as 1/ln 2 is a base."""


def wrong_factor(left: sympy.Expr, right: sympy.Expr, seed: str) -> str | None:
    """The sides, or one term of the left, off by a constant rational factor, in words.

    Apart from ``diagnose``: its causes show that an identity was meant (a lone ``x = -x``
    is a slip), while sides off by a factor are as often an equation (``t^2 = t``); this only
    says what differs once a link is known to fail.

    Numbers alone are never a factor (a wrong number is a wrong number): the sides must have
    names. The factor is guessed from one point's ratio and then confirmed at fresh points."""
    if not (left.free_symbols or right.free_symbols):
        return None
    left, right = carry_out(left), carry_out(right)
    whole = _ratio(left, right, seed)
    if whole is None:
        whole = _name_factor(left, right, seed)
    if whole is not None:
        return f"factor: the right-hand side is the left-hand side multiplied by {show(whole)}"
    left_terms = terms(left)
    for term in left_terms if len(left_terms) > 1 else ():
        extra = _ratio(term, right - left, seed, excluded=(0, -1, -2))  # dropped, sign flipped
        if extra is not None:
            scale = extra + 1
            return f"factor of one term: {show(term)} is multiplied by {show(scale)} on the right"
    return None


MAX_NAMES = 6
"""A name as the factor (an x lost in a power rule) is tried only for sides with few names."""


def _name_factor(left: sympy.Expr, right: sympy.Expr, seed: str) -> sympy.Expr | None:
    """A plain name ``n`` of both sides with ``right == n left`` or ``right == left / n``.

    A name on one side only is not taken: that is a constant the writer may drop on purpose
    (a 1/N before an argmax), or a word read as a name, and verify leaves it unchecked."""
    names = sorted(
        (s for s in (left.free_symbols & right.free_symbols) if isinstance(s, sympy.Symbol)),
        key=sympy.default_sort_key,
    )
    if len(names) > MAX_NAMES:
        return None
    for name in names:
        for factor in (name, 1 / name):
            if equal_everywhere(factor * left, right, seed):
                return factor
    return None


def _ratio(
    a: sympy.Expr, b: sympy.Expr, seed: str, excluded: tuple[int, ...] = (0, 1, -1)
) -> sympy.Rational | None:
    """The small rational ``c`` (not one of ``excluded``) with ``b == c a`` everywhere."""
    try:
        rows = sample([evaluable(carry_out(a)), evaluable(carry_out(b))], seed + "/factor")
    except (TypeError, ValueError, ArithmeticError):
        return None
    if not rows or any(close(x, sympy.Float(0)) for x, _ in rows):
        return None
    guess = sympy.Rational(str(rows[0][1] / rows[0][0])).limit_denominator(MAX_DENOMINATOR)
    if guess in excluded or abs(guess.p) > 100:
        return None
    if not all(close(y, guess * x) for x, y in rows):
        return None
    return guess if equal_everywhere(guess * a, b, seed) else None

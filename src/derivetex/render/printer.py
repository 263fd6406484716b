"""The one LaTeX printer, tuned to the article's notation.

SymPy's default writes `\\log{\\left({y}_{k} \\right)} {t}_{k}` and re-sorts terms; the article
writes `t_{k} \\log y_{k}` in the order the derivation made them. Long written-out sums and
products are elided in the middle above `expand_limit` terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter

from derivetex.model.logs import LogBase, log_parts
from derivetex.model.written import WrittenProduct, WrittenSum

DIGITS = 6


class ArticlePrinter(LatexPrinter):
    """`t_{k} \\log y_{k}`, `y_{1}^{t_{1}} \\cdot y_{2}^{t_{2}}`, `0.33^{1} \\times 0.32^{0}`."""

    printmethod = "_article_latex"
    _default_settings: dict[str, Any] = {**LatexPrinter._default_settings, "expand_limit": 10,
                                         "marks": None}

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        super().__init__(settings)
        self._open: frozenset[str] = frozenset()

    def _print(self, expr: Any, **kwargs: Any) -> str:
        """Every node as SymPy prints it; a node ``marks`` names (``--highlight``) wrapped in
        its colour, unless a node around it already is, in the same kind."""
        marks = self._settings["marks"]
        if marks is None or not isinstance(expr, sp.Basic):
            return super()._print(expr, **kwargs)
        kinds = marks.kinds_of(expr) - self._open
        if not kinds:
            return super()._print(expr, **kwargs)
        outer, self._open = self._open, self._open | kinds
        try:
            text = super()._print(expr, **kwargs)
        finally:
            self._open = outer
        return marks.wrap(text, kinds)

    # atoms -----------------------------------------------------------------
    def _print_Indexed(self, expr: sp.Indexed) -> str:
        indices = ",".join(self._print(i) for i in expr.indices)
        return f"{self._print(expr.base.label)}_{{{indices}}}"

    def _print_Integer(self, expr: sp.Integer) -> str:
        return str(expr.p)

    def _print_Rational(self, expr: sp.Rational) -> str:
        if finite_decimal(expr):
            return format(Decimal(int(expr.p)) / Decimal(int(expr.q)), "f")
        return super()._print_Rational(expr)

    def _print_Float(self, expr: sp.Float) -> str:
        text = f"{float(expr):.{DIGITS}f}"
        return "0." + "0" * DIGITS if text == "-0." + "0" * DIGITS else text

    # functions -------------------------------------------------------------
    def _print_log(self, expr: sp.Expr) -> str:
        return self._print_any_log(expr)

    def _print_LogBase(self, expr: LogBase) -> str:
        return self._print_any_log(expr)

    def _print_any_log(self, expr: sp.Expr) -> str:
        parts = log_parts(expr)
        assert parts is not None
        arg, base = parts
        name = r"\log" if base is None else rf"\log_{{{self._print(base)}}}"
        inner = self._print(arg)
        if isinstance(arg, (sp.Add, sp.Mul, sp.Product, sp.Sum)) or (arg.is_Number and arg < 0):
            return rf"{name} {parenthesised(inner)}"
        return f"{name} {inner}"

    def _print_Pow(self, expr: sp.Pow) -> str:
        base, exp = expr.args
        inner = self._print(base)
        if isinstance(base, (sp.Add, sp.Mul, sp.Pow)) or (base.is_Number and base < 0):
            inner = f"({inner})"
        elif isinstance(base, sp.Rational) and not base.is_Integer and "frac" in inner:
            inner = f"\\left({inner}\\right)"
        return f"{inner}^{{{self._print(exp)}}}"

    # sums and products ------------------------------------------------------
    def _print_Sum(self, expr: sp.Sum) -> str:
        return self._print_series(expr, r"\sum")

    def _print_Product(self, expr: sp.Product) -> str:
        return self._print_series(expr, r"\prod")

    def _print_series(self, expr: sp.Expr, sign: str) -> str:
        index, lower, upper = expr.limits[0]
        body = self._print(expr.function)
        if isinstance(expr.function, sp.Add):
            body = f"({body})"
        limits = f"_{{{self._print(index)}={self._print(lower)}}}^{{{self._print(upper)}}}"
        return f"{sign}{limits} {body}"

    # sums of terms -----------------------------------------------------------
    def _print_Add(self, expr: sp.Add, order: str | None = None) -> str:
        return self._print_terms(list(expr.args))

    def _print_WrittenSum(self, expr: WrittenSum) -> str:
        return self._print_terms(expr.terms)

    def _print_WrittenProduct(self, expr: WrittenProduct) -> str:
        """Its factors share one shape, so one rank: the order is the row's own."""
        return self._print_ordered_factors(expr.terms)

    def _print_terms(self, terms: Sequence[sp.Expr]) -> str:
        shown = self._elide(terms)
        pieces = [r"\cdots" if term is None else self._print(term) for term in shown]
        out = pieces[0]
        for piece in pieces[1:]:
            out += f" - {piece[1:].lstrip()}" if piece.startswith("-") else f" + {piece}"
        return out

    def _print_Mul(self, expr: sp.Mul) -> str:
        factors = list(expr.args)
        if factors and factors[0] == -1 and len(factors) > 1:
            rest = factors[1:]
            inner = self._print(rest[0]) if len(rest) == 1 else self._print_factors(rest)
            if len(rest) == 1 and isinstance(rest[0], (sp.Add, WrittenSum)):
                inner = f"({inner})"
            return f"- {inner}"
        return self._print_factors(factors)

    def _print_factors(self, factors: list[sp.Expr]) -> str:
        return self._print_ordered_factors(sorted(factors, key=_factor_rank))

    def _print_ordered_factors(self, factors: Sequence[sp.Expr]) -> str:
        ordered = self._elide(factors)
        out = self._print_factor(ordered[0])
        for left, right in zip(ordered, ordered[1:], strict=False):
            if right is None:
                continue
            if left is None:  # elided: `a \cdot b \cdots z`, `a \times b \times \cdots \times z`
                sep = _separator(ordered[0], ordered[1])
                dots = r" \cdots " if sep == r" \cdot " else rf"{sep}\cdots{sep}"
                out += dots + self._print_factor(right)
            else:
                out += _separator(left, right) + self._print_factor(right)
        return out

    def _print_factor(self, factor: sp.Expr) -> str:
        text = self._print(factor)
        if isinstance(factor, (sp.Add, WrittenSum)) or (factor.is_Number and factor < 0):
            return f"({text})"
        return text

    def _elide(self, items: Sequence[sp.Expr]) -> list[sp.Expr | None]:
        """First two, a gap (None), the last, above expand_limit; only those get printed
        (and, for a row kept as summand and range, only those get built)."""
        if len(items) <= self._settings["expand_limit"]:
            return list(items)
        return [items[0], items[1], None, items[-1]]


TALL = (r"\sum", r"\prod", r"\frac")
"""What makes a formula taller than a line: parentheses around it are sized to it."""


def parenthesised(inner: str) -> str:
    r"""``(inner)``, or ``\left(inner\right)`` around a big operator or a fraction, so the
    delimiters are as tall as what they hold (``\log \left(\prod_{k=1}^{K} ...\right)``)."""
    if any(tall in inner for tall in TALL):
        return rf"\left({inner}\right)"
    return f"({inner})"


def _factor_rank(factor: sp.Expr) -> int:
    """Coefficients first, then powers and symbols, then logs, then sums: `t_{k} \\log y_{k}`."""
    if factor.is_Number:
        return 0
    if log_parts(factor) is not None:
        return 2
    if isinstance(factor, (sp.Sum, sp.Product, sp.Add)):
        return 3
    return 1


def _is_numeric(expr: sp.Expr) -> bool:
    return not expr.free_symbols and not expr.atoms(sp.Indexed)


def _separator(left: sp.Expr, right: sp.Expr) -> str:
    """`\\times` between numbers, a space in `t_{k} \\log y_{k}`, `\\cdot` otherwise."""
    if _is_numeric(left) and _is_numeric(right) and log_parts(right) is None:
        return r" \times "
    if log_parts(right) is not None and isinstance(left, (sp.Symbol, sp.Indexed)):
        return " "
    return r" \cdot "


def article_latex(expr: sp.Expr, expand_limit: int = 10, marks: Any = None) -> str:
    """expr in the article's notation; ``marks`` (a ``highlight.Marks``) colours sub-terms."""
    return ArticlePrinter({"expand_limit": expand_limit, "marks": marks}).doprint(expr)


def values_latex(values: Sequence[sp.Expr], expand_limit: int = 10) -> list[str]:
    """Each value in the article's notation; one printer, each distinct value printed once
    (10 000 predictions are mostly a few repeated numbers)."""
    printer = ArticlePrinter({"expand_limit": expand_limit})
    printed: dict[tuple[type, sp.Expr], str] = {}  # 0.5 == Float(0.5), but prints otherwise
    out = []
    for value in values:
        key = (type(value), value)
        text = printed.get(key)
        if text is None:
            text = printed[key] = printer.doprint(value)
        out.append(text)
    return out


def finite_decimal(number: sp.Rational) -> bool:
    """Whether ``number`` is a finite decimal (0.5, 0.33: a value as typed), not 1/3."""
    q = int(number.q)
    while q % 2 == 0:
        q //= 2
    while q % 5 == 0:
        q //= 5
    return q == 1

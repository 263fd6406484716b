"""The printer for spec rows: the article's notation plus fractions and the writer's sign order.

Rows of a spec come from the reader, which builds ordinary SymPy trees: ``\\frac{a}{b}`` is
``a * b**-1`` and terms are in SymPy's order. This prints them back as a person writes them:
``\\frac{a}{b}``, positive terms first, exact fractions that are not decimals as ``\\frac``.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from derivetex.judge.show import SEPARATORS, re_marks
from derivetex.model.logs import LogBase
from derivetex.render.printer import ArticlePrinter, finite_decimal, parenthesised

_HEAD = re.compile(r"[A-Za-z]+|\\[A-Za-z]+")
"""A function's name as the reader keeps it: letters, or one control word (``\\phi``)."""


class SpecPrinter(ArticlePrinter):
    """``\\frac{\\lambda^{x_{i}} e^{- \\lambda}}{x_{i}!}``, ``x_{i} \\log \\lambda - \\lambda``."""

    def _print_Function(self, expr: sp.Basic, exp: str | None = None) -> str:
        """``f(x)``, ``\\phi(x, y)``, ``p(y | x)`` as the reader names them (``f(``, ``\\phi(,``:
        the bracket and its separators are part of the name) printed back as written, a word
        as ``\\operatorname``; any other function as before."""
        name = str(expr.func)
        head, _, signature = name.partition("(")
        marks = re_marks(signature)
        readable = "".join(marks) == signature and len(marks) == len(expr.args) - 1
        if not (isinstance(expr, AppliedUndef) and _HEAD.fullmatch(head) and readable):
            return str(super()._print_Function(expr, exp))
        if len(head) > 1 and not head.startswith("\\"):
            head = rf"\operatorname{{{head}}}"
        args = [self._print(arg) for arg in expr.args]
        inside = args[0] + "".join(
            SEPARATORS.get(mark, ", ") + arg for mark, arg in zip(marks, args[1:], strict=True))
        shown = rf"{head}\left({inside}\right)"
        return f"{shown}^{{{exp}}}" if exp else shown

    def _print_Rational(self, expr: sp.Rational) -> str:
        if finite_decimal(expr):  # a value as typed, 0.5: ArticlePrinter writes it so
            return super()._print_Rational(expr)
        sign = "- " if expr.p < 0 else ""
        return rf"{sign}\frac{{{abs(int(expr.p))}}}{{{int(expr.q)}}}"

    def _print_Add(self, expr: sp.Add, order: str | None = None) -> str:
        terms = list(expr.args)
        if len(terms) > self._settings["expand_limit"]:
            return super()._print_Add(expr, order)
        printed = [self._print(term) for term in terms]
        ordered = [p for p in printed if not p.startswith("-")]
        ordered += [p for p in printed if p.startswith("-")]
        out = ordered[0]
        for piece in ordered[1:]:
            out += f" - {piece[1:].lstrip()}" if piece.startswith("-") else f" + {piece}"
        return out

    def _print_series(self, expr: sp.Expr, sign: str) -> str:
        """Several limits are nested signs, the outer first: ``\\sum_{n} \\sum_{k} f``."""
        if len(expr.limits) == 1:
            return super()._print_series(expr, sign)
        body = self._print(expr.function)
        if isinstance(expr.function, sp.Add):
            body = f"({body})"
        signs = [f"{sign}_{{{self._print(i)}={self._print(lo)}}}^{{{self._print(hi)}}}"
                 for i, lo, hi in reversed(expr.limits)]
        return " ".join(signs) + f" {body}"

    def _print_Indexed(self, expr: sp.Indexed) -> str:
        """``y_{nk}`` for letters, as people write it; ``y_{1,2}`` for numbers."""
        if len(expr.indices) > 1 and all(isinstance(i, sp.Symbol) and len(i.name) == 1
                                         for i in expr.indices):
            return f"{self._print(expr.base.label)}_{{{''.join(map(str, expr.indices))}}}"
        return super()._print_Indexed(expr)

    def _print_log(self, expr: sp.Expr) -> str:
        """``\\log ((1 - y)^{1 - t})``: bare, ``\\log (1 - y)^{1 - t}`` reads as a power of
        the log (the reader takes it so), so a power of a parenthesised base keeps its own."""
        arg = expr.args[0]
        if isinstance(arg, sp.Pow) and isinstance(arg.base, (sp.Add, sp.Mul, sp.Pow)):
            return rf"\log {parenthesised(self._print(arg))}"
        return super()._print_log(expr)

    def _print_Pi(self, expr: sp.Expr) -> str:
        return r"\pi"

    def _print_sigmoid(self, expr: sp.Expr) -> str:
        return rf"\sigma({self._print(expr.args[0])})"

    def _print_tanh(self, expr: sp.Expr, exp: str | None = None) -> str:
        power = f"^{{{exp}}}" if exp else ""
        return rf"\tanh{power} ({self._print(expr.args[0])})"

    def _print_Exp1(self, expr: sp.Expr) -> str:
        return "e"

    def _print_Pow(self, expr: sp.Pow) -> str:
        if expr.exp == sp.Rational(1, 2):
            return rf"\sqrt{{{self._print(expr.base)}}}"
        if isinstance(expr.base, (sp.Sum, sp.Product, sp.Derivative)):
            return f"({self._print(expr.base)})^{{{self._print(expr.exp)}}}"
        if expr.exp == -1 and isinstance(expr.base, sp.Add):  # (1 + e^{-z})^{-1}: a fraction
            return rf"\frac{{1}}{{{self._print(expr.base)}}}"
        return super()._print_Pow(expr)

    def _print_Derivative(self, expr: sp.Derivative) -> str:
        """``\\frac{\\partial y_{i}}{\\partial a_{k}}``; a compound body in parentheses after
        the operator, so nothing after it can be read as differentiated too."""
        variables = " ".join(rf"\partial {self._print(v)}" for v, n in expr.variable_count
                             for _ in range(int(n)))
        order = sum(int(n) for _, n in expr.variable_count)
        top = r"\partial" if order == 1 else rf"\partial^{{{order}}}"
        body = expr.expr
        if isinstance(body, (sp.Symbol, sp.Indexed, sp.exp, sp.log)):
            return rf"\frac{{{top} {self._print(body)}}}{{{variables}}}"
        return rf"\frac{{{top}}}{{{variables}}} ({self._print(body)})"

    def _print_KroneckerDelta(self, expr: sp.KroneckerDelta, exp: object = None) -> str:
        i, j = (self._print(a) for a in expr.args)
        sep = "" if len(i) == 1 and len(j) == 1 else ","
        return rf"\delta_{{{i}{sep}{j}}}"

    def _print_factors(self, factors: list[sp.Expr]) -> str:
        """Factors side by side (``2 \\sigma^{2}``), roots gathered under one ``\\sqrt``."""
        roots = [f.base for f in factors if isinstance(f, sp.Pow) and f.exp == sp.Rational(1, 2)]
        if len(roots) > 1:
            rest = [f for f in factors if not (isinstance(f, sp.Pow)
                                               and f.exp == sp.Rational(1, 2))]
            root = rf"\sqrt{{{self._print_factors(roots)}}}"
            return root if not rest else f"{self._print_factors(rest)} {root}"
        if len(factors) > self._settings["expand_limit"]:
            return super()._print_factors(factors)
        ordered = sorted(factors, key=_rank)
        out = self._print_factor(ordered[0])
        for left, right in zip(ordered, ordered[1:], strict=False):
            out += _separator(left, right) + self._print_factor(right)
        return out

    def _print_Mul(self, expr: sp.Mul) -> str:
        if all(arg.is_Number for arg in expr.args):  # -1 * 0.5 (a value put in): -0.5
            value = sp.Mul(*expr.args)
            negatives = sum(1 for arg in expr.args if arg < 0)
            if value == 0 and negatives % 2:  # 1 - x_{2} at x_{2} = 0 is 1 - 0, not 1 + 0
                return "- 0"
            return self._print(value)
        if any(_negative_product(arg) for arg in expr.args[1:]):  # e^{-z} (-1 x): - e^{-z} x
            flat = [f for arg in expr.args for f in sp.Mul.make_args(arg)]
            numbers = [f for f in flat if f.is_Number]
            rest = [f for f in flat if not f.is_Number]
            return self._print_Mul(sp.Mul(sp.Mul(*numbers), *rest, evaluate=False))
        numerator, denominator = [], []
        for factor in expr.args:
            if isinstance(factor, sp.Pow) and factor.exp.is_Number and factor.exp < 0:
                denominator.append(sp.Pow(factor.base, -factor.exp, evaluate=False)
                                   if factor.exp != -1 else factor.base)
            elif isinstance(factor, sp.Rational) and not factor.is_Integer and len(expr.args) > 1:
                numerator.append(sp.Integer(factor.p))
                denominator.append(sp.Integer(factor.q))
            else:
                numerator.append(factor)
        if not denominator:
            return super()._print_Mul(expr)
        derivatives = [f for f in numerator if isinstance(f, sp.Derivative)]
        if derivatives and len(derivatives) < len(numerator):  # t/y dy/da, not (t dy/da)/y
            rest = [f for f in numerator if not isinstance(f, sp.Derivative)]
            fraction = sp.Mul(*rest, *(sp.Pow(d, -1, evaluate=False) for d in denominator),
                              evaluate=False)
            return f"{self._print_Mul(fraction)} {self._print(_product(derivatives))}"
        sign = ""
        if numerator and numerator[0].is_Number and numerator[0] < 0:
            sign, numerator[0] = "- ", -numerator[0]
        numerator = [f for f in numerator if f != 1]
        top = self._print(_product(numerator)) if numerator else "1"
        bottom = self._print(_product(denominator))
        return rf"{sign}\frac{{{top}}}{{{bottom}}}"


def _negative_product(factor: sp.Expr) -> bool:
    """An unevaluated product inside a product with a negative number in it (its sign would
    print in the middle of the outer product, where it reads as a minus)."""
    return isinstance(factor, sp.Mul) and any(f.is_Number and f < 0 for f in factor.args)


def _rank(factor: sp.Expr) -> int:
    """Numbers, then names and powers, then logs, then sums: ``2 N \\log \\lambda``."""
    if factor.is_Number:
        return 0
    if isinstance(factor, sp.Add):
        return 2
    if isinstance(factor, (sp.log, LogBase)):
        return 3
    if isinstance(factor, (sp.Sum, sp.Product, sp.Derivative)):
        return 4
    return 1


def _separator(left: sp.Expr, right: sp.Expr) -> str:
    """``\\times`` between numbers, ``\\cdot`` after a log or a sum and before a number, else a
    space: ``\\log \\lambda \\cdot \\sum`` never reads as the log of a product."""
    if left.is_Number and right.is_Number:
        return r" \times "
    if not left.free_symbols and not right.free_symbols:
        return r" \times "
    if right.is_Number or isinstance(left, (sp.log, LogBase, sp.Sum, sp.Product)):
        return r" \cdot "
    if isinstance(left, sp.Derivative) and isinstance(right, sp.Derivative):
        return r" \cdot "
    return " "


def _product(factors: list[sp.Expr]) -> sp.Expr:
    return factors[0] if len(factors) == 1 else sp.Mul(*factors, evaluate=False)


def spec_latex(expr: sp.Expr, expand_limit: int = 10, marks: Any = None) -> str:
    """A spec row in the writer's notation; ``marks`` (a ``highlight.Marks``) colours
    sub-terms."""
    return SpecPrinter({"expand_limit": expand_limit, "marks": marks}).doprint(expr)

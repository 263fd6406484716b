"""The printer for spec rows: the article's notation plus fractions and the writer's sign order.

Rows of a spec come from the reader, which builds ordinary SymPy trees: ``\\frac{a}{b}`` is
``a * b**-1`` and terms are in SymPy's order. This prints them back as a person writes them:
``\\frac{a}{b}``, positive terms first, exact fractions that are not decimals as ``\\frac``.
"""

from __future__ import annotations

import sympy as sp

from derivetex.render.printer import ArticlePrinter


class SpecPrinter(ArticlePrinter):
    """``\\frac{\\lambda^{x_{i}} e^{- \\lambda}}{x_{i}!}``, ``x_{i} \\log \\lambda - \\lambda``."""

    def _print_Rational(self, expr: sp.Rational) -> str:
        q = int(expr.q)
        if q == 1 or 10 ** (len(str(q)) - 1) == q:
            return super()._print_Rational(expr)
        sign = "- " if expr.p < 0 else ""
        return rf"{sign}\frac{{{abs(int(expr.p))}}}{{{q}}}"

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

    def _print_Mul(self, expr: sp.Mul) -> str:
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
        sign = ""
        if numerator and numerator[0].is_Number and numerator[0] < 0:
            sign, numerator[0] = "- ", -numerator[0]
        numerator = [f for f in numerator if f != 1]
        top = self._print(_product(numerator)) if numerator else "1"
        bottom = self._print(_product(denominator))
        return rf"{sign}\frac{{{top}}}{{{bottom}}}"


def _product(factors: list[sp.Expr]) -> sp.Expr:
    return factors[0] if len(factors) == 1 else sp.Mul(*factors, evaluate=False)


def spec_latex(expr: sp.Expr, expand_limit: int = 10) -> str:
    """A spec row in the writer's notation."""
    return SpecPrinter({"expand_limit": expand_limit}).doprint(expr)

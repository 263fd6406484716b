"""A derivation as plain text: what a notebook or a REPL shows as ``text/plain``.

A reader who sees no rendered math still reads the rows (``log(L) = log(y[1]**t[1]*...)``,
then ``= ...``), not a dump of the objects behind them. Long sums and products are elided in
the middle, as the other formats elide them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp
from sympy.printing.str import StrPrinter

from derivetex.config import Config
from derivetex.engine import Derivation
from derivetex.model.written import WrittenProduct, WrittenSum
from derivetex.render.wording import CATALOGS

ELLIPSIS = "..."


class PlainPrinter(StrPrinter):
    """SymPy's str printer with sums as Σ and products as ∏, elided past the limit."""

    def __init__(self, expand_limit: int) -> None:
        super().__init__({"order": "none"})
        self.expand_limit = expand_limit

    def _print_Sum(self, expr: sp.Sum) -> str:
        return self._series("Σ", expr)

    def _print_Product(self, expr: sp.Product) -> str:
        return self._series("∏", expr)

    def _series(self, sign: str, expr: Any) -> str:
        limits = "".join(f"{sign}[{self._print(i)}={self._print(a)}..{self._print(b)}] "
                         for i, a, b in reversed(expr.limits))
        return f"{limits}{self.parenthesize(expr.function, 60)}"

    def _print_Add(self, expr: sp.Add, order: str | None = None) -> str:
        return self._elided(expr, super()._print_Add, " + ")

    def _print_Mul(self, expr: sp.Mul) -> str:
        return self._elided(expr, super()._print_Mul, "*")

    def _print_WrittenSum(self, expr: WrittenSum) -> str:
        """A long written-out sum (built lazily, term by term), shown as the Add it stands for."""
        return self._written(expr.terms, " + ")

    def _print_WrittenProduct(self, expr: WrittenProduct) -> str:
        return self._written(expr.terms, "*")

    def _elided(self, expr: Any, whole: Any, joiner: str) -> str:
        """All terms up to the limit; above it the first two, ``...`` and the last."""
        if len(expr.args) <= self.expand_limit:
            return str(whole(expr))
        return self._written(expr.args, joiner)

    def _written(self, terms: Sequence[sp.Expr], joiner: str) -> str:
        if len(terms) > self.expand_limit:
            terms = [terms[0], terms[1], None, terms[-1]]
        return joiner.join(ELLIPSIS if t is None else self.parenthesize(t, 40) for t in terms)


def plain_summary(derivation: Derivation, config: Config) -> str:
    """The title, then each chain's rows (``lhs = row``, then ``  = row``), then the values."""
    printer = PlainPrinter(config.expand_limit)
    lines = [_title(derivation, config), ""]
    for chain in derivation.chains:
        if not chain.steps:
            continue
        head = f"{printer.doprint(chain.lhs)} = "
        rows = [printer.doprint(step.after) for step in chain.steps]
        lines.append(head + rows[0])
        lines += [" " * (len(head) - 2) + "= " + row for row in rows[1:]]
        lines.append("")
    lines += [f"{name} = {value:.6f}" for name, value in derivation.values.items()]
    steps = len(derivation.steps)
    lines.append(f"({steps} steps, every one verified by derivetex)")
    return "\n".join(lines)


def _title(derivation: Derivation, config: Config) -> str:
    if derivation.spec is not None:
        return str(derivation.spec.title.get(config.lang))
    return CATALOGS[config.lang].title

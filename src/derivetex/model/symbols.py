"""The symbols of a K-class sample: predictions y_k, labels t_k, and what is built from them.

Assumptions are declared here so that the log rules follow from them (y_k > 0, t_k >= 0),
never from a forced rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp


@dataclass(frozen=True)
class Symbols:
    """Everything a derivation names: the index k, the bound K, y, t, L and E."""

    k: sp.Symbol
    K: sp.Symbol
    y: sp.IndexedBase
    t: sp.IndexedBase
    L: sp.Symbol
    E: sp.Symbol

    def factor(self, index: sp.Expr) -> sp.Expr:
        """The likelihood factor y_index^t_index."""
        return sp.Pow(self.y[index], self.t[index], evaluate=False)

    def term(self, index: sp.Expr, base: sp.Expr | None) -> sp.Expr:
        """The log-likelihood term t_index log y_index."""
        from derivetex.model.logs import log_of

        return sp.Mul(self.t[index], log_of(self.y[index], base), evaluate=False)


def make_symbols() -> Symbols:
    """The article's symbols with the assumptions every rule relies on."""
    return Symbols(
        k=sp.Symbol("k", integer=True, positive=True),
        K=sp.Symbol("K", integer=True, positive=True),
        y=sp.IndexedBase("y", positive=True),
        t=sp.IndexedBase("t", nonnegative=True),
        L=sp.Symbol("L", positive=True),
        E=sp.Symbol("E", real=True),
    )

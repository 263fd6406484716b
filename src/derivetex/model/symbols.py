"""The symbols of a K-class sample: predictions y_k, labels t_k, and what is built from them.

Assumptions are declared here so that the log rules follow from them (y_k > 0, t_k >= 0),
never from a forced rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp


@lru_cache(maxsize=200_000)
def indexed(base: sp.IndexedBase, index: sp.Expr | int) -> sp.Indexed:
    """base[index], built once: an Indexed with assumptions costs ~45 µs, and K = 10 000 rows
    are instantiated term by term many times (rules, checks, sums written out)."""
    return base[index]


def instance(term: sp.Expr, index: sp.Symbol, value: sp.Expr | int) -> sp.Expr:
    """term with the summation index set to value, reusing the cached indexed atoms."""
    atoms = term.atoms(sp.Indexed)
    result = term.xreplace({a: indexed(a.base, value) for a in atoms if a.indices == (index,)})
    if index in result.free_symbols:  # k outside y_k (y_{k+1}, a factor k): the general way
        return term.xreplace({index: value})
    return result


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
        return sp.Pow(indexed(self.y, index), indexed(self.t, index), evaluate=False)

    def term(self, index: sp.Expr, base: sp.Expr | None) -> sp.Expr:
        """The log-likelihood term t_index log y_index."""
        from derivetex.model.logs import log_of

        return sp.Mul(indexed(self.t, index), log_of(indexed(self.y, index), base), evaluate=False)


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

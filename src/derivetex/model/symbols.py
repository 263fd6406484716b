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


class ProbabilitySymbol(sp.Symbol):
    """A symbol in the open interval (0, 1), such as the y of binary cross-entropy.

    SymPy's assumptions cannot say y < 1, so ``1 - y > 0`` is decided by ``positive``, which
    writes each probability as u / (1 + u) with u > 0 (every value in (0, 1) is one).
    """

    def __new__(cls, name: str, **assumptions: bool) -> ProbabilitySymbol:
        return super().__new__(cls, name, positive=True, **assumptions)


def in_positive_terms(expr: sp.Expr) -> sp.Expr:
    """expr with every ProbabilitySymbol p written as u / (1 + u), u > 0 (the same values)."""
    found = expr.atoms(ProbabilitySymbol)
    if not found:
        return expr
    return expr.xreplace({p: (u := sp.Dummy(f"{p.name}_u", positive=True)) / (1 + u)
                          for p in found})


def positive(expr: sp.Expr) -> bool:
    """expr > 0 under the declared assumptions, probabilities kept in (0, 1)."""
    if expr.is_positive:
        return True
    if isinstance(expr, sp.Product):
        return positive(expr.function)
    return bool(expr.atoms(ProbabilitySymbol)) and in_positive_terms(expr).is_positive is True

"""Generated expressions for the judge's property tests: sums over a symbolic bound K, indexed
names written out and by a letter, logarithms and derivatives, as a link's sides hold them."""

from __future__ import annotations

import sympy
from hypothesis import strategies as st

x, K, k = sympy.symbols("x K k")
y, t = sympy.IndexedBase("y"), sympy.IndexedBase("t")

_LEAVES = st.sampled_from([x, y[1], y[2], t[k], y[k], sympy.Integer(2), sympy.Rational(1, 3)])


def expressions(max_leaves: int = 6) -> st.SearchStrategy[sympy.Expr]:
    def grow(inner: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
        return st.one_of(
            st.tuples(inner, inner).map(lambda ab: ab[0] + ab[1]),
            st.tuples(inner, inner).map(lambda ab: ab[0] * ab[1]),
            inner.map(lambda a: sympy.log(a)),
            inner.map(lambda a: sympy.Sum(a, (k, 1, K))),
            inner.map(lambda a: sympy.Derivative(a, x)),
        )

    return st.recursive(_LEAVES, grow, max_leaves=max_leaves)

"""Sampling that ends at the first point where two sides differ decides as full sampling
does: its rows are the first rows of the full sample, and the sides agree on all of them
exactly when they agree on all of the full sample's."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.judge.expressions import K, expressions, y

from derivetex.judge import numeric as num


@settings(max_examples=80, deadline=None)
@given(expressions(max_leaves=5), expressions(max_leaves=5), st.integers(1, 3), st.booleans())
def test_ending_early_decides_as_sampling_everything(
    a: sympy.Expr, b: sympy.Expr, size: int, nudge: bool
) -> None:
    if nudge:  # a side that differs somewhere, not everywhere
        b = a + (y[1] - sympy.Rational(1, 2)) ** 2
    pair = [num.evaluable(num.expand_bounds(side, {K: size})) for side in (a, b)]
    full = num.sample(pair, "seed")
    early = num.sample(pair, "seed", enough=num._apart)
    assert (full is None) == (early is None)
    if full is None or early is None:
        return
    assert early == full[: len(early)]
    assert all(num.close(p, q) for p, q in early) == all(num.close(p, q) for p, q in full)

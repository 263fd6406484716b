"""The judge's remembered functions (``judge.memo``) answer as if computed afresh: a kept
result equals a new computation of the same argument, for generated expressions with sums,
derivatives and indexed names, and an argument that cannot be hashed is computed as before."""

from __future__ import annotations

from typing import Any

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.judge.expressions import K, expressions

from derivetex.judge import numeric as num
from derivetex.judge import terms
from derivetex.judge.memo import remembered


def _fresh(func: Any, *args: Any) -> Any:
    """What ``func`` computes with nothing kept (its own cache emptied first)."""
    func.cache_clear()
    return func(*args)


@settings(max_examples=60, deadline=None)
@given(expressions(), st.integers(min_value=1, max_value=4))
def test_kept_results_equal_fresh_ones(expr: sympy.Expr, size: int) -> None:
    instance = {K: sympy.Integer(size)}
    first = num.expand_bounds(expr, instance)
    again = num.expand_bounds(expr, dict(instance))  # an equal mapping, not the same object
    assert again == first == _fresh(num._expanded, expr, tuple(instance.items()))
    assert terms.carry_out(first) == _fresh(terms._carry_out, first, False)
    assert terms.evaluable(first) == _fresh(terms.evaluable, first)
    assert num.unknowns(first) == _fresh(num.unknowns, first)
    assert isinstance(num.unknowns(first), frozenset)  # no caller can change a kept set


def test_an_argument_that_cannot_be_hashed_is_computed_each_time() -> None:
    calls: list[object] = []

    @remembered
    def size(matrix: sympy.MutableDenseMatrix) -> int:
        calls.append(matrix)
        return int(matrix.rows)

    matrix = sympy.Matrix([[1, 2], [3, 4]])  # mutable: no hash
    assert size(matrix) == 2 and size(matrix) == 2
    assert len(calls) == 2
    frozen = sympy.ImmutableMatrix(matrix)
    assert size(frozen) == 2 and size(frozen) == 2
    assert len(calls) == 3  # kept the second time

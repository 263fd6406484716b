"""The mpmath walk gives SymPy's own values: the same number, or no number where SymPy has none."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.judge.numeric import _sympy_value, value

X, Y = sympy.symbols("x y")
Z = sympy.IndexedBase("z")[1]
LEAVES = [X, Y, Z, sympy.Integer(2), sympy.Rational(1, 3), sympy.Integer(-1), sympy.pi, sympy.E]
UNARY = [sympy.log, sympy.exp, sympy.tanh, sympy.sin, sympy.sqrt, sympy.Abs, lambda e: -e]
BINARY = [
    lambda a, b: sympy.Add(a, b),
    lambda a, b: sympy.Mul(a, b),
    lambda a, b: a / b,
    lambda a, b: sympy.Pow(a, b),
    lambda a, b: sympy.KroneckerDelta(a, b),
]


def expressions() -> st.SearchStrategy[sympy.Expr]:
    return st.recursive(
        st.sampled_from(LEAVES),
        lambda inner: st.one_of(
            st.builds(lambda f, e: f(e), st.sampled_from(UNARY), inner),
            st.builds(lambda f, a, b: f(a, b), st.sampled_from(BINARY), inner, inner),
        ),
        max_leaves=6,
    )


POINT = st.fixed_dictionaries(
    {
        X: st.fractions(min_value=-3, max_value=3, max_denominator=50),
        Y: st.fractions(min_value=0, max_value=3, max_denominator=50),
        Z: st.fractions(min_value=-1, max_value=1, max_denominator=50),
    }
).map(lambda d: {k: sympy.Rational(v.numerator, v.denominator) for k, v in d.items()})


@settings(max_examples=300, deadline=None)
@given(expressions(), POINT)
def test_the_walk_agrees_with_sympy(
    expr: sympy.Expr, point: dict[sympy.Basic, sympy.Basic]
) -> None:
    walked, evaluated = value(expr, point), _sympy_value(expr, point)
    assert (walked is None) == (evaluated is None), (expr, point, walked, evaluated)
    if evaluated is None:
        return
    assert abs(walked - evaluated) <= sympy.Float("1e-20") * max(1, abs(evaluated)), (expr, point)


def test_a_name_without_value_or_an_unknown_function_gives_no_number() -> None:
    f = sympy.Function("f")
    assert value(X + Y, {X: sympy.Integer(1)}) is None
    assert value(f(X), {X: sympy.Integer(1)}) is None
    assert value(sympy.log(X), {X: sympy.Integer(0)}) is None
    assert value(1 / X, {X: sympy.Integer(0)}) is None
    assert value(sympy.log(X), {X: sympy.Integer(-2)}) is None  # complex, not real


def test_a_sum_left_to_sympy_still_has_its_value() -> None:
    k = sympy.Symbol("k", integer=True)
    assert value(sympy.Sum(1 / k**2, (k, 1, 3)), {}) == sympy.Float(sympy.Rational(49, 36), 30)

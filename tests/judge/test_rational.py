"""judge.rational: a difference that is 0 as a rational function of its atoms is 0, and
nothing else is claimed (soundness checked at random points, not by string)."""

from __future__ import annotations

import random

import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from derivetex.judge.rational import is_rational_zero

a, b, x = sp.symbols("a b x", positive=True)
z = sp.IndexedBase("z", real=True)


def test_a_softmax_sums_to_one_as_a_rational_function_of_its_exponentials() -> None:
    total = sum(sp.exp(z[k]) for k in range(1, 4))
    assert is_rational_zero(sp.expand(sum(sp.exp(z[k]) / total for k in range(1, 4)) - 1))


def test_an_integer_multiple_in_an_exponent_is_a_power() -> None:
    assert is_rational_zero(sp.exp(2 * a) - sp.exp(a) ** 2)
    assert is_rational_zero(sp.exp(-a) * sp.exp(a) - 1)


def test_the_sigmoid_derivative() -> None:
    s = 1 / (1 + sp.exp(-x))
    assert is_rational_zero(s * (1 - s) - sp.exp(-x) / (1 + sp.exp(-x)) ** 2)


def test_an_identity_between_atoms_is_not_claimed() -> None:
    """log(ab) = log a + log b holds, but not as rational functions: the caller simplifies."""
    assert not is_rational_zero(sp.log(a * b) - sp.log(a) - sp.log(b))
    assert not is_rational_zero(sp.exp(a / 2) ** 2 - sp.exp(a) + 1)


def test_a_float_coefficient_raises_nothing_and_proves_nothing_false() -> None:
    assert not is_rational_zero(sp.Float(0.5) * sp.exp(a) - sp.exp(a) / 3)


_ATOMS = [sp.exp(a), sp.log(b), sp.exp(-a), sp.sqrt(b), x, sp.Integer(2), sp.exp(3 * a)]


def _rational() -> st.SearchStrategy[sp.Expr]:
    leaves = st.sampled_from(_ATOMS)
    return st.recursive(leaves, lambda c: st.one_of(
        st.tuples(c, c).map(lambda p: p[0] + p[1]),
        st.tuples(c, c).map(lambda p: p[0] * p[1]),
        st.tuples(c, c).map(lambda p: p[0] / (p[1] + 3)),  # never 0 at positive points
    ), max_leaves=7)


def _value(expr: sp.Expr, seed: int) -> complex:
    rng = random.Random(seed)
    point = {a: sp.Rational(rng.randint(1, 30), 11), b: sp.Rational(rng.randint(1, 30), 7),
             x: sp.Rational(rng.randint(1, 30), 13)}
    return complex(sp.N(expr.xreplace(point), 30))


@settings(max_examples=60, deadline=None)
@given(_rational(), _rational())
def test_a_proof_is_never_wrong(left: sp.Expr, right: sp.Expr) -> None:
    """Whatever two expressions are compared, 'zero' is said only when they agree at random
    points (the proof is checked a second, independent way)."""
    if is_rational_zero(sp.expand(left - right)):
        for seed in range(3):
            assert abs(_value(left - right, seed)) < 1e-20 * (1 + abs(_value(left, seed)))


@settings(max_examples=60, deadline=None)
@given(_rational())
def test_a_rearranged_expression_is_proved_equal(expr: sp.Expr) -> None:
    """An expression against its own cancelled form is proved equal; off by 1, it is not.
    (Not with a square root: cancel uses sqrt(b)^2 = b, an identity between atoms.)"""
    assume(not expr.has(sp.sqrt(b)))
    assert is_rational_zero(sp.expand(expr - sp.cancel(sp.together(expr))))
    assert not is_rational_zero(sp.expand(expr - sp.cancel(sp.together(expr)) + 1))

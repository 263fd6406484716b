"""Property-based: for random K <= 40 and random y, t every step holds and E = -sum t ln y."""

from __future__ import annotations

import math
import random

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import derivetex
from derivetex.engine.checks import expand_definitions
from derivetex.model import make_symbols
from derivetex.model.logs import to_natural

S = make_symbols()


@st.composite
def samples(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Predictions as decimals summing exactly to 1, labels one-hot or soft."""
    n = draw(st.integers(min_value=1, max_value=40))
    weights = draw(st.lists(st.integers(1, 1000), min_size=n, max_size=n))
    total = sum(weights)
    y = [sp.Rational(w * 10**6 // total, 10**6) for w in weights]
    y[-1] += 1 - sum(y)
    if draw(st.booleans()):
        hot = draw(st.integers(0, n - 1))
        t = ["1" if i == hot else "0" for i in range(n)]
    else:
        t = [str(draw(st.integers(0, 20)) / 10) for _ in range(n)]
    return [_decimal(v) for v in y], t


def _decimal(value: sp.Rational) -> str:
    return format(sp.Float(value, 20), ".6f")


@settings(max_examples=25)
@given(samples())
def test_cross_entropy_equals_direct_sum(sample: tuple[list[str], list[str]]) -> None:
    y, t = sample
    doc = derivetex.derive(y=y, t=t)
    direct = -math.fsum(float(tk) * math.log(float(yk)) for yk, tk in zip(y, t, strict=True)
                        if float(tk) != 0)
    assert abs(doc.derivation.values["E"] - direct) <= 1e-12 * max(1.0, abs(direct))


@settings(max_examples=15)
@given(samples(), st.randoms(use_true_random=False))
def test_every_equality_step_holds_at_random_points(
    sample: tuple[list[str], list[str]], rng: random.Random
) -> None:
    """Re-checked with SymPy's evalf, not with the engine's own evaluator."""
    y, t = sample
    doc = derivetex.derive(y=y, t=t, K=str(len(y)))
    n = len(y)
    point = {S.y[i]: sp.Rational(rng.randint(1, 99), 100) for i in range(1, n + 1)}
    point |= {S.t[i]: sp.Rational(rng.randint(0, 30), 10) for i in range(1, n + 1)}
    definitions = {S.L: sp.Mul(*(S.y[i] ** S.t[i] for i in range(1, n + 1))),
                   S.E: -sp.log(S.L)}
    for step in doc.derivation.steps:
        if step.rule.relation != "equals" or step.before.has(S.K) or step.after.has(S.K):
            continue
        before = _value(expand_definitions(step.before, definitions), point)
        after = _value(expand_definitions(step.after, definitions), point)
        assert math.isclose(before, after, rel_tol=1e-10, abs_tol=1e-12), step.rule.name


def _value(expr: sp.Expr, point: dict) -> float:
    return float(sp.N(to_natural(expr.doit()).xreplace(point), 30))

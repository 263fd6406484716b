"""The rules specs add, one table of `before -> after` each, every rewrite checked to hold at
random points (and property-based for random values); plus the inference that names them."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.engine.inference import Move, find_sequence, same_form
from derivetex.judge.equality import judge_equal
from derivetex.model.symbols import ProbabilitySymbol, positive
from derivetex.render.spec_printer import spec_latex
from derivetex.rules import RULES

lam = sp.Symbol("lambda", positive=True)
mu = sp.Symbol("mu", real=True)
N = sp.Symbol("N", positive=True, integer=True)
i = sp.Symbol("i", positive=True, integer=True)
x = sp.IndexedBase("x", positive=True, integer=True)
M = sp.Symbol("M", real=True)
p = ProbabilitySymbol("p")


def ln(arg: sp.Expr) -> sp.Expr:
    return sp.log(arg, evaluate=False)


def mul(*args: sp.Expr) -> sp.Expr:
    return sp.Mul(*args, evaluate=False)


MEAN_OF_SQUARES = sp.Sum((x[i] - mu) ** 2, (i, 1, N)) / N
CASES = [
    ("log_quotient", ln(mul(lam ** x[i], 1 / sp.factorial(x[i]))), {},
     r"\log \lambda^{x_{i}} - \log x_{i}!"),
    ("log_quotient", ln(1 / lam), {}, r"- \log \lambda"),
    ("log_exp", ln(sp.exp(-lam, evaluate=False)), {}, r"- \lambda"),
    ("sum_linearity", sp.Sum(x[i] * ln(lam) - lam, (i, 1, N)), {},
     r"\log \lambda \cdot \sum_{i=1}^{N} x_{i} - N \lambda"),
    ("write_out", sp.Sum(x[i] * ln(x[i]), (i, 1, 2)), {},
     r"x_{1} \log x_{1} + x_{2} \log x_{2}"),
    ("mean", sp.Sum((x[i] - mu) ** 2, (i, 1, N)), {"means": {M: MEAN_OF_SQUARES}}, "N M"),
    ("use_definition", ln(M), {"definitions": {M: lam ** 2}}, r"\log \lambda^{2}"),
    ("log_power", ln((1 - p) ** lam), {}, r"\lambda \log (1 - p)"),
]
IDS = [f"{name}: {spec_latex(before)} -> {after}" for name, before, _, after in CASES]


@pytest.mark.parametrize(("name", "before", "params", "after"), CASES, ids=IDS)
def test_rule_rewrites_and_the_rewrite_holds(name, before, params, after):
    result = RULES[name].apply(before, **params)
    assert spec_latex(result) == after
    definitions = {**params.get("definitions", {}), **params.get("means", {})}
    verdict = judge_equal(before.xreplace(definitions), result.xreplace(definitions), name)
    assert verdict.holds, verdict.failed


def test_rules_that_do_not_apply_return_their_input():
    assert RULES["log_quotient"].apply(ln(lam)) == ln(lam)
    assert RULES["log_exp"].apply(ln(sp.exp(sp.I * lam))) == ln(sp.exp(sp.I * lam))
    assert RULES["write_out"].apply(sp.Sum(x[i], (i, 1, N))) == sp.Sum(x[i], (i, 1, N))
    not_positive = sp.Symbol("a", real=True)
    assert RULES["log_quotient"].apply(ln(lam / not_positive)) == ln(lam / not_positive)


def test_a_probability_keeps_one_minus_it_positive():
    assert positive(1 - p) and positive(p) and not positive(1 - lam)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.lists(st.integers(1, 999), min_size=6, max_size=6),
       st.integers(1, 999))
def test_rewrites_hold_at_random_values(n, xs, rate):
    """Each rewrite gives the same number as its input, for random sizes and values."""
    values = {lam: sp.Rational(rate, 100), mu: sp.Rational(xs[0], 1000)}
    values.update({x[j]: sp.Rational(v, 100) for j, v in enumerate(xs, start=1)})
    for name, before, params, _ in CASES:
        if name in ("mean", "use_definition") or before.has(p):
            continue
        after = RULES[name].apply(before, **params)

        def value(expr: sp.Expr) -> sp.Expr:
            written = expr.xreplace({N: n}).doit().xreplace({i: 2})
            return sp.N(written.xreplace(values), 30)

        a, b = value(before), value(after)
        assert a.is_real and abs(a - b) <= 1e-20 * max(1, abs(a)), name


def test_inference_finds_the_shortest_sequence_and_says_none_when_there_is_none():
    moves = [Move(RULES[n]) for n in ("log_product", "log_power", "log_quotient", "log_exp")]
    before = ln(mul(lam ** x[i], sp.exp(-lam, evaluate=False)))
    after = x[i] * ln(lam) - lam
    found = find_sequence(before, after, moves)
    assert found is not None
    assert [m.rule.name for m in found] == ["log_product", "log_power", "log_exp"]
    assert find_sequence(before, x[i] * ln(lam) + lam, moves) is None


def test_same_form_is_about_writing_not_value():
    assert same_form(lam + x[1], x[1] + lam)
    assert same_form(2 * (lam + 1), 2 * lam + 2)
    assert not same_form(ln(lam**2), 2 * ln(lam))  # equal in value, written differently

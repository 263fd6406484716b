"""The calculus rules: one `before -> after` table, each rewrite judged to hold, and
property tests that the rules' output differentiates as SymPy differentiates."""

from __future__ import annotations

import random

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.engine.checks import expand_definitions
from derivetex.judge.equality import judge_equal
from derivetex.model.functions import as_exponentials, sigmoid
from derivetex.model.symbols import ProbabilitySymbol
from derivetex.render.spec_printer import spec_latex
from derivetex.rules import RULES

w = sp.Symbol("w", real=True)
z = sp.Symbol("z", real=True)
N = sp.Symbol("N", positive=True, integer=True)
i = sp.Symbol("i", positive=True, integer=True)
x = sp.IndexedBase("x", real=True)
y = sp.IndexedBase("y", real=True)
p = ProbabilitySymbol("p")


def d(expr: sp.Expr, var: sp.Expr) -> sp.Expr:
    return sp.Derivative(expr, var, evaluate=False)


def mul(*args: sp.Expr) -> sp.Expr:
    return sp.Mul(*args, evaluate=False)


RESIDUAL = w * x[i] - y[i]
CASES = [
    ("power_rule", d(w ** 3, w), r"3 w^{2}"),
    ("power_rule", d(w, w), "1"),
    ("chain_rule", d(RESIDUAL ** 2, w),
     r"2 (w x_{i} - y_{i}) \frac{\partial}{\partial w} (w x_{i} - y_{i})"),
    ("chain_rule", d(sp.log(1 - p, evaluate=False), p),
     r"\frac{\frac{\partial}{\partial p} (1 - p)}{1 - p}"),
    ("chain_rule", d(sigmoid(w * z), w),
     r"\sigma(w z) (1 - \sigma(w z)) \frac{\partial}{\partial w} (w z)"),
    ("chain_rule", d(sp.tanh(w * z), w),
     r"(1 - \tanh (w z)^{2}) \frac{\partial}{\partial w} (w z)"),
    ("product_rule", d(mul(w, sp.exp(w)), w),
     r"e^{w} \frac{\partial w}{\partial w} + w \frac{\partial e^{w}}{\partial w}"),
    ("d_constant", d(y[i], w), "0"),
    ("d_constant", d(sp.Integer(1), p), "0"),
    ("diff_sum", d(sp.Sum(RESIDUAL ** 2, (i, 1, N)), w),
     r"\sum_{i=1}^{N} \frac{\partial}{\partial w} ((w x_{i} - y_{i})^{2})"),
    ("d_sigmoid", d(sigmoid(z), z), r"\sigma(z) (1 - \sigma(z))"),
    ("d_tanh", d(sp.tanh(z), z), r"1 - \tanh (z)^{2}"),
    ("diff_linearity", d(1 - p, p),
     r"\frac{\partial}{\partial p} (1) - \frac{\partial p}{\partial p}"),
]
IDS = [f"{name}: {spec_latex(before)} -> {after}" for name, before, after in CASES]


@pytest.mark.parametrize(("name", "before", "after"), CASES, ids=IDS)
def test_rule_rewrites_and_the_rewrite_holds(name, before, after):
    result = RULES[name].apply(before)
    assert spec_latex(result) == after
    verdict = judge_equal(expand_definitions(before, {}), expand_definitions(result, {}), name)
    assert verdict.holds, verdict.failed


@pytest.mark.parametrize(("name", "before"), [
    ("power_rule", d(w ** w, w)),            # the exponent moves with w: not a power rule
    ("power_rule", d(z ** 2, w)),            # not the variable: d_constant's case
    ("chain_rule", d(sp.log(w), w)),         # the argument is the variable: d_log's case
    ("product_rule", d(mul(z, w), w)),       # a constant factor: linearity's case
    ("d_constant", d(RESIDUAL, w)),          # depends on w
    ("diff_sum", d(sp.Sum(x[i], (i, 1, N)), x[i])),  # the sum's own index
    ("d_sigmoid", d(sigmoid(w * z), w)),     # an expression inside: the chain rule's case
], ids=lambda v: v if isinstance(v, str) else spec_latex(v))
def test_rules_that_do_not_apply_return_their_input(name, before):
    assert RULES[name].apply(before) == before


OUTER = {
    "log": lambda u: sp.log(u), "exp": sp.exp, "sigmoid": sigmoid, "tanh": sp.tanh,
    "square": lambda u: u ** 2, "cube": lambda u: u ** 3, "root": sp.sqrt,
}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(OUTER)), st.integers(1, 5), st.integers(1, 5),
       st.integers(1, 40))
def test_the_chain_rule_differentiates_as_sympy_does(outer, a, b, at):
    """d/dw F(a w + b) by the chain rule, the rest carried out, equals sympy.diff."""
    body = OUTER[outer](a * w + b)
    rewritten = RULES["chain_rule"].apply(d(body, w))
    assert rewritten != d(body, w)
    ours = as_exponentials(rewritten).doit()
    theirs = sp.diff(as_exponentials(body), w)
    point = {w: sp.Rational(at, 10)}
    assert abs(sp.N(ours.subs(point) - theirs.subs(point))) < 1e-9


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=2, max_size=4), st.integers(1, 30))
def test_product_and_power_rules_differentiate_as_sympy_does(powers, at):
    """d/dw of a product of powers of w and e^{w}: the product rule, then each factor."""
    factors = [w ** n if n else sp.exp(w) for n in powers]
    body = mul(*factors)
    once = RULES["product_rule"].apply(d(body, w))
    twice = RULES["power_rule"].apply(RULES["d_exp"].apply(once))
    value = {w: sp.Rational(at, 7)}
    expected = sp.diff(sp.Mul(*factors), w).subs(value)
    assert abs(sp.N(twice.doit().subs(value) - expected)) < 1e-9 * max(1, abs(sp.N(expected)))


def test_a_derivative_of_a_name_free_of_the_variable_is_zero_in_checks():
    assert expand_definitions(d(y[i], w) + 1, {}) == 1
    rng = random.Random(1)
    assert sp.N(as_exponentials(sigmoid(z)).subs(z, rng.random())) > 0


@settings(max_examples=20, deadline=None)
@given(st.integers(-40, 40))
def test_the_sigmoids_derivative_is_its_definitions(at):
    """fdiff (what the judge differentiates by) against d/dz 1/(1 + e^{-z}), and its value."""
    point = sp.Rational(at, 10)
    by_definition = sp.diff(1 / (1 + sp.exp(-z)), z).subs(z, point)
    assert abs(sp.N(sigmoid(z).diff(z).subs(z, point) - by_definition)) < 1e-12
    assert abs(sp.N(sigmoid(point)) - sp.N(1 / (1 + sp.exp(-point)))) < 1e-12

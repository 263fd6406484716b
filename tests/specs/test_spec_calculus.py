"""The calculus rules at work in shipped specs: the MSE gradient justified row by row, the
Bernoulli score filled, its MLE solved, each example's number worked out by hand too."""

from __future__ import annotations

import math
from functools import cache

import pytest

import derivetex
from derivetex.specs.build import build_spec
from derivetex.specs.loader import SpecError, load_spec


@cache
def data(name: str) -> dict:
    return derivetex.derive(derivation=name, lang="en").to_data()


def test_the_mse_gradient_is_justified_row_by_row():
    rows = [s["rules"] for s in data("mse-gradient")["steps"] if s["chain"] == "gradient"]
    assert rows[1] == ["diff_linearity", "diff_sum"]
    assert rows[2] == ["chain_rule"]
    assert rows[3] == ["diff_linearity"]
    assert "power_rule" in rows[4] and "d_constant" in rows[4]


def test_the_mse_example_is_the_gradient_worked_out_by_hand():
    xs, ys, w = (1, 2, 3), (2, 3, 7), 2
    by_hand = 2 / 3 * sum((w * a - b) * a for a, b in zip(xs, ys, strict=True))
    assert math.isclose(data("mse-gradient")["values"]["dE_dw"], by_hand)


def test_the_bernoulli_score_is_filled_and_its_mle_solved():
    steps = data("bernoulli-mle")["steps"]
    score = [s for s in steps if s["chain"] == "score"]
    filled = [s for s in score if s.get("filled")]
    assert len(filled) >= 5 and {"chain_rule", "d_log", "d_constant"} <= {
        r for s in filled for r in s["rules"]}
    assert all(s["verified"] for s in steps)
    (solve,) = [s for s in steps if s["chain"] == "estimate"]
    assert solve["rules"] == ["set_derivative_zero"] and solve["relation"] == "solves"
    assert math.isclose(data("bernoulli-mle")["values"]["p_hat"], 3 / 4)


SCORE = """
spec = 1
name = "wrong-mle"
title = "t"
[symbols]
x = { indexed = true, nonnegative = true }
p = { range = [0, 1] }
i = { index = true, range = [1, "N"] }
N = { positive = true, integer = true }
[definitions]
S = '\\sum_{i=1}^{N} (\\frac{x_{i}}{p} - \\frac{1 - x_{i}}{1 - p})'
[[chains]]
name = "score"
lhs = 'S'
rows = ['\\sum_{i=1}^{N} (\\frac{x_{i}}{p} - \\frac{1 - x_{i}}{1 - p})']
[[chains]]
name = "estimate"
lhs = 'q'
rows = [{ latex = 'SOLUTION', rule = "set_derivative_zero", zero = "score", solve = 'p' }]
"""


def test_a_wrong_solution_is_refused_naming_the_row():
    with pytest.raises(SpecError, match=r"rows\[1\].*does not make the derivative 0"):
        build_spec(load_spec(SCORE.replace("SOLUTION", r"\frac{1}{2 N} \sum_{i=1}^{N} x_{i}")))
    with pytest.raises(SpecError, match="still contains p"):
        build_spec(load_spec(SCORE.replace("SOLUTION", r"p")))
    right = build_spec(load_spec(SCORE.replace("SOLUTION", r"\frac{1}{N} \sum_{i=1}^{N} x_{i}")))
    assert right.chains[1].steps[0].params["parameter"].name == "p"

"""An expectation over x of something free of x is that thing (verify/readings/information.py)."""

from __future__ import annotations

import sympy

from derivetex.verify.readings.information import constant_expectations
from derivetex.verify.readings.side import read


def sides(left: str, right: str) -> tuple[sympy.Expr, sympy.Expr]:
    a, b = read(left).expr, read(right).expr
    assert a is not None and b is not None
    return a, b


def test_an_expectation_over_x_of_a_term_without_x_is_that_term() -> None:
    a, b = constant_expectations(*sides(r"E_x[-\log p(y)]", r"-\sum_x p(x) \log q(x)"))
    assert a == -sympy.log(sympy.Function("p(")(sympy.Symbol("y")))
    assert b.has(sympy.Sum)


def test_the_subscript_that_names_a_distribution_is_left_alone() -> None:
    # E_p[log q(x)]: p is the distribution (it is a function in the link), not the outcome
    a, b = sides(r"E_p[\log q(x)]", r"\sum_x p(x) \log q(x)")
    assert constant_expectations(a, b) == (a, b)


def test_a_body_that_depends_on_the_outcome_stays_an_expectation() -> None:
    a, b = sides(r"E_x[\log q(x)]", r"\sum_x p(x) \log q(x)")
    assert constant_expectations(a, b) == (a, b)

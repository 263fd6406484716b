"""Inequalities that hold for distributions (masses summing to 1) are confirmed by drawing
the masses that way; they are never errors (verify/decide/link.py, judge/numeric.py)."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.judge import numeric as num
from derivetex.verify import audit_text

TEXT = r"""
The entropy and the KL divergence of distributions p and q.

$$ D_{KL}(p \| q) \geq 0 $$

$$ H(p) \geq 0 $$

$$ -\sum_i p_i \log p_i \le -\sum_i p_i \log q_i $$

$$ H(p, q) \le 0 $$

$$ D_{KL}(p \| q) \le 0 $$
"""


def test_gibbs_and_nonnegativity_hold_for_distributions() -> None:
    report = audit_text(TEXT, "md")
    assert [(f.line, f.status) for f in report.findings] == [
        (4, "ok"),
        (6, "ok"),
        (8, "ok"),
        (10, "unchecked"),  # false, but an inequality is never an error
        (12, "unchecked"),
    ]
    assert "as distributions" in report.findings[0].message


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 5), st.text(min_size=1, max_size=8))
def test_masses_drawn_as_a_distribution_sum_to_one(size: int, seed: str) -> None:
    p = sympy.Function("p(")
    base = sympy.IndexedBase("p")
    names = {p(k) for k in range(1, size + 1)}
    point = next(num.random_points(names, seed, frozenset({base})))
    assert sum(point.values()) == 1
    assert all(v > 0 for v in point.values())

"""Extreme or hostile math is reported `unchecked` with a reason: never a hang or a traceback."""

from __future__ import annotations

import pytest

from derivetex.verify import audit_text

CASES = [
    (r"10^{10^{10}} = 1", "too large"),
    (r"2^{1000000} = 1", "too large"),
    (r"\sum_{k=1}^{10000000} k = 50000005000000", "limit reached"),
    (r"\frac{1}{0} = \infty", "cannot be evaluated"),
    (r"\int_0^1 f(x) dx = 1", "no earlier link gives a value"),  # an integral is opaque
    (r"\lim_{x \to 0} f(x) = 1", "not read"),
]


@pytest.mark.parametrize(("latex", "reason"), CASES, ids=[c[0] for c in CASES])
def test_extreme_link_is_unchecked_with_a_reason(latex: str, reason: str) -> None:
    report = audit_text(f"$$\n{latex}\n$$\n", "md")
    statuses = [f.status for f in report.findings]
    assert statuses and set(statuses) == {"unchecked"}
    assert reason in report.findings[0].message


def test_large_but_reasonable_power_is_still_checked() -> None:
    report = audit_text("$$\n2^{100} = 1267650600228229401496703205376\n$$\n", "md")
    assert [f.status for f in report.findings] == ["ok"]

"""Each reading of ``reader.readings``: its example uses it, its counter-example does not."""

from __future__ import annotations

import pytest

from derivetex.reader import read_alternatives
from derivetex.reader.readings import BY_CODE, READINGS

PINNED = {
    "R201": (r"ylog\hat{y}", "cost"),
    "R203": ("1e-3", "2e"),
    "R210": (r"y_k(\phi_n)", "p(1 - p)"),
    "R211": ("w(x + 1)", r"\sigma(z)"),
    "R212": (r"\log P(A) \cdot P(B)", r"\log (P(A) P(B))"),
    "R213": (r"\log P(A) \cdot P(B)", r"\log (P(A)) \cdot P(B)"),
    "R214": (r"\log 2 \pi \sigma^2", r"\log (2) \pi"),
    "R215": (r"\log x y", r"\log (x y)"),
    "R220": ("abc", r"\mathrm{abc}"),
    "R221": ("loss", r"\log x"),
    "R222": ("Var(X)", "x y (1 - y)"),
    "R223": ("xy(1 - y)", "Var"),
    "R230": ("e^{x}", "e_i"),
    "R231": ("e^{x}", r"\mathrm{e}^{x}"),
    "R232": ("2e-3", "2e - 3"),
    "R233": ("2e-3", "1e3"),
    "R240": ("x^T W x", r"x^{\top} W x"),
    "R241": ("x^T W x", r"x^{\top} W x"),
}
"""code -> (an example that uses the reading, a counter-example that never does)."""


def _codes(latex: str) -> set[str]:
    return {code for alt in read_alternatives(latex) for code in alt.readings}


def test_every_reading_is_pinned() -> None:
    assert set(PINNED) | {"R204"} == set(BY_CODE)
    assert len(BY_CODE) == len(READINGS)


@pytest.mark.parametrize("code", sorted(PINNED))
def test_the_example_uses_the_reading(code: str) -> None:
    assert code in _codes(PINNED[code][0])


@pytest.mark.parametrize("code", sorted(PINNED))
def test_the_counter_example_does_not(code: str) -> None:
    assert code not in _codes(PINNED[code][1])


def test_new_readings_are_confirm_only() -> None:
    """Readings added this round start in preview; those the reader always made accuse."""
    accusing = {r.code for r in READINGS if r.accuses}
    assert accusing == {"R204", "R211", "R212", "R214", "R220", "R230", "R240"}

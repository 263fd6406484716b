"""Each reading of ``reader.readings``: its example uses it, its counter-example does not."""

from __future__ import annotations

import pytest

from derivetex.reader import read_alternatives
from derivetex.reader.readings import BY_CODE, READINGS

PINNED = {
    "R501": (r"ylog\hat{y}", "cost"),
    "R503": ("1e-3", "2e"),
    "R510": (r"y_k(\phi_n)", "p(1 - p)"),
    "R511": ("w(x + 1)", r"\sigma(z)"),
    "R512": (r"\log P(A) \cdot P(B)", r"\log (P(A) P(B))"),
    "R513": (r"\log P(A) \cdot P(B)", r"\log (P(A)) \cdot P(B)"),
    "R514": (r"\log 2 \pi \sigma^2", r"\log (2) \pi"),
    "R515": (r"\log x y", r"\log (x y)"),
    "R520": ("abc", r"\mathrm{abc}"),
    "R521": ("loss", r"\log x"),
    "R522": ("Var(X)", "x y (1 - y)"),
    "R523": ("xy(1 - y)", "Var"),
    "R530": ("e^{x}", "e_i"),
    "R531": ("e^{x}", r"\mathrm{e}^{x}"),
    "R532": ("2e-3", "2e - 3"),
    "R533": ("2e-3", "1e3"),
    "R540": ("x^T W x", r"x^{\top} W x"),
    "R541": ("x^T W x", r"x^{\top} W x"),
}
"""code -> (an example that uses the reading, a counter-example that never does)."""


def _codes(latex: str) -> set[str]:
    return {code for alt in read_alternatives(latex) for code in alt.readings}


def test_every_reading_is_pinned() -> None:
    assert set(PINNED) | {"R504"} == set(BY_CODE)
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
    assert accusing == {"R504", "R511", "R512", "R514", "R520", "R530", "R540"}

"""R503: numbers as written in E-notation (``1e-3``, ``2.5E+4``); Euler's e next to digits
(``2e``, ``e^{x}``, ``2e - 3``) is unaffected."""

from __future__ import annotations

import pytest
import sympy
from reader_docs import verdicts

from derivetex.reader import Unreadable, parse


@pytest.mark.parametrize(
    ("latex", "value"),
    [
        ("1e3", sympy.Integer(1000)),
        ("1e-3", sympy.Rational(1, 1000)),
        ("2.5e-4", sympy.Rational(1, 4000)),
        ("1E+3", sympy.Integer(1000)),
        ("3E2", sympy.Integer(300)),
        ("-2e-3", sympy.Rational(-1, 500)),
    ],
)
def test_e_notation_is_a_number(latex: str, value: sympy.Expr) -> None:
    assert parse(latex)[0] == value


@pytest.mark.parametrize(
    ("latex", "value"),
    [
        ("2e", 2 * sympy.E),
        ("e^{x}", sympy.exp(sympy.Symbol("x"))),
        ("2e - 3", 2 * sympy.E - 3),
        ("2e^{3}", 2 * sympy.exp(3)),
        ("0.5e", sympy.E / 2),
        ("x_1e^{2}", sympy.IndexedBase("x")[1] * sympy.exp(2)),
    ],
)
def test_euler_next_to_digits_is_euler(latex: str, value: sympy.Expr) -> None:
    assert parse(latex)[0] == value


def test_many_digits_are_a_rounded_literal_at_their_precision() -> None:
    expr, notes = parse("1.234e-3")
    (value, places), = notes.literals.values()
    assert value == sympy.Rational(1234, 10**6)
    assert places == 6  # the last digit shown is the 10^-6 one


def test_a_number_beyond_float_range_is_not_built() -> None:
    with pytest.raises(Unreadable, match="beyond"):
        parse("1e99999")


def test_the_notebook_binds_the_written_values() -> None:
    assert verdicts("enotation-notebook.md") == [
        (4, "ok"), (8, "ok"), (12, "ok"), (16, "ok"), (20, "ok"), (24, "ok"),
    ]


def test_the_homework_keeps_euler_and_catches_a_wrong_power() -> None:
    assert verdicts("enotation-homework.tex") == [(5, "ok"), (8, "ok"), (11, "ok"), (15, "error")]


def test_eulers_e_beside_digits_is_no_number() -> None:
    assert verdicts("enotation-not-a-number.md") == [(6, "ok"), (10, "ok"), (14, "ok")]


@pytest.mark.parametrize("written", ["1e3", "2.5e-4", "1E+3", "6.02e23"])
def test_a_spec_value_and_a_spec_row_read_the_same_number(written: str) -> None:
    """Spec example values (``x = ["1e30"]``) go through ``parse_number``; spec rows and
    verify through the reader: both read E-notation as the same exact number."""
    from derivetex.config import parse_number

    value, notes = parse(written)
    exact = value.xreplace({s: v for s, (v, _) in notes.literals.items()})
    assert exact == parse_number(written, "x")


def test_a_function_by_command_name() -> None:
    z = sympy.Symbol("z")
    assert parse(r"\sigmoid(z)")[0] == 1 / (1 + sympy.exp(-z))

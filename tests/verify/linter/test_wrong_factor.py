"""DT105: a failing link whose sides differ by a constant factor says so, in three kinds of
writing; a condition such as t^2 = t, or a constant dropped on purpose, is not one."""

from __future__ import annotations

from pathlib import Path

import hypothesis.strategies as st
import sympy
from hypothesis import given, settings

from derivetex.judge.diagnosis import diagnose, wrong_factor

from .helpers import findings, write

QIITA = """# 二乗誤差の微分

$$
\\frac{d}{dw} (w x - y)^2 = (w x - y) x
$$

係数 2 を落としています。正しくは $\\frac{d}{dw} w^3 = 3 w^2$ です。
"""

HOMEWORK = """\\section*{Problem 3}
\\begin{align}
\\frac{\\partial}{\\partial\\mu}\\frac{(x-\\mu)^2}{2\\sigma^2} &= \\frac{\\mu - x}{2\\sigma^2} \\\\
\\frac{d}{dp} \\left( a \\log p + b \\log (1 - p) \\right) &= \\frac{a}{p} - \\frac{2 b}{1 - p}
\\end{align}
"""

README = """# Notes (nothing here is a factor slip)

Labels are 0 or 1, so $t^2 = t$ for every label.

The mean loss, then the same loss without the constant $\\frac{1}{N}$, which does not move
the minimum: $\\frac{1}{N} \\sum_{i=1}^{N} (w x_i - y_i)^2 = \\sum_{i=1}^{N} (w x_i - y_i)^2$.

A wrong number stays a wrong number: $2 \\cdot 3 = 3$.
"""


def _errors(tmp_path: Path, name: str, text: str) -> dict[int, tuple[str, str]]:
    code, files = findings("--isolated", str(write(tmp_path, name, text)))
    assert code in (0, 1)
    return {
        f["line"]: (f["code"], f["message"])
        for f in files[0]["findings"] if f["status"] == "error"
    }


def test_a_lost_factor_in_a_qiita_post_is_dt105(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "post.md", QIITA)
    assert list(errors) == [4]
    code, message = errors[4]
    assert code == "DT105"
    assert "multiplied by \\frac{1}{2}" in message


def test_a_homework_names_the_whole_side_and_the_one_term(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "hw.tex", HOMEWORK)
    assert {line: code for line, (code, _) in errors.items()} == {3: "DT105", 4: "DT105"}
    assert "multiplied by \\frac{1}{2}" in errors[3][1]  # the 2 of the square kept below
    assert "factor of one term" in errors[4][1]


def test_conditions_and_dropped_constants_are_not_factor_slips(tmp_path: Path) -> None:
    code, files = findings("--isolated", str(write(tmp_path, "README.md", README)))
    by_line = {f["line"]: f for f in files[0]["findings"]}
    assert by_line[3]["status"] == "unchecked"  # t^2 = t is a condition on t, not a slip
    assert by_line[6]["status"] == "unchecked"  # N on one side only: a constant let go
    assert by_line[8]["status"] == "error" and by_line[8]["code"] == "DT101"
    assert code == 1


X, Y = sympy.symbols("x y", positive=True)
_SIDES = st.sampled_from([X**2 + Y, sympy.log(X) + X * Y, sympy.exp(X) / (1 + Y), X * Y**3])
_FACTORS = st.fractions(min_value=-20, max_value=20, max_denominator=12).filter(
    lambda f: f not in (0, 1, -1) and abs(f.numerator) <= 100
)


@settings(max_examples=40, deadline=None)
@given(side=_SIDES, factor=_FACTORS)
def test_the_factor_named_is_the_factor_applied(side: sympy.Expr, factor: object) -> None:
    c = sympy.Rational(str(factor))
    message = wrong_factor(side, c * side, "seed")
    assert message is not None
    named = message.rsplit("multiplied by ", 1)[1]
    assert sympy.simplify(sympy.parse_expr(_plain(named)) - c) == 0


@settings(max_examples=30, deadline=None)
@given(side=_SIDES, other=_SIDES)
def test_sides_not_in_a_constant_ratio_have_no_factor(side: sympy.Expr, other: sympy.Expr) -> None:
    parts = [side, *sympy.Add.make_args(side)]
    if any(sympy.simplify(other / part).is_constant() for part in parts):
        return
    assert wrong_factor(side, side + other, "seed") is None
    assert diagnose(side, 2 * side, "seed") is None  # a factor is not a cause of diagnose


def _plain(latex: str) -> str:
    """``\\frac{a}{b}`` and ``- \\frac{a}{b}`` as Python."""
    return latex.replace("\\frac{", "(").replace("}{", ")/(").replace("}", ")")

"""R407: the derivative of a name no definition makes depend on the variable (the data x_i,
y_i of a loss) is taken with that name held constant, confirm-only, in three kinds of writing;
where a name is defined by the variable, or the row is wrong, it does not confirm."""

from __future__ import annotations

from derivetex.verify import audit_text
from derivetex.verify.readings.catalog import DATA_HELD_CONSTANT

QIITA = """# 二乗誤差の勾配

$$
\\begin{aligned}
\\frac{\\partial}{\\partial w} \\sum_{i=1}^{N} (w x_{i} - y_{i})^{2}
&= \\sum_{i=1}^{N} 2 (w x_{i} - y_{i}) \\frac{\\partial}{\\partial w} (w x_{i} - y_{i}) \\\\
&= \\sum_{i=1}^{N} 2 (w x_{i} - y_{i}) (x_{i} - \\frac{\\partial y_{i}}{\\partial w}) \\\\
&= \\sum_{i=1}^{N} 2 (w x_{i} - y_{i}) x_{i}
\\end{aligned}
$$
"""

HOMEWORK = """\\section*{MLE of a Gaussian mean}
\\begin{align}
\\frac{\\partial}{\\partial \\mu} \\sum_{i=1}^{N} (x_{i} - \\mu)^{2}
  &= \\sum_{i=1}^{N} 2 (x_{i} - \\mu) (\\frac{\\partial x_{i}}{\\partial \\mu} - 1) \\\\
  &= -2 \\sum_{i=1}^{N} (x_{i} - \\mu)
\\end{align}
"""

README = """# Notes

The prediction depends on w: $\\hat{y}_{i} = \\sigma(w x_{i})$.

$$
\\frac{\\partial}{\\partial w} \\hat{y}_{i} = \\frac{\\partial \\hat{y}_{i}}{\\partial w}
$$

A wrong step with the data's derivative written out stays unchecked, never an error:

$$
\\frac{\\partial}{\\partial w} (w x_{i} - y_{i})^{2}
= 2 (w x_{i} - y_{i}) (1 - \\frac{\\partial y_{i}}{\\partial w})
$$
"""

CODE = DATA_HELD_CONSTANT.code


def _by_line(text: str, kind: str, disabled: frozenset[str] = frozenset()) -> dict:
    findings: dict[int, list] = {}
    for f in audit_text(text, kind, disabled=disabled).findings:
        findings.setdefault(f.line, []).append(f)
    return findings


def test_a_qiita_gradient_with_the_data_derivative_written_verifies():
    lines = _by_line(QIITA, "md")
    rows = [f for found in lines.values() for f in found]
    assert all(f.status == "ok" for f in rows), [(f.line, f.status, f.message) for f in rows]
    held = [f for f in rows if CODE in f.readings]
    assert held and all("holding constant" in f.message for f in held)


def test_a_homework_holds_the_observations_constant_and_without_r407_cannot_say():
    held = [f for found in _by_line(HOMEWORK, "tex").values() for f in found
            if CODE in f.readings]
    assert [f.status for f in held] == ["ok", "ok"]
    off = [f for found in _by_line(HOMEWORK, "tex", frozenset({CODE})).values() for f in found]
    assert {f.reason for f in off if f.status != "ok"} == {"opaque"}
    assert not any(f.status == "error" for f in off)


def test_a_defined_name_is_not_data_and_a_wrong_step_is_not_confirmed():
    lines = _by_line(README, "md")
    assert not any(CODE in f.readings for f in lines[6])  # y-hat is defined by w
    (wrong,) = lines[13]
    assert wrong.status == "unchecked" and CODE not in wrong.readings

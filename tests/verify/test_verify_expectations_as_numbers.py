r"""An expectation is a number, and ``\mathbb{E}X`` without brackets is ``\mathbb{E}[X]``.

The bias-variance decomposition adds and subtracts ``\mathbb{E}\hat\theta`` inside a square
and takes it out of the outer expectation; the variance identity does the same with
``\mathbb{E}X``. Three documents of our own (a Quarto page, a LaTeX homework, a Qiita post)
and the forms that must not be read so: a plain ``E X`` (an energy times X) stays a product.
Also: ``= 0`` with values of an earlier block is a condition to solve, not a claim.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text
from derivetex.verify.readings.side import read


def statuses(text: str, kind: str = "md") -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, kind).findings]


QUARTO = r"""---
title: "Bias and variance"
---

$$
\mathbb{E}\big[(\hat\theta - \mathbb{E}\hat\theta)^2\big]
 = \mathbb{E}\big[\hat\theta^2\big] - (\mathbb{E}\hat\theta)^2
$$

$$
\mathbb{E}\big[(\hat\theta - \mathbb{E}\hat\theta)^2\big]
 = \mathbb{E}\big[\hat\theta^2\big] + (\mathbb{E}\hat\theta)^2
$$
"""


def test_the_variance_of_an_estimator_and_a_sign_slip() -> None:
    assert statuses(QUARTO, "qmd") == [(7, "ok"), (12, "error")]


HOMEWORK = r"""\documentclass{article}
\begin{document}
\[ \mathrm{Var}(X) = \mathbb{E}[(X - \mathbb{E}[X])^2] = \mathbb{E}[X^2] - \mathbb{E}[X]^2 \]
\[ \mathbb{E}[X \, \mathbb{E}[X]] = \mathbb{E}[X]^2 \]
\end{document}
"""


def test_an_expectation_comes_out_of_an_expectation() -> None:
    assert [status for _, status in statuses(HOMEWORK, "tex")][-2:] == ["ok", "ok"]


QIITA = r"""# 最適な縮小係数

数値例では $c = 0.8$、$\mu = 2$ でした。

## 一般の場合

$$ \frac{d}{dc} (1 - c)^2 \mu^2 = -2(1 - c)\mu^2 = 0 $$

$$ (1 - c)^2 \mu^2 = 0.5 $$
"""


def test_zero_with_an_earlier_example_s_values_is_a_condition_but_a_number_is_a_claim() -> None:
    found = audit_text(QIITA, "md").findings
    zero = next(f for f in found if f.latex.endswith("= 0"))
    assert zero.status == "unchecked" and zero.reason == "condition"
    assert found[-1].status == "error"  # (1 - 0.8)^2 · 4 = 0.16: a claim, wrong


def test_a_plain_e_stays_a_name() -> None:
    assert str(read("E X").expr) == "E*X"
    assert "mathbb{E}[" in str(read(r"\mathbb{E} X^2").expr)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 5), st.integers(-3, 3))
def test_linearity_with_expectations_as_constants(a: int, b: int) -> None:
    """E[(aX + b E X)^2] = a^2 E[X^2] + (2ab + b^2)(E X)^2, for any a, b; one more is wrong."""
    cross = 2 * a * b + b * b
    left = rf"\mathbb{{E}}[({a} X {_signed(b)} \mathbb{{E}}X)^2]"
    right = rf"{a * a} \mathbb{{E}}[X^2] {_signed(cross)} (\mathbb{{E}}X)^2"
    text = f"$$ {left} = {right} $$\n\n$$ {left} = {right} + 1 $$\n"
    assert [status for _, status in statuses(text)] == ["ok", "error"]


def _signed(number: int) -> str:
    return f"- {-number}" if number < 0 else f"+ {number}"

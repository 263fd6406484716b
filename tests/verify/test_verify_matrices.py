"""Matrix algebra checked in the order it is written (verify/decide/matrices.py).

Small documents of our own: products that do not commute, inverses and transposes of
products, a definition of a matrix used later, and sides that cannot be formed. The
hypothesis test checks the mathematics: the judge agrees with identities that hold for all
matrices and refuses the classic slips, whatever letters the writer uses.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text
from derivetex.verify.decide import matrices

NEVER: object = lambda name: False  # noqa: E731 - no scalar has a value


def judge(left: str, right: str, defined: dict | None = None, opens: bool = False):
    return matrices.judge(left, right, opens, {} if defined is None else defined, 1, NEVER)


def statuses(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, "md").findings]


def test_a_covariance_defined_then_used_in_order() -> None:
    text = r"""
## Model

$$ \bm{\Sigma} = \mathbf{A}^\top \mathbf{A} $$

### Gradient

$$ \Sigma^{-1}(2\mathbf{x} - 2\bm{\mu})
  = 2(\mathbf{A}^\top\mathbf{A})^{-1}(\mathbf{x} - \bm{\mu}) $$

$$ \Sigma^{-1}(\mathbf{x} - \bm{\mu}) = (\mathbf{A}\mathbf{A}^\top)^{-1}(\mathbf{x} - \bm{\mu}) $$
"""
    report = audit_text(text, "md")
    assert [(f.line, f.status) for f in report.findings] == [(4, "ok"), (9, "ok"), (11, "error")]
    assert "defined on line 4" in report.findings[2].message


def test_sides_that_cannot_be_formed() -> None:
    """A 1×1 quadratic form added to a covariance matrix: an error, whatever the convention."""
    text = r"""
$$ \mathbf{y} = \mathbf{x}^\top \Sigma $$

$$ \mathbf{x}^\top\Sigma\mathbf{x} + \Sigma = (\mathbf{x}\Sigma)^\top $$
"""
    report = audit_text(text, "md")
    last = report.findings[-1]
    assert (last.line, last.status) == (4, "error")
    assert "cannot be formed" in last.message and "3×3" in last.message


def test_a_bold_capital_that_may_be_a_vector_proves_no_shape_error() -> None:
    """Least squares: \\mathbf{Y} is the vector of observations. Read as a 3×3 matrix, the
    right side X^T(Y - X beta) subtracts a 3×1 from a 3×3; read as a vector it is formed, so
    the shape is no proof of an error (it was one before: a false alarm on correct algebra)."""
    text = r"""
$$ \mathbf{r} = \mathbf{X}^T\mathbf{Y} - \mathbf{X}^T\mathbf{X}\boldsymbol{\beta}
   = \mathbf{X}^T(\mathbf{Y} - \mathbf{X}\boldsymbol{\beta}) $$
"""
    findings = audit_text(text, "md").findings
    assert [f.status for f in findings] == ["ok", "unchecked"], findings


@pytest.mark.parametrize(
    ("left", "right", "verdict"),
    [
        (r"(\mathbf{A}\mathbf{B})^\top", r"\mathbf{B}^\top\mathbf{A}^\top", "ok"),
        (r"(\mathbf{A}\mathbf{B})^\top", r"\mathbf{A}^\top\mathbf{B}^\top", "error"),
        (r"(\mathbf{A}\mathbf{B})^{-1}", r"\mathbf{B}^{-1}\mathbf{A}^{-1}", "ok"),
        (r"(\mathbf{A}\mathbf{B})^{-1}", r"\mathbf{A}^{-1}\mathbf{B}^{-1}", "error"),
        (r"\mathbf{x}^\top\mathbf{y}", r"\mathbf{y}^\top\mathbf{x}", "ok"),
        (r"\frac{1}{2}\mathbf{A}(2\mathbf{x})", r"\mathbf{A}\mathbf{x}", "ok"),
        (r"|\mathbf{A}\mathbf{B}|", r"|\mathbf{A}||\mathbf{B}|", "ok"),
        (r"\theta^T x", r"x^T \theta", "ok"),
    ],
)
def test_identities_and_slips(left: str, right: str, verdict: str) -> None:
    found = judge(left, right)
    assert found is not None and found[0] == verdict, found


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # a scalar added to a matrix: λI or every entry, the notation does not say
        (r"\mathbf{A} + \lambda", r"\lambda + \mathbf{A}^\top"),
        # bold lower case used for a weight matrix: no mismatch on its own
        (r"\mathbf{w}\mathbf{x} + \mathbf{b}", r"\mathbf{z}"),
        # a derivative, a function application, a sum: not matrix algebra
        (r"\frac{\partial L}{\partial \mathbf{x}}", r"\mathbf{A}\mathbf{x}"),
        (r"\sigma(\mathbf{W}\mathbf{x})", r"\mathbf{h}"),
        (r"\sum_i \mathbf{x}_i", r"\mathbf{X}^\top \mathbf{1}"),
    ],
)
def test_left_to_the_other_checks(left: str, right: str) -> None:
    assert judge(left, right) is None


_LETTERS = st.sampled_from(["A", "B", "C", "M", "W", "\\Sigma"])


@settings(max_examples=40, deadline=None)
@given(_LETTERS, _LETTERS, _LETTERS)
def test_transpose_and_inverse_of_products(a: str, b: str, c: str) -> None:
    """(ABC)^T = C^T B^T A^T and (ABC)^{-1} = C^{-1}B^{-1}A^{-1} hold for any matrices; the
    reversed orders are refused unless the letters make them the same expression."""

    def bold(x: str) -> str:
        return x if x.startswith("\\") else rf"\mathbf{{{x}}}"

    A, B, C = bold(a), bold(b), bold(c)
    assert judge(rf"({A}{B}{C})^\top", rf"{C}^\top{B}^\top{A}^\top") == judge(
        rf"({A}{B}{C})^{{-1}}", rf"{C}^{{-1}}{B}^{{-1}}{A}^{{-1}}"
    )
    assert judge(rf"({A}{B}{C})^\top", rf"{C}^\top{B}^\top{A}^\top")[0] == "ok"  # type: ignore[index]
    wrong = judge(rf"({A}{B})^{{-1}}", rf"{A}^{{-1}}{B}^{{-1}}")
    assert wrong is not None
    assert wrong[0] == ("ok" if a == b else "error")


def test_a_sum_past_the_components_a_vector_was_given() -> None:
    text = r"""
## Layer

$$ \mathbf{x} = [x_1, x_2]^T $$

$$ z_k = \sum_{i=1}^2 w_{ik} x_i + b_k $$

$$ u_k = \sum_{i=1}^3 w_{ik} x_i + b_k $$

## Another layer

$$ v_k = \sum_{i=1}^3 w_{ik} x_i $$
"""
    report = audit_text(text, "md")
    assert [(f.line, f.status) for f in report.findings] == [
        (4, "ok"),
        (6, "ok"),
        (8, "error"),
        (12, "ok"),  # another section: x's components are not known there
    ]
    assert "x has 2 components" in report.findings[2].message


def test_written_out_matrices_in_a_worked_example() -> None:
    text = r"""
The sigmoid $\sigma(z) = \frac{1}{1+e^{-z}}$.

$$ \vec{a} = \begin{pmatrix} \sigma(0) \\ \sigma(1) \end{pmatrix}
  = \boxed{\begin{pmatrix} 0.5 \\ 0.7311 \end{pmatrix}} $$

$$ \vec{b} = \begin{pmatrix} \sigma(0) \\ \sigma(1) \end{pmatrix}
  = \begin{pmatrix} 0.5 \\ 0.7312 \end{pmatrix} $$

$$ \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix} \begin{pmatrix} 1 \\ 1 \end{pmatrix}
  = \begin{pmatrix} 3 \\ 7 \end{pmatrix} = \begin{pmatrix} 3 & 8 \end{pmatrix}^T $$

$$ \begin{vmatrix} 1 & 2 \\ 3 & 4 \end{vmatrix} = -2 $$

$$ \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix} \begin{pmatrix} 1 & 1 \end{pmatrix}
  = \begin{pmatrix} 3 \\ 7 \end{pmatrix} $$
"""
    report = audit_text(text, "md")
    assert [(f.line, f.status) for f in report.findings] == [
        (2, "ok"),
        (4, "ok"),
        (5, "ok"),  # 0.7311 is σ(1) to the four places shown
        (7, "ok"),
        (8, "error"),  # σ(1) = 0.731059, not 0.7312
        (11, "ok"),
        (11, "error"),  # the transpose of (3, 8) is not (3, 7)
        (13, "ok"),  # the determinant
        (16, "error"),  # a 2×2 times a 1×2 cannot be formed
    ]
    assert "0.731059" in report.findings[4].message
    assert "cannot be formed" in report.findings[-1].message


def test_a_data_point_given_as_a_vector() -> None:
    report = audit_text(r"Points $x_1 = (2, 3)$ and $x_2 = (3, 1)$.", "md")
    assert [(f.status, f.message) for f in report.findings] == [
        ("ok", "x_{1} is the vector (2, 3)"),
        ("ok", "x_{2} is the vector (3, 1)"),
    ]

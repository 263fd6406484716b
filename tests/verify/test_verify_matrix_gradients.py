"""Gradients of matrix expressions, read in matrix mode (R307: decide/matrix_evaluate.py).

Small documents of our own in three forms (a Japanese Markdown post, a LaTeX homework, a
README), each with a gradient that must be judged and one where the reading must not apply
(a Jacobian, a derivative by a scalar). The hypothesis test checks the mathematics: the
gradient of a quadratic form is (A + A^T) w for any A, 2 A w for a symmetric one, and a
wrong vector is refused.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text
from derivetex.verify.decide import matrices
from derivetex.verify.decide import matrix_values as mv
from derivetex.verify.decide.matrix_evaluate import Draw, gradient
from derivetex.verify.decide.matrix_reading import read_side
from derivetex.verify.decide.matrix_tree import Name, Op

GRADIENT = "R307"
NEVER: object = lambda name: False  # noqa: E731 - no scalar has a value


def judge(left: str, right: str, defined: dict | None = None):
    return matrices.judge(
        left, right, False, {} if defined is None else defined, 1, NEVER, gradients=True
    )


def findings(text: str, form: str = "md") -> dict[int, tuple[str, str, tuple[str, ...]]]:
    return {f.line: (f.status, f.message, f.readings) for f in audit_text(text, form).findings}


QIITA = r"""---
title: 二次形式の勾配をまとめる
tags: 機械学習 線形代数
---

## 二次形式

行列 $\mathbf{A}$ と $\boldsymbol{w} \in \mathbb{R}^n$ について、勾配は次のとおりです。

$$
\frac{\partial (\boldsymbol{w}^\top \mathbf{A} \boldsymbol{w})}{\partial \boldsymbol{w}}
= (\mathbf{A} + \mathbf{A}^\top) \boldsymbol{w}
$$

$\mathbf{A}$ が対称なら

$$
\frac{\partial (\boldsymbol{w}^\top \mathbf{A} \boldsymbol{w})}{\partial \boldsymbol{w}}
= 2 \mathbf{A} \boldsymbol{w}
$$

よくある間違い:

$$
\frac{\partial (\boldsymbol{w}^\top \mathbf{A} \boldsymbol{w})}{\partial \boldsymbol{w}}
= (\mathbf{A} + \mathbf{A}^\top) \boldsymbol{x}
$$

## ノルム

$$ \nabla_{\mathbf{w}} \|\mathbf{w}\|^2 = 2\mathbf{w} $$

線形写像のヤコビアンは行列なので、ここでは扱いません:

$$ \frac{\partial (\mathbf{A} \boldsymbol{w})}{\partial \boldsymbol{w}} = \mathbf{A} $$
"""


def test_a_japanese_post_on_quadratic_forms() -> None:
    found = findings(QIITA)
    general, symmetric, wrong, norm, jacobian = (found[n] for n in (12, 19, 26, 31, 35))
    assert general[0] == "ok" and GRADIENT in general[2]
    assert "denominator layout" in general[1]
    assert symmetric[0] == "ok" and "reading A as symmetric" in symmetric[1]
    # measured (stop 21), the reading accuses: a wrong vector is an error resting on it
    assert wrong[0] == "error" and wrong[2] == (GRADIENT,)
    assert "differ" in wrong[1]
    assert norm[0] == "ok" and GRADIENT in norm[2]
    assert jacobian[0] == "unchecked" and GRADIENT not in jacobian[2]


HOMEWORK = r"""\documentclass{article}
\usepackage{amsmath}
\begin{document}
\section*{Problem 2: least squares}
Let $h(\boldsymbol{\beta}) = (\mathbf{Y} - \mathbf{X}\boldsymbol{\beta})^T
(\mathbf{Y} - \mathbf{X}\boldsymbol{\beta})$.
\begin{equation}
h(\boldsymbol{\beta})
= (\mathbf{Y} - \mathbf{X}\boldsymbol{\beta})^T(\mathbf{Y} - \mathbf{X}\boldsymbol{\beta})
\end{equation}
\begin{equation}
\frac{\partial h(\boldsymbol{\beta})}{\partial \boldsymbol{\beta}}
= -2\mathbf{X}^T\mathbf{Y} + 2\mathbf{X}^T\mathbf{X}\boldsymbol{\beta}
\end{equation}
In the usual plain notation,
\begin{equation}
\nabla_w \frac{1}{2}\|Xw - y\|^2 = X^T(Xw - y)
\end{equation}
Written as a row (numerator layout):
\begin{equation}
\frac{d}{d\mathbf{w}} (\mathbf{w}^\top \mathbf{w}) = 2\mathbf{w}^\top
\end{equation}
A derivative by the scalar step size is not a gradient:
\begin{equation}
\frac{\partial (\mathbf{w}^\top \mathbf{w})}{\partial t} = 2\mathbf{w}
\end{equation}
\end{document}
"""


def test_a_latex_homework_on_least_squares() -> None:
    found = findings(HOMEWORK, "tex")
    by_h, plain, row, by_scalar = found[13], found[17], found[21], found[25]
    assert by_h[0] == "ok" and GRADIENT in by_h[2]
    assert "reading Y as a vector" in by_h[1] and "h as defined on line 5" in by_h[1]
    assert plain[0] == "ok" and "reading y as a vector" in plain[1]
    assert row[0] == "ok" and "numerator layout" in row[1]
    assert by_scalar[0] == "unchecked" and GRADIENT not in by_scalar[2]
    assert not any(v[0] == "error" for v in found.values())


README = r"""# gaussfit

Fits a Gaussian. The maths behind the update:

```math
\nabla_{\Sigma} \log|\Sigma| = \Sigma^{-1}
```

and for the linear term

```math
\frac{\partial}{\partial A} \operatorname{tr}(A B) = B^T
```

A name the README never defines is not differentiated for you:

```math
\nabla_{\mathbf{w}} f = 2\mathbf{w}
```
"""


def test_a_readme_with_gradients_by_matrices() -> None:
    found = findings(README)
    logdet, trace, undefined = (found[n] for n in sorted(found))
    assert logdet[0] == "ok" and "reading \\Sigma as symmetric" in logdet[1]
    assert GRADIENT in logdet[2]
    assert trace[0] == "ok" and GRADIENT in trace[2]
    assert undefined[0] == "unchecked"


def test_disabled_the_gradient_is_not_read() -> None:
    report = audit_text(QIITA, "md", disabled=frozenset({GRADIENT}))
    assert all(GRADIENT not in f.readings for f in report.findings)
    assert all(f.status != "ok" for f in report.findings if f.line in (11, 18))


@pytest.mark.parametrize(
    ("left", "right", "verdict"),
    [
        (r"\nabla_{\mathbf{w}} (\mathbf{w}^\top \mathbf{w})", r"2\mathbf{w}", "ok"),
        (r"\dfrac{\mathrm{d}}{\mathrm{d}\vec{w}} (\vec{w}^\top \vec{w})", r"2\vec{w}", "ok"),
        (r"\frac{\partial}{\partial \mathbf{w}} \mathbf{a}^\top \mathbf{w}", r"\mathbf{a}", "ok"),
        (r"\frac{\partial}{\partial \mathbf{w}} \mathbf{a}^\top \mathbf{w}", r"\mathbf{w}",
         "error"),
        (r"\nabla_{\hat{\mathbf{p}}} \hat{\mathbf{p}}^\top \hat{\mathbf{p}}", r"2\hat{\mathbf{p}}",
         "ok"),
        (r"\frac{\partial}{\partial A} \operatorname{tr}(A B)", r"B^T", "ok"),
        (r"\frac{\partial}{\partial A} \operatorname{tr}(A B^T)", r"B^T", "ok"),  # numerator
        (r"\frac{\partial}{\partial A} \operatorname{tr}(A B)", r"A^T", "error"),
        (r"\frac{\partial (\mathbf{A}\mathbf{w})}{\partial \mathbf{w}}", r"\mathbf{A}", None),
        (r"\frac{\partial L}{\partial \mathbf{w}}", r"2\mathbf{w}", None),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else None,
)
def test_gradients_judged(left: str, right: str, verdict: str | None) -> None:
    found = judge(left, right)
    assert (found[0] if found else None) == verdict, found


def test_without_gradients_a_derivative_is_not_matrix_algebra() -> None:
    assert matrices.judge(r"\nabla_{\mathbf{w}} \mathbf{w}^\top \mathbf{w}", r"2\mathbf{w}",
                          False, {}, 1, NEVER) is None


_ENTRY = st.floats(-2.0, 2.0, allow_nan=False).map(lambda x: round(x, 3))
_MATRIX = st.lists(st.lists(_ENTRY, min_size=3, max_size=3), min_size=3, max_size=3)
_VECTOR = st.lists(_ENTRY, min_size=3, max_size=3)


def _column(entries: list[float]) -> mv.Value:
    return mv.matrix([[x] for x in entries], firm=False)


@settings(max_examples=40, deadline=None)
@given(_MATRIX, _VECTOR, st.booleans())
def test_the_gradient_of_a_quadratic_form(rows: list[list[float]], w: list[float],
                                          symmetric: bool) -> None:
    """grad (w^T A w) = (A + A^T) w at any A and w, by the difference quotient alone."""
    if symmetric:
        rows = [[rows[i][j] + rows[j][i] for j in range(3)] for i in range(3)]
    a = mv.matrix(rows, firm=True)
    form = read_side(r"\mathbf{w}^\top \mathbf{A} \mathbf{w}")
    variable = Name("bold w", "vector", r"\mathbf{w}")
    draw = Draw({"A": a, "bold w": _column(w)}, {})
    found = gradient(form, variable, draw)
    expected = mv.multiply(mv.add(a, mv.transpose(a)), _column(w))
    assert mv.close(found, expected, 1e-6)
    if symmetric:
        assert mv.close(found, mv.multiply(mv.scalar(2.0), mv.multiply(a, _column(w))), 1e-6)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["A", "\\mathbf{M}"]), st.booleans())
def test_the_judge_on_quadratic_forms_whatever_the_letter(letter: str, wrong: bool) -> None:
    """The judge holds (A + A^T) w and refuses (A + A^T) x, whatever the matrix's letter."""
    left = rf"\frac{{\partial (\mathbf{{w}}^\top {letter} \mathbf{{w}})}}{{\partial \mathbf{{w}}}}"
    vector = r"\mathbf{x}" if wrong else r"\mathbf{w}"
    found = judge(left, rf"({letter} + {letter}^\top) {vector}")
    assert found is not None and found[0] == ("error" if wrong else "ok")


def test_the_gradient_has_the_variables_shape() -> None:
    sigma = read_side(r"\log|\Sigma|")
    assert isinstance(sigma, Op) and sigma.op == "log"
    found = judge(r"\nabla_{\Sigma} \log|\Sigma|", r"\Sigma^{-1}")
    assert found is not None and found[0] == "ok" and "symmetric" in found[1]
    assert judge(r"\nabla_{\Sigma} \log|\Sigma|", r"\Sigma")[0] == "error"

r"""Matrix equations that are conditions, numbers written against names, and differentials.

A lone equation between matrix expressions (the normal equation, an eigenvector equation, a
constraint) says what a vector must be: it fails at random matrices without being wrong, as
a scalar lone equation does (R007), and a later step using the names it constrains may rest
on it. A written-out matrix of numbers says nothing about names with no value. A relation
between differentials is not read. Documents of our own: a Qiita post on least squares, a
LaTeX note on PCA, a README with a worked numeric gradient, a homework with differentials,
and the cases where the verdict must stay an error.
"""

from __future__ import annotations

from derivetex.verify import audit_text


def findings(text: str, kind: str = "md") -> list[tuple[int, str, str | None]]:
    return [(f.line, f.status, f.reason) for f in audit_text(text, kind).findings]


QIITA = r"""# 最小二乗法

正規方程式は次のとおりです。

$$ \mathbf{X}^\top \mathbf{X}\mathbf{w} = \mathbf{X}^\top \mathbf{y} $$

展開すると

$$ (\mathbf{X}\mathbf{w} - \mathbf{y})^\top (\mathbf{X}\mathbf{w} - \mathbf{y})
   = \mathbf{w}^\top \mathbf{X}^\top \mathbf{X} \mathbf{w} - 2 \mathbf{y}^\top \mathbf{X}
     \mathbf{w} + \mathbf{y}^\top \mathbf{y} $$
"""


def test_the_normal_equation_is_a_condition_and_an_expansion_still_checked() -> None:
    """The expansion is an identity (a chain of its own, not resting on w): ok; the normal
    equation alone is a condition."""
    assert findings(QIITA) == [(5, "unchecked", "equation"), (10, "ok", None)]


PCA = r"""\documentclass{article}
\begin{document}
The first component maximises the variance subject to a unit length:
\[ \mathbf{w}^\top \mathbf{w} = 1 \]
and the Lagrangian gives the eigenvector equation
\[ \Sigma \mathbf{w} = \lambda \mathbf{w} \]
so that
\[ \mathbf{w}^\top \Sigma \mathbf{w} = \lambda \mathbf{w}^\top \mathbf{w} = \lambda \]
and, without any condition,
\[ (\mathbf{A}\mathbf{B})^\top = \mathbf{A}^\top \mathbf{B}^\top \]
\end{document}
"""


def test_steps_on_stated_conditions_are_not_errors_but_a_slip_elsewhere_is() -> None:
    found = findings(PCA, "tex")
    assert found[:2] == [(4, "unchecked", "equation"), (6, "unchecked", "undefined")]
    assert found[2:4] == [(8, "unchecked", "condition"), (8, "unchecked", "condition")]
    assert found[4][:2] == (10, "error")  # (AB)^T is B^T A^T: no condition is about A, B


README = r"""## One gradient step by hand

With $X^\top (\mathbf{p} - \mathbf{y})$ for the data above,

$$ g = X^\top (\mathbf{p} - \mathbf{y}) = \begin{pmatrix} -0.6359 \\ -0.0199 \end{pmatrix} $$

$$ h = \begin{pmatrix} 2(-0.3775) + 1(0.1192) \\ 0.5 \end{pmatrix}
     = \begin{pmatrix} -0.6359 \\ 0.5 \end{pmatrix} $$

$$ k = \begin{pmatrix} 2(-0.3775) + 1(0.1192) \\ 0.5 \end{pmatrix}
     = \begin{pmatrix} -0.6372 \\ 0.5 \end{pmatrix} $$
"""


def test_numbers_against_names_and_rounded_entries() -> None:
    """Numbers written for X^T(p - y), whose data is in prose: no verdict from random
    matrices. An entry of rounded operands may be off by their rounding (-0.6358 written
    -0.6359), not by more (-0.6372)."""
    found = findings(README)
    assert found[:2] == [(5, "ok", None), (5, "unchecked", "vector")]
    assert found[2:] == [(7, "ok", None), (8, "ok", None), (10, "ok", None), (11, "error", None)]


HOMEWORK = r"""\documentclass{article}
\begin{document}
\[ d(\Sigma^{-1}) = -\Sigma^{-1} (d\Sigma) \Sigma^{-1} \]
\[ d(\mathbf{x}^\top \mathbf{x}) = 2 \mathbf{x}^\top d\mathbf{x} \]
\[ \frac{d}{dx} x^2 = 2x \]
\[ d(x, y) = d(y, x) + 1 \]
\end{document}
"""


def test_differentials_are_not_read_but_derivatives_and_distances_are() -> None:
    found = findings(HOMEWORK, "tex")
    assert found[0] == (3, "unchecked", "differential")
    assert found[1] == (4, "unchecked", "differential")
    assert found[2] == (5, "ok", None)
    assert found[3] == (6, "unchecked", "opaque")  # d(x, y): a distance, applied


COMPONENTS = r"""# Dot products by hand

$$ \mathbf{x}^\top \mathbf{y} = x_1 y_1 + x_2 y_2 + x_3 y_3 $$
"""

COMPONENTS_TEX = r"""\documentclass{article}
\begin{document}
\[ \mathbf{a}^\top \mathbf{A} \mathbf{a} = A_{11} a_1^2 + 2 A_{12} a_1 a_2 + A_{22} a_2^2 \]
\[ v = (\mathbf{A}\mathbf{B})^\top = \mathbf{A}^\top \mathbf{B}^\top \]
\end{document}
"""


def test_components_written_out_are_not_drawn_apart_from_their_vector() -> None:
    """x_1 y_1 + … beside x^T y: the draws would give x_1 a value unrelated to x, so no
    error; a slip between whole matrices ((AB)^T = A^T B^T) is still one."""
    assert all(status != "error" for _, status, _ in findings(COMPONENTS))
    found = findings(COMPONENTS_TEX, "tex")
    assert found[0][1] != "error"
    assert found[-1][:2] == (4, "error")

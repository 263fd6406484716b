"""The ``macro`` family: shorthands a document uses without defining (``\\bx`` from a course's
``.sty`` that is not in the file), read by the conventions of their names. Besides the
record's own example, the class in three kinds of writing: a LaTeX homework, a Quarto note
and a README that defines its own ``\\bx``, where the reading must not apply."""

from __future__ import annotations

import pytest
from registry_cases import check_record, parametrized

from derivetex.verify import audit_text
from derivetex.verify.document import Macro
from derivetex.verify.readings import ReadingRecord
from derivetex.verify.readings.shorthands import expand_shorthands, meaning

SHORTHAND = "R701"


@parametrized("macro")
def test_reading(record: ReadingRecord) -> None:
    check_record(record)


def _verdicts(
    text: str, kind: str = "md", **options: object
) -> dict[int, tuple[str, str, tuple[str, ...]]]:
    """Line -> (status, message, readings) of the last finding on each line."""
    report = audit_text(text, kind, **options)  # type: ignore[arg-type]
    return {f.line: (f.status, f.message, f.readings) for f in report.findings}


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("bx", r"\mathbf{x}"), ("bX", r"\mathbf{X}"), ("bmu", r"\boldsymbol{\mu}"),
        ("bSigma", r"\boldsymbol{\Sigma}"), ("btheta", r"\boldsymbol{\theta}"),
        ("bpi", r"\boldsymbol{\pi}"), ("boldx", r"\mathbf{x}"), ("boldX", r"\mathbf{X}"),
        ("vx", r"\mathbf{x}"), ("vtheta", r"\boldsymbol{\theta}"), ("mX", r"\mathbf{X}"),
        ("mSigma", r"\boldsymbol{\Sigma}"), ("calN", r"\mathcal{N}"), ("cL", r"\mathcal{L}"),
        ("bbR", r"\mathbb{R}"), ("R", r"\mathbb{R}"), ("E", r"\mathbb{E}"),
        ("half", r"\frac{1}{2}"), ("trans", r"^{\top}"), ("T", r"^{\top}"), ("tp", r"^{\top}"),
        ("dd", r"\mathrm{d}"), ("dif", r"\mathrm{d}"), ("Tr", r"\operatorname{Tr}"),
        ("Var", r"\operatorname{Var}"), ("argmax", r"\operatorname{argmax}"),
        ("PhiT", r"{\Phi^{\top}}"),
    ],
)
def test_a_conventional_name_has_its_meaning(name: str, meant: str) -> None:
    assert meaning(name) == meant


@pytest.mark.parametrize(
    "name", ["beta", "mu", "bf", "bm", "bb", "foo", "diff", "bxy", "mx", "cx", "vec", "mathbf"]
)
def test_a_name_outside_the_conventions_or_latex_own_is_no_shorthand(name: str) -> None:
    assert meaning(name) is None


def test_a_transpose_is_written_as_the_exponent_either_way() -> None:
    table = {"bx": r"\mathbf{x}", "trans": r"^{\top}"}
    assert expand_shorthands(r"\bx^\trans \bx\trans", table) == (
        r"\mathbf{x}^{\top} \mathbf{x}^{\top}"
    )


def test_a_differential_before_a_brace_may_be_a_derivative_macro_and_stays() -> None:
    """``\\dif{w}E`` is some writers' dE/dw: not read as d times w times E."""
    table = {"dif": r"\mathrm{d}", "dd": r"\mathrm{d}"}
    assert expand_shorthands(r"\int x \dif x", table) == r"\int x \mathrm{d} x"
    assert expand_shorthands(r"\dif{w} E = \dd {x}", table) == r"\dif{w} E = \dd {x}"


HOMEWORK = r"""\documentclass{article}
\usepackage{course}
\begin{document}
\section{Problem 1}
Let $\bSigma$ be symmetric and $f(\bmu) = \half (\bx - \bmu)^\trans \bSigma (\bx - \bmu)$.
\begin{align}
f(\bmu) &= \half (\bx - \bmu)^\trans \bSigma (\bx - \bmu) \\
 &= \half \bx^\trans \bSigma \bx - \half \bx^\trans \bSigma \bmu - \half \bmu^\trans \bSigma \bx
 + \half \bmu^\trans \bSigma \bmu
\end{align}
\begin{equation}
\nabla_{\bmu} f = \bSigma (\bmu - \bx)
\end{equation}
In one dimension the gradient is plain:
\begin{equation}
\frac{\partial}{\partial \mu} \half (x - \mu)^2 = \mu - x
\end{equation}
Expanding once more:
\begin{equation}
(\bx - \bmu)^\trans \bSigma (\bx - \bmu) = \bx^\trans \bSigma \bx - 2 \bmu^\trans \bSigma \bx
 + \bmu^\trans \bmu
\end{equation}
\end{document}
"""


def test_a_homework_with_a_course_sty_is_read_by_its_shorthands() -> None:
    found = _verdicts(HOMEWORK, "tex")
    for line in (5, 7, 8, 16):
        status, message, readings = found[line]
        assert status == "ok" and SHORTHAND in readings, (line, message)
    assert "\\bmu as \\boldsymbol{\\mu}" in found[8][1] and "undefined shorthand" in found[8][1]
    assert "\\half as \\frac{1}{2}" in found[16][1]


def test_a_homework_gradient_of_vectors_is_checked_as_matrix_algebra() -> None:
    """The gradient by \\bmu is judged as matrix algebra (R307) through the definition of f,
    with \\bSigma read as symmetric, as the problem states; the shorthands are named."""
    status, message, readings = _verdicts(HOMEWORK, "tex")[12]
    assert status == "ok" and "R307" in readings and SHORTHAND in readings
    assert "symmetric" in message and "central differences" in message


def test_a_wrong_step_under_the_guess_is_unchecked_never_an_error() -> None:
    status, message, readings = _verdicts(HOMEWORK, "tex")[20]
    assert status == "unchecked" and SHORTHAND not in readings
    assert "not read" in message and "read by convention it fails" in message


def test_disabled_the_shorthands_stay_unread() -> None:
    found = _verdicts(HOMEWORK, "tex", disabled=frozenset({SHORTHAND}))
    assert all(SHORTHAND not in readings for _, _, readings in found.values())
    assert found[8][0] == "unchecked" and "not read" in found[8][1]


def test_the_preamble_defines_what_the_guess_would() -> None:
    """A ``--preamble`` that defines ``\\bx`` wins: its meaning, not the convention's."""
    preamble = {"\\bx": Macro(0, "x"), "\\bmu": Macro(0, "\\mu")}
    text = "$$ \\half (\\bx - \\bmu)^2 = \\half \\bx^2 - \\bx \\bmu + \\half \\bmu^2 $$\n"
    status, message, readings = _verdicts(text, preamble=preamble)[1]
    assert status == "ok" and SHORTHAND in readings  # \half alone is guessed
    assert "\\bx as" not in message and "\\half as \\frac{1}{2}" in message


QUARTO_NOTE = r"""---
title: "A linear layer"
format: html
---

## The loss

For an input $\vx$ and weights $\mW$, the output is $\mW \vx$ and

$$ (\mW \vx)^\top = \vx^\top \mW^\top $$

For one weight the loss is

$$ \calL = \frac{1}{2} (w x - y)^2 $$

$$ \frac{\partial \calL}{\partial w} = (w x - y) x $$

$$ \frac{\partial \calL}{\partial w} = (w x - y) $$
"""


def test_a_quarto_note_reads_vector_matrix_and_calligraphic_shorthands() -> None:
    found = _verdicts(QUARTO_NOTE, "qmd")
    status, message, readings = found[10]
    assert status == "ok" and SHORTHAND in readings and "\\mW as \\mathbf{W}" in message
    assert found[14][0] == "ok" and "\\calL as \\mathcal{L}" in found[14][1]
    status, message, readings = found[16]
    assert status == "ok" and SHORTHAND in readings


def test_a_quarto_note_slip_under_the_guess_is_not_an_error() -> None:
    status, message, _ = _verdicts(QUARTO_NOTE, "qmd")[18]
    assert status == "unchecked" and "read by convention it fails" in message


README = r"""# Notes

Here $\newcommand{\bx}{2x}$ the shorthand is the writer's own.

$$ u = \bx + \bx = 4x $$

$$ v = \bx + \bx = 2x $$

$$ \foo(x) + 1 = 1 + \foo(x) $$

$$ \bxy + 1 = 1 + \bxy $$
"""


def test_a_readme_that_defines_its_shorthand_is_read_by_its_definition() -> None:
    found = _verdicts(README)
    assert found[5][0] == "ok" and SHORTHAND not in found[5][2]
    assert found[7][0] == "error" and SHORTHAND not in found[7][2]


def test_an_unknown_macro_stays_unread() -> None:
    found = _verdicts(README)
    for line in (9, 11):
        status, message, readings = found[line]
        assert status == "unchecked" and "not read" in message and SHORTHAND not in readings

r"""Plain TeX's font switches inside a group read as LaTeX's font commands, however spaced:
``{\bf w}``, ``{ \bf w }``, ``{\bf\Sigma}``, ``{\rm d}``. Old lecture notes and blogs converted
from them write these. Three documents of our own (a Hugo post, a LaTeX homework, a README)
and one where the group is not a switch (``{\bfseries …}`` is text markup, left unread).
"""

from __future__ import annotations

from derivetex.verify import audit_text
from derivetex.verify.readings.side import normalise


def statuses(text: str, kind: str = "md") -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, kind).findings]


HUGO = r"""## 交差エントロピー

$$ E({ \bf w }) = -\sum_{n} \left( t_{n} \log y_{n} + (1 - t_{n}) \log (1 - y_{n}) \right) $$

$$ \frac{\partial E({ \bf w })}{\partial y_{1}}
  = -\frac{t_{1}}{y_{1}} + \frac{1 - t_{1}}{1 - y_{1}} $$

$$ \frac{\partial E({ \bf w })}{\partial y_{1}}
  = \frac{t_{1}}{y_{1}} + \frac{1 - t_{1}}{1 - y_{1}} $$
"""


def test_a_spaced_bold_switch_reads_as_bold() -> None:
    assert statuses(HUGO) == [(3, "ok"), (6, "ok"), (9, "error")]


HOMEWORK = r"""\documentclass{article}
\begin{document}
\[ \frac{{\rm d}}{{\rm d}x} x^3 = 3x^2 \]
\[ \frac{{\rm d}}{{\rm d}x} x^3 = 2x^2 \]
\end{document}
"""


def test_a_roman_d_reads_as_the_differential() -> None:
    assert statuses(HOMEWORK, "tex") == [(3, "ok"), (4, "error")]


README = r"""A dot product, in the notation of an old lecture note:

$$ {\bf x}^T {\bf y} = x_1 y_1 + x_2 y_2 $$
"""


def test_a_readme_with_bold_switches_reads_vectors() -> None:
    """Read as bold vectors (not unread), and their components written out are not drawn
    apart from them: no verdict the draws cannot support."""
    (finding,) = audit_text(README, "md").findings
    assert finding.reason != "unread" and finding.status != "error", finding.message


def test_the_switches_become_font_commands_and_nothing_else_does() -> None:
    bold = normalise(r"{\bf x}^T {\bf\Sigma} { \bf y }")
    assert bold == r"\mathbf{x}^T \mathbf{\Sigma} \mathbf{y}"
    assert normalise(r"{\cal L} = {\rm KL}") == r"\mathcal{L} = \mathrm{KL}"
    assert normalise(r"{\bfseries x} + {\itshape y}") == r"{\bfseries x} + {\itshape y}"

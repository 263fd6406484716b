r"""A name defined again with the same names on its right restates its definition (R009,
confirm-only): a right side that agrees is ok, one that differs is a possible slip said as
such (``unchecked``, reason ``preview``), and with other names it is a new definition.

Measured with ``--preview`` in stop 21 it is not precise enough to accuse: on the corpora it
flagged 0 genuine mistakes and 2 correct redefinitions that reuse their names (a new gate
``z = x + y`` after ``z = x y``; a second estimator ``a``). Three documents of our own (a
Zenn post with a slipped unit conversion, a homework restating a loss, a README that redefines
a name for a new example) pin what it does.
"""

from __future__ import annotations

from derivetex.verify import audit_text


def findings(text: str, kind: str = "md") -> list[tuple[int, str, str | None]]:
    return [(f.line, f.status, f.reason) for f in audit_text(text, kind).findings]


ZENN = r"""# ビットとナット

$$ H_{\text{bit}} = \frac{H_{\text{nat}}}{\ln 2} $$

したがって

$$ H_{\text{bit}} = H_{\text{nat}} \cdot \ln 2 $$
"""


def test_a_restatement_that_differs_is_withheld_as_a_possible_slip() -> None:
    found = audit_text(ZENN, "md").findings
    assert (found[-1].line, found[-1].status, found[-1].reason) == (7, "unchecked", "preview")
    assert "restated" in found[-1].message and "R009" in found[-1].readings


HOMEWORK = r"""\documentclass{article}
\begin{document}
\[ L = -\left(t \log y + (1 - t) \log (1 - y)\right) \]
\[ L = -t \log y - (1 - t) \log (1 - y) \]
\end{document}
"""


def test_a_restatement_that_agrees_is_ok() -> None:
    found = audit_text(HOMEWORK, "tex").findings
    assert [(f.line, f.status) for f in found] == [(3, "ok"), (4, "ok")]
    assert "agrees with the definition" in found[-1].message


README = r"""$$ z = x y $$

Another gate:

$$ z = u + v $$
"""


def test_other_names_make_a_new_definition() -> None:
    assert findings(README) == [(1, "ok", None), (5, "ok", None)]

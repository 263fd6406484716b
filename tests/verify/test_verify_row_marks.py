r"""Marks around a row's math are not part of it: ``\Longrightarrow`` or ``(∵)`` opening a
row, and a note in brackets closing one (``(A:対称行列)``, ``(i: the sample)``).

Three documents of our own: a Japanese lecture note with ∵ and a note in words, an English
homework with ``\Longrightarrow`` and ``\implies`` steps, and a README where a bracket after a
space is math, not a note (``2 (3 + 1)``), and must stay so.
"""

from __future__ import annotations

from derivetex.verify import audit_text


def statuses(text: str, kind: str = "md") -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, kind).findings]


LECTURE = r"""# 微分の公式

$$
\begin{aligned}
(∵) \frac{d}{dx} x^3 &= 3x^2 \\
(x + 1)^2 &= x^2 + 2x + 1 (x:実数) \\
(x - 1)^2 &= x^2 - 2x - 1 (x:実数)
\end{aligned}
$$
"""


def test_a_reason_mark_and_notes_in_words_are_not_math() -> None:
    assert statuses(LECTURE) == [(5, "ok"), (6, "ok"), (7, "error")]


HOMEWORK = r"""\documentclass{article}
\begin{document}
\begin{align*}
\Longrightarrow \frac{d}{dw} (w^2 - 2w) &= 2w - 2 \\
\implies 2w - 2 &= 2(w - 1) \\
\Longrightarrow \frac{d}{dw} w^3 &= 2w^2
\end{align*}
\end{document}
"""


def test_implication_arrows_opening_rows_are_marks() -> None:
    assert statuses(HOMEWORK, "tex") == [(4, "ok"), (5, "ok"), (6, "error")]


README = r"""Expanding:

$$ 2 (3 + 1) = 8 $$

$$ 3 (3 + 1) = 10 $$
"""


def test_a_bracket_after_a_space_is_still_math() -> None:
    assert statuses(README) == [(3, "ok"), (5, "error")]

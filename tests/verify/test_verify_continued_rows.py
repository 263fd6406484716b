"""A derivation picked up again after prose, its first row opening with ``=``.

Homework and blog posts often write a sentence ("expanding the square, we get") and then an
``align`` whose rows all open with ``&=``: the first row's left side is in the prose, but
each later row is claimed equal to the row before it. Three small documents of our own: a
LaTeX homework, a Qiita-style Markdown post and a README where the second row is a new
equation with its own left side, so nothing joins it to the first.
"""

from __future__ import annotations

from derivetex.verify import audit_text


def statuses(text: str, kind: str) -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, kind).findings]


HOMEWORK = r"""\documentclass{article}
\begin{document}
Expanding the square and dropping what does not depend on $w$, we get
\begin{align}
  &= -\frac{1}{2}\left(a w^2 - 2 b w\right) \\
  % the constant went into C
  &= -\frac{a}{2} w^2 + b w \\
  &= -\frac{a}{2} w^2 - b w \label{eq:slip}
\end{align}
\end{document}
"""


def test_a_homework_align_after_prose_links_its_rows() -> None:
    assert statuses(HOMEWORK, "tex") == [(7, "ok"), (8, "error")]


QIITA = r"""# 二乗誤差の展開

二乗を展開すると、次のようになります。

$$
\begin{aligned}
&= (y - t)^2 \\
&= y^2 - 2yt + t^2
\end{aligned}
$$
"""


def test_a_markdown_aligned_block_after_prose_links_its_rows() -> None:
    assert statuses(QIITA, "md") == [(8, "ok")]


README = r"""Two facts used below:

$$
\begin{aligned}
&= \frac{1}{2} \\
E &= (y - t)^2
\end{aligned}
$$
"""


def test_a_row_with_its_own_left_side_is_not_joined_to_the_open_row() -> None:
    """``E = (y - t)^2`` is a definition of its own; it says nothing about 1/2."""
    findings = audit_text(README, "md").findings
    assert [(f.line, f.status) for f in findings] == [(6, "ok")]
    assert "defines E" in findings[0].message

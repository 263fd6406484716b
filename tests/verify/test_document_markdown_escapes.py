r"""Math written for a Markdown processor that does not know math has its escapes undone.

Where display math is delimited ``\\[ … \\]`` (mdBook, kramdown with escapes, Pandoc's
``tex_math_double_backslash``), the Markdown processor runs first, so the writer doubles every
backslash before punctuation: ``\\{`` for a brace MathJax shows, ``\\\\`` for a row break.
verify reads what MathJax reads. Three documents of our own (a Jekyll post in Japanese, an
mdBook chapter, a README) and one that must not be touched: a GitHub README with ``$$``
math, where ``\\`` is a row break and ``\{`` a brace.
"""

from __future__ import annotations

from derivetex.verify import audit_text
from derivetex.verify.document import find_blocks
from derivetex.verify.document.delimiters import markdown_escapes_undone


def statuses(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, "md").findings]


JEKYLL = r"""---
layout: post
---

負の対数尤度を展開します。

\\[
    \begin{split}
        E &= - \\{ y \log p + (1 - y) \log (1 - p) \\} \\\\
        &= - y \log p - (1 - y) \log (1 - p) \\\\
        &= - y \log p + (1 - y) \log (1 - p)
    \end{split}
\\]
"""


def test_a_kramdown_post_with_escaped_braces_and_row_breaks() -> None:
    assert statuses(JEKYLL) == [(9, "ok"), (10, "ok"), (11, "error")]


MDBOOK = r"""# Softmax

For logits \\( z_1 = 2 \\) and \\( z_2 = 0 \\), the first probability is

\\[ \frac{e^{z\_1}}{e^{z\_1} + e^{z\_2}} = 0.8808 \\]

and the set of both is \\( \\{ p_1, p_2 \\} \\).
"""


def test_an_mdbook_chapter_with_escaped_subscripts() -> None:
    found = [block.text.strip() for block in find_blocks(MDBOOK, "md")]
    assert r"\frac{e^{z_1}}{e^{z_1} + e^{z_2}} = 0.8808" in found
    assert r"\{ p_1, p_2 \}" in found
    assert ("5", "ok") in [(str(line), status) for line, status in statuses(MDBOOK)]


GITHUB = r"""# Two rows

$$
\begin{aligned}
a &= \{ 1 + 1 \} \\
  &= 3
\end{aligned}
$$
"""


def test_a_github_readme_keeps_its_row_breaks_and_braces() -> None:
    r"""No escaped delimiter: ``\\`` is a row break and ``\{ 1 + 1 \}`` is 2, so the second
    row is wrong (it would read as one row if the breaks were undone)."""
    (block,) = find_blocks(GITHUB, "md")
    assert r"\{ 1 + 1 \} \\" in block.text
    assert statuses(GITHUB) == [(5, "ok"), (6, "error")]


def test_the_escapes_undone_are_commonmark_s() -> None:
    assert markdown_escapes_undone(r"\\{ a \\} \_1 \\\\ b \\") == r"\{ a \} _1 \\ b \\"
    assert markdown_escapes_undone("a \\\\\nb") == "a \\\\\nb"  # a row break left as written
    assert markdown_escapes_undone(r"\frac{1}{2} \alpha") == r"\frac{1}{2} \alpha"

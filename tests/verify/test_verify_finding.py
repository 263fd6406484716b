"""Finding math in documents and splitting it into rows and links."""

from __future__ import annotations

import pytest

from derivetex.errors import InputError
from derivetex.verify.document import MathBlock, find_blocks
from derivetex.verify.links.rows import links


def texts(source: str, kind: str) -> list[tuple[int, str]]:
    blocks = find_blocks(source, kind)
    return [(b.line_at(len(b.text) - len(b.text.lstrip())), b.text.strip()) for b in blocks]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a $x = 1$ b", [(1, "x = 1")]),
        ("para\n\n$$\nx = 1\n$$\n", [(4, "x = 1")]),
        ("\\(a=1\\) and\n\n\\[\nb = 2\n\\]\n", [(1, "a=1"), (4, "b = 2")]),
        ("```math\nc = 3\n```\n", [(2, "c = 3")]),
        ("```python\nx = '$y = 3$'\n```\n", []),
        ("code `$x = 1$` and price \\$5 = 3\\$", []),
        ("    $$ indented code $$\n", []),
        ("- item $f = 8$\n", [(1, "f = 8")]),
        ("line one\nline two $g = 9$", [(2, "g = 9")]),
    ],
    ids=[
        "inline",
        "display",
        "brackets",
        "math-fence",
        "code-fence",
        "code-span+escaped",
        "indented",
        "list",
        "2nd-line",
    ],
)
def test_markdown_math_is_found_with_lines(source: str, expected: list[tuple[int, str]]) -> None:
    assert texts(source, "md") == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("\\begin{equation}\nx = 1\n\\end{equation}", [(2, "x = 1")]),
        ("a\n\\begin{align*}\nx &= 1\n\\end{align*}", [(3, "x &= 1")]),
        ("\\[ y = 2 \\]\n$$ z = 3 $$", [(1, "y = 2"), (2, "z = 3")]),
        ("% $x = 1$\n\\begin{verbatim}\n\\[1 = 2\\]\n\\end{verbatim}\n$w$", [(5, "w")]),
        ("price \\$5 and $v = 1$", [(1, "v = 1")]),
    ],
    ids=["equation", "align*", "brackets+dollars", "comment+verbatim", "escaped-dollar"],
)
def test_latex_math_is_found_with_lines(source: str, expected: list[tuple[int, str]]) -> None:
    assert texts(source, "tex") == expected


def test_unknown_kind_is_input_error() -> None:
    with pytest.raises(InputError, match="unknown document kind"):
        find_blocks("x", "docx")


def chain(text: str) -> list[tuple[int, str]]:
    return [(link.right.line, link.text) for link in links(MathBlock(text, 10))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = b \\\\\n= c", [(10, "a = b"), (11, "b = c")]),
        ("L = &x&\n\\\n=&y&\\\n=&z&", [(10, "L = x"), (12, "x = y"), (13, "y = z")]),
        (
            "\\log L &= x \\\\\n&\\qquad \\text{by the rule}\\\\\n&= y",
            [(10, "\\log L = x"), (12, "x = y")],
        ),
        (
            "a &= b \\\\\n&対数の公式① 「\\log ab = \\log a + \\log b」 より&\\\\\n&= c",
            [(10, "a = b"), (12, "b = c")],
        ),
        ("&K:分類の数, t_{k}:正解ラベル&", []),
        ("K: number of classes", []),
        ("x = y \\tag{5.1} \\", [(10, "x = y")]),
        (
            "\\ - \\log L=\\sum_{k=1}^{K} t_{k} \\tag{4.3、再掲}",
            [(10, "- \\log L = \\sum_{k=1}^{K} t_{k}")],
        ),
        ("(a+b)^2 = a^2 + 2ab \\\\\n+ b^2", [(10, "(a+b)^2 = a^2 + 2ab + b^2")]),
        ("a = b \\\\\nc = d", [(10, "a = b"), (11, "c = d")]),
        ("a \\le b", [(10, "a \\le b")]),
    ],
    ids=[
        "double-backslash",
        "single-backslash",
        "en-prose",
        "ja-prose",
        "ja-legend",
        "en-legend",
        "tag",
        "control-space",
        "continuation",
        "two-chains",
        "other-relation",
    ],
)
def test_rows_and_links(text: str, expected: list[tuple[int, str]]) -> None:
    assert chain(text) == expected


def test_opens_chain_marks_definitions_only() -> None:
    found = links(MathBlock("E &= a \\\\\n&= b", 1))
    assert [link.opens_chain for link in found] == [True, False]

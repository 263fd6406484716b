"""The formulas of a Markdown document, found the way the blogs' Markdown readers find them
(``$$…$$`` display, ``$…$`` inline), with markdown-it-py: the notebook's ``text/latex`` form
takes its displays from here, and the render gate in ``tools.mathcheck`` its blocks."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin


@dataclass(frozen=True)
class MathBlock:
    """One formula to render: ``id`` names it in reports (e.g. ``"line 12"``)."""

    id: str
    tex: str
    display: bool



def _markdown_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(dollarmath_plugin, allow_labels=True, double_inline=True)


def _walk(tokens: list[Token], line: int) -> list[tuple[Token, int]]:
    found: list[tuple[Token, int]] = []
    for token in tokens:
        here = token.map[0] + 1 if token.map else line
        if token.type.startswith("math_"):
            found.append((token, here))
        if token.children:
            found.extend(_walk(token.children, here))
    return found


def math_blocks_from_markdown(md: str, prefix: str = "") -> list[MathBlock]:
    """Every display (``$$…$$``) and inline (``$…$``) formula of ``md``, in document order.

    Ids read ``"<prefix>line <n> #<k>"`` (1-based source line, k-th formula of the document).
    """
    blocks = []
    for k, (token, line) in enumerate(_walk(_markdown_parser().parse(md), 1), start=1):
        display = token.type in ("math_block", "math_block_label", "math_inline_double")
        blocks.append(MathBlock(f"{prefix}line {line} #{k}", token.content.strip(), display))
    return blocks

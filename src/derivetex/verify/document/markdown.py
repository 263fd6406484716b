"""Find the math in a Markdown document (and its dialects), keeping source line numbers.

Markdown is read with markdown-it-py, its math plugins and the platform rules of
``delimiters``, so code spans, fenced code and escaped dollars are never mistaken for math.
Besides the math, two kinds of claims come from outside it: a table cell holding an
expression beside one holding a number, and closed numeric claims in prose and code comments
(``prose_claims``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.texmath import texmath_plugin

from derivetex.verify.document.blocks import MathBlock, line_of, line_starts, with_parents
from derivetex.verify.document.delimiters import (
    ESCAPED_DELIMITERS,
    markdown_escapes_undone,
    platform_math_plugin,
)
from derivetex.verify.document.dialects import as_markdown
from derivetex.verify.document.prose_claims import claim_blocks, code_comments

_MD_BLOCK_TYPES = {"math_block", "math_block_label", "math_block_eqno", "amsmath"}
_MD_INLINE_TYPES = {"math_inline", "math_inline_double", "math_single"}


def _markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.use(dollarmath_plugin, double_inline=True)
    md.use(texmath_plugin, delimiters="brackets")
    md.use(amsmath_plugin)
    md.use(platform_math_plugin)
    return md


_MD = _markdown_parser()


def markdown_blocks(text: str, kind: str = "md") -> list[MathBlock]:
    """Every math block of a Markdown document of ``kind`` (md, qmd, rmd, mdx)."""
    blocks, levels = markdown_sections(text, kind)
    return with_parents(blocks, levels)


def markdown_sections(text: str, kind: str = "md") -> tuple[list[MathBlock], list[int]]:
    """The blocks (their sections numbered, parents not yet set) and each section's heading
    level (0 for a rule): a notebook joins its cells' sections before the parents are set."""
    text, origin = _display_lines_apart(as_markdown(text, kind))
    blocks, levels = _blocks_of(text, html=True)
    escaped = ESCAPED_DELIMITERS.search(text) is not None
    return [
        replace(b, line=origin[min(b.line, len(origin)) - 1],
                text=markdown_escapes_undone(b.text) if escaped else b.text)
        for b in blocks
    ], levels


_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_CELL_MATH = re.compile(r"^\s*\$([^$]+)\$\s*$")
_CELL_NUMBER = re.compile(r"^\s*\$?\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*\$?\s*$")
_EXPRESSION = re.compile(r"\\(?:log|ln|exp|frac|sqrt|sum|prod)|[-+^*/(]|\\cdot")


def table_claims(text: str, sections: list[int]) -> list[MathBlock]:
    """A Markdown table cell holding an expression beside a cell holding a number states
    ``expression = number`` (| $-\\log 0.9$ | 0.105 |): one block per such pair."""
    found: list[MathBlock] = []
    for number, line in enumerate(text.split("\n"), start=1):
        row = _TABLE_ROW.match(line)
        if row is None:
            continue
        cells = re.split(r"(?<!\\)\|", row.group(1))
        for left, right in zip(cells, cells[1:], strict=False):
            math, value = _CELL_MATH.match(left), _CELL_NUMBER.match(right)
            if math and value and _EXPRESSION.search(math.group(1)) and "=" not in math.group(1):
                section = sum(1 for at in sections if at < number)
                found.append(
                    MathBlock(f"{math.group(1)} = {value.group(1)}", number, False, section)
                )
    return found


_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->")


def _html_math(token: Token, section: int) -> list[MathBlock]:
    """Math inside an HTML block (``<div class="long-math">`` around ``$$ … $$``): KaTeX's
    auto-render and MathJax find it in the page, so verify reads it too. The tags are blanked
    and the rest read as Markdown, once (no deeper)."""
    if token.map is None:
        return []
    content = _TAG.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), token.content)
    lines = [line.strip() for line in content.split("\n")]  # no tag's indent makes code
    inner, _ = _blocks_of("\n".join(lines), html=False)
    return [
        MathBlock(block.text, block.line + token.map[0], block.display, section)
        for block in inner
        if not block.text.startswith("<")
    ]


def _display_lines_apart(text: str) -> tuple[str, list[int]]:
    """A line ``$$`` opening right after a line of text, or one of text right after a
    closing ``$$``, gets a blank line between: without it Markdown reads them as one
    paragraph and pairs the ``$$`` inline, off by one (Hexo and Jekyll sites render them
    as display math). A document whose ``$$`` do not pair up is left as it is. Returns the
    text and each of its lines' number in the original."""
    lines = text.split("\n")
    out: list[str] = []
    origin: list[int] = []
    opened = fenced = False
    for number, line in enumerate(lines, start=1):
        bare = line.strip()
        if bare.startswith(("```", "~~~")):
            fenced = not fenced
        if fenced or bare != "$$":
            out.append(line)
            origin.append(number)
            if not fenced and line.count("$$") % 2:
                opened = not opened  # $$ opening or closing a display with math on its line
            continue
        if not opened and out and out[-1].strip():
            out.append("")
            origin.append(number)
        out.append(line)
        origin.append(number)
        opened = not opened
        if not opened and number < len(lines) and lines[number].strip():
            out.append("")
            origin.append(number)
    if opened:  # unbalanced $$ (damaged delimiters): which ones open is a guess, change nothing
        return text, list(range(1, len(lines) + 1))
    return "\n".join(out), origin


def _blocks_of(text: str, html: bool) -> tuple[list[MathBlock], list[int]]:
    starts = line_starts(text)
    blocks: list[MathBlock] = []
    cursor = 0  # source offset up to which math has been placed; for tokens without a map
    section = 0
    headings: list[int] = []
    levels: list[int] = []
    for token in _MD.parse(text):
        if token.map is not None:
            cursor = max(cursor, starts[min(token.map[0], len(starts) - 1)])
        if token.type in ("heading_open", "hr"):
            section += 1
            headings.append(token.map[0] + 1 if token.map else 0)
            levels.append(int(token.tag[1:]) if token.type == "heading_open" else 0)
        blocks.extend(_token_blocks(token, text, cursor, starts, section, html))
    if html:
        blocks.extend(table_claims(text, headings))
    blocks.sort(key=lambda block: block.line)
    return blocks, levels


def _token_blocks(
    token: Token, text: str, cursor: int, starts: list[int], section: int, html: bool
) -> list[MathBlock]:
    """The math (and the closed numeric claims) one block-level token holds."""
    if token.type in _MD_BLOCK_TYPES:
        line = _block_content_line(text, token, cursor, starts)
        return [MathBlock(token.content, line, True, section)]
    if token.type in ("fence", "code_block") and token.map:
        if token.type == "fence" and token.info.strip() == "math":
            return [MathBlock(token.content, token.map[0] + 2, True, section)]
        if token.info.strip().startswith("{"):
            return []  # a Quarto / R Markdown chunk, ```{r}: code that runs, left alone
        first = token.map[0] + (2 if token.type == "fence" else 1)
        if token.info.strip().lower() in _PLAIN_TEXT:  # a README's lines set apart: read whole
            lines = list(enumerate(token.content.split("\n")))
        else:
            lines = code_comments(token.content, token.info)
        return claim_blocks([(first + at, line) for at, line in lines], section)
    if token.type == "inline" and token.children and token.map:
        first = token.map[0] + 1
        prose = [(first + at, line) for at, line in enumerate(_prose(token).split("\n"))]
        return _inline_blocks(token, first, section) + claim_blocks(prose, section)
    if token.type == "html_block" and html:
        return _html_math(token, section)
    return []


_PLAIN_TEXT = {"", "text", "txt", "plain", "plaintext", "output", "console"}
"""Code blocks that name no programming language (an indented block, ```` ```text ````): READMEs
set plain-text arithmetic apart this way, so their whole lines are read for closed claims; in
a block of code only the comments are."""

_NOT_PROSE = " § "
"""What stands for math, code and tags when prose is read for claims: it ends any side."""


def _prose(token: Token) -> str:
    """The prose of an inline token as its readers see it (emphasis marks gone), one line per
    source line; math, code spans and HTML replaced by a mark that no claim crosses."""
    pieces: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            pieces.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append("\n")
        elif child.type in _MD_INLINE_TYPES:
            pieces.append(_NOT_PROSE + "\n" * child.content.count("\n"))
        elif child.type in ("code_inline", "html_inline", "image"):
            pieces.append(_NOT_PROSE)
        elif child.type.endswith(("_open", "_close")):
            pieces.append(" ")
    return "".join(pieces)


def _block_content_line(text: str, token: Token, cursor: int, starts: list[int]) -> int:
    """Line of the first character of a display block's content."""
    if token.map is not None:
        return token.map[0] + 1
    found = text.find(token.content, cursor)  # texmath's \[ \] tokens carry no map
    offset = found if found >= 0 else cursor
    return line_of(offset, starts)


def _inline_blocks(token: Token, first_line: int, section: int) -> list[MathBlock]:
    blocks: list[MathBlock] = []
    source = token.content
    position = 0
    for child in token.children or []:
        if child.type not in _MD_INLINE_TYPES:
            continue
        found = source.find(child.content, position)
        if found < 0:
            found = position
        line = first_line + source.count("\n", 0, found)
        display = child.type == "math_inline_double"
        blocks.append(MathBlock(child.content, line, display, section))
        position = found + len(child.content)
    return blocks

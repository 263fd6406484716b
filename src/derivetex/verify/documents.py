"""Find the math in a Markdown or LaTeX document, keeping source line numbers.

Markdown is read with markdown-it-py and its math plugins, so code spans, fenced code and
escaped dollars are never mistaken for math. LaTeX has no such parser in our dependencies;
a small scanner that skips comments and verbatim environments does the job there.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.texmath import texmath_plugin

from derivetex.errors import InputError
from derivetex.verify import macros

KINDS = ("md", "tex")

_MD_BLOCK_TYPES = {"math_block", "math_block_label", "math_block_eqno", "amsmath"}
_MD_INLINE_TYPES = {"math_inline", "math_inline_double", "math_single"}


@dataclass(frozen=True)
class MathBlock:
    """A piece of math and the 1-based source line on which its first character sits."""

    text: str
    line: int
    display: bool = True
    section: int = 0
    parents: tuple[int, ...] = ()
    """The sections this block's section is part of (its enclosing headings), outermost first."""

    def line_at(self, offset: int) -> int:
        """The source line of the character at ``offset`` in ``text``."""
        return self.line + self.text.count("\n", 0, offset)


def find_blocks(text: str, kind: str) -> list[MathBlock]:
    """Every math block of a document of ``kind`` ("md" or "tex"), in source order, with the
    document's own macros expanded."""
    text = macros.expand(text)
    if kind == "md":
        return [_ascii(block) for block in _markdown_blocks(text)]
    if kind == "tex":
        return [_ascii(block) for block in _latex_blocks(text)]
    raise InputError(f"unknown document kind {kind!r}: expected one of {', '.join(KINDS)}")


_UNICODE_MATH = {
    "−": "-", "×": r"\times ", "·": r"\cdot ", "⋅": r"\cdot ", "÷": "/",
    "≒": r"\fallingdotseq ", "≈": r"\approx ", "≃": r"\simeq ", "＝": "=",
    "≤": r"\le ", "≦": r"\le ", "≥": r"\ge ", "≧": r"\ge ", "≠": r"\neq ",
    "∑": r"\sum ", "∏": r"\prod ", "∂": r"\partial ", "∇": r"\nabla ", "∞": r"\infty ",
    "α": r"\alpha ", "β": r"\beta ", "γ": r"\gamma ", "δ": r"\delta ", "ε": r"\epsilon ",
    "η": r"\eta ", "θ": r"\theta ", "λ": r"\lambda ", "μ": r"\mu ", "π": r"\pi ",
    "σ": r"\sigma ", "τ": r"\tau ", "φ": r"\phi ", "ω": r"\omega ",
}  # fmt: skip
"""Symbols typed as Unicode inside math (MathJax and KaTeX render them): their commands, so a
× or a − is not taken for prose that cuts the chain."""
_UNICODE_PATTERN = re.compile("|".join(map(re.escape, _UNICODE_MATH)))


def _ascii(block: MathBlock) -> MathBlock:
    """``block`` with Unicode math symbols as commands (no newline added or removed)."""
    if not _UNICODE_PATTERN.search(block.text):
        return block
    text = _UNICODE_PATTERN.sub(lambda m: _UNICODE_MATH[m.group(0)], block.text)
    return replace(block, text=text)


def _markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.use(dollarmath_plugin, double_inline=True)
    md.use(texmath_plugin, delimiters="brackets")
    md.use(amsmath_plugin)
    return md


_MD = _markdown_parser()


_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s*[A-Za-z]")
_SHORTCODE = re.compile(r"\{\{<\s*(/?)\s*katex(\s+display)?\s*>\}\}")
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)\n.*?\n\1\n", re.DOTALL)


def dialects(text: str) -> str:
    """Markdown dialects as plain Markdown, line for line: front matter blanked, Hugo
    ``{{< katex >}}`` shortcodes as ``$``/``$$``, MkDocs admonition bodies (``!!!``/``???``,
    indented) moved to the margin so their math is not read as an indented code block."""
    text = _FRONT_MATTER.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    shortcodes: list[bool] = []

    def shortcode(match: re.Match[str]) -> str:
        if not match.group(1):
            shortcodes.append(bool(match.group(2)))
            return "$$" if match.group(2) else "$"
        return "$$" if (shortcodes.pop() if shortcodes else False) else "$"

    text = _SHORTCODE.sub(shortcode, text)
    lines = text.split("\n")
    inside = False
    for number, line in enumerate(lines):
        if _ADMONITION.match(line):
            inside = True
            lines[number] = ""
        elif inside and (line.startswith("    ") or line.startswith("\t") or not line.strip()):
            lines[number] = line[4:] if line.startswith("    ") else line.lstrip("\t")
        else:
            inside = False
    return "\n".join(lines)


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


_TAG_LINE = re.compile(r"^\s*(?:<[^<>]*>\s*)+$")


def _html_math(token: Token, section: int) -> list[MathBlock]:
    """Math inside an HTML block (``<div class="long-math">`` around ``$$ … $$``): KaTeX's
    auto-render and MathJax find it in the page, so verify reads it too. The lines that are
    only tags are blanked and the rest read as Markdown, once (no deeper)."""
    if token.map is None:
        return []
    lines = ["" if _TAG_LINE.match(line) else line for line in token.content.split("\n")]
    inner = _markdown_blocks("\n".join(lines), html=False)
    return [
        MathBlock(block.text, block.line + token.map[0], block.display, section)
        for block in inner
        if not block.text.startswith("<")
    ]


def _markdown_blocks(text: str, html: bool = True) -> list[MathBlock]:
    text, origin = _display_lines_apart(dialects(text))
    blocks = _blocks_of(text, html)
    return [replace(b, line=origin[min(b.line, len(origin)) - 1]) for b in blocks]


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


def _blocks_of(text: str, html: bool) -> list[MathBlock]:
    line_starts = _line_starts(text)
    blocks: list[MathBlock] = []
    cursor = 0  # source offset up to which math has been placed; for tokens without a map
    section = 0
    headings: list[int] = []
    levels: list[int] = []
    for token in _MD.parse(text):
        if token.map is not None:
            cursor = max(cursor, line_starts[token.map[0]])
        if token.type in ("heading_open", "hr"):
            section += 1
            headings.append(token.map[0] + 1 if token.map else 0)
            levels.append(int(token.tag[1:]) if token.type == "heading_open" else 0)
        if token.type in _MD_BLOCK_TYPES:
            line = _block_content_line(text, token, cursor, line_starts)
            blocks.append(MathBlock(token.content, line, True, section))
        elif token.type == "fence" and token.info.strip() == "math" and token.map:
            blocks.append(MathBlock(token.content, token.map[0] + 2, True, section))
        elif token.type == "inline" and token.children and token.map:
            blocks.extend(_inline_blocks(token, token.map[0] + 1, section))
        elif token.type == "html_block" and html:
            blocks.extend(_html_math(token, section))
    if html:
        blocks.extend(table_claims(text, headings))
    blocks.sort(key=lambda block: block.line)
    blocks = _with_parents(blocks, levels)
    return blocks


def _block_content_line(text: str, token: Token, cursor: int, line_starts: list[int]) -> int:
    """Line of the first character of a display block's content."""
    if token.map is not None:
        return token.map[0] + 1
    found = text.find(token.content, cursor)  # texmath's \[ \] tokens carry no map
    offset = found if found >= 0 else cursor
    return _line_of(offset, line_starts)


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


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def _line_of(offset: int, line_starts: list[int]) -> int:
    low, high = 0, len(line_starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if line_starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1


_TEX_ENVIRONMENTS = "equation|align|aligned|gather|gathered|multline|flalign|alignat|eqnarray|split"
_TEX_OPENER = re.compile(
    r"\\begin\{(?P<env>(?:" + _TEX_ENVIRONMENTS + r")\*?)\}(?:\{\d+\})?"
    r"|(?P<dd>\$\$)|(?P<br>\\\[)|(?P<par>\\\()|(?P<d>\$)"
)
_TEX_VERBATIM_OPENER = re.compile(r"\\begin\{(?P<env>verbatim|lstlisting|minted|comment)\*?\}")
_TEX_SECTION = re.compile(
    r"\\(part|chapter|section|subsection|subsubsection|paragraph|frametitle|begin\{frame\})"
    r"(?![A-Za-z])"  # \\part, not the \\partial of every derivative
)
_TEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")


_CLOSER = {"dd": "$$", "br": "\\]", "par": "\\)", "d": "$"}


class _Closers:
    """Where each closing delimiter occurs, found once, so pairing an opener is a bisection:
    a document of a million unclosed ``\\[`` is read in linear time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, list[int]] = {}

    def next(self, closer: str, after: int) -> int | None:
        if closer not in self.found:
            self.found[closer] = [m.start() for m in re.finditer(re.escape(closer), self.text)]
        positions = self.found[closer]
        index = bisect.bisect_left(positions, after)
        return positions[index] if index < len(positions) else None


def _blank_span(chars: list[str], start: int, end: int) -> None:
    for at in range(start, end):
        if chars[at] != "\n":
            chars[at] = " "


def _blank_verbatim(text: str) -> str:
    """Verbatim, listings and comment environments blanked (offsets kept), linearly."""
    chars = list(text)
    closers = _Closers(text)
    cursor = 0
    while (match := _TEX_VERBATIM_OPENER.search(text, cursor)) is not None:
        env = match.group(0)[len("\\begin{") : -1]
        close = closers.next(f"\\end{{{env}}}", match.end())
        if close is None:
            cursor = match.end()
            continue
        end = close + len(f"\\end{{{env}}}")
        _blank_span(chars, match.start(), end)
        cursor = end
    return "".join(chars)


def _tex_math(text: str) -> list[tuple[int, str, bool]]:
    """(offset, body, display) of every math span, pairing each opener with its next closer."""
    closers = _Closers(text)
    found: list[tuple[int, str, bool]] = []
    cursor = 0
    while (match := _TEX_OPENER.search(text, cursor)) is not None:
        kind = match.lastgroup or "env"
        if kind == "d" and (match.start() > 0 and text[match.start() - 1] == "$"):
            cursor = match.end()
            continue
        closer = _CLOSER.get(kind) or f"\\end{{{match.group('env')}}}"
        close = closers.next(closer, match.end())
        if close is None or (kind == "d" and close == match.end()):
            cursor = match.end()
            continue
        found.append((match.end(), text[match.end() : close], kind not in ("par", "d")))
        cursor = close + len(closer)
    return found


def _latex_blocks(text: str) -> list[MathBlock]:
    cleaned = _TEX_COMMENT.sub(lambda m: " " * len(m.group(0)), _blank_verbatim(text))
    cleaned = cleaned.replace(r"\$", "  ")
    line_starts = _line_starts(cleaned)
    found = list(_TEX_SECTION.finditer(cleaned))
    sections = [m.start() for m in found]
    blocks: list[MathBlock] = []
    for start, body, display in _tex_math(cleaned):
        section = bisect.bisect_left(sections, start)
        blocks.append(MathBlock(body, _line_of(start, line_starts), display, section))
    return _with_parents(blocks, [_TEX_LEVELS[m.group(1)] for m in found])


_TEX_LEVELS = {
    "part": 1, "chapter": 2, "section": 3, "subsection": 4, "subsubsection": 5,
    "paragraph": 6, "begin{frame}": 7, "frametitle": 7,
}


def _with_parents(blocks: list[MathBlock], levels: list[int]) -> list[MathBlock]:
    """Each block with the sections enclosing its own: ``levels[k - 1]`` is the heading level
    of section k (0 for a rule, which starts afresh); section 0, before any heading, encloses
    everything up to the first rule."""
    parents: dict[int, tuple[int, ...]] = {0: ()}
    open_: list[tuple[int, int]] = [(0, 0)]  # (level, section) of the enclosing headings
    for section, level in enumerate(levels, start=1):
        if level == 0:
            open_ = []
        while open_ and open_[-1][0] >= level and level > 0:
            open_.pop()
        parents[section] = tuple(number for _, number in open_)
        open_.append((level, section))
    return [replace(b, parents=parents.get(b.section, ())) for b in blocks]

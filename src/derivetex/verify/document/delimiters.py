r"""The math delimiters of the platforms beyond what markdown-it's math plugins read.

Registered as markdown-it rules, so code spans and fenced code are never read as math (the
parser decides what is code before these rules see a character):

- GitHub's inline ``$`…`$`` (derivetex's ``github`` flavor writes it);
- ``\\( … \\)`` and ``\\[ … \\]``: mdBook, kramdown sites with MathJax and Pandoc's
  ``tex_math_double_backslash`` double the backslash so that ``\(`` reaches MathJax after the
  Markdown escape is undone;
- Hatena blog's ``[tex: …]``, whose body escapes the characters Hatena's Markdown would eat
  (``\]``, ``\[``, ``\_``, ``\^``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

_GITHUB = re.compile(r"\$`([^`\n]+?)`\$")
_HATENA_ESCAPE = re.compile(r"\\([\[\]_^*])")
HATENA_OPEN = "[tex:"


@lru_cache(maxsize=8)
def _positions(text: str, closer: str) -> list[int]:
    """Where ``closer`` occurs in ``text``, found once per text: pairing each opener is then a
    bisection, so a paragraph of many unclosed openers is read in linear time."""
    return [m.start() for m in re.finditer(re.escape(closer), text)]


def _next(text: str, closer: str, after: int) -> int | None:
    positions = _positions(text, closer)
    index = bisect.bisect_left(positions, after)
    return positions[index] if index < len(positions) else None


def _github(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("$`", state.pos):
        return False
    match = _GITHUB.match(state.src, state.pos)
    if match is None:
        return False
    return _push(state, silent, "math_inline", match.group(1), "$`", match.end())


def _doubled(name: str, opener: str, closer: str) -> Callable[[StateInline, bool], bool]:
    """An inline rule: from ``opener`` to the next ``closer``, one ``name`` token."""

    def rule(state: StateInline, silent: bool) -> bool:
        if not state.src.startswith(opener, state.pos):
            return False
        close = _next(state.src, closer, state.pos + len(opener))
        if close is None:
            return False
        body = state.src[state.pos + len(opener) : close]
        return _push(state, silent, name, body, opener, close + len(closer))

    return rule


def _push(state: StateInline, silent: bool, name: str, body: str, tag: str, end: int) -> bool:
    if not body.strip():
        return False
    if not silent:
        token = state.push(name, "math", 0)
        token.content = body
        token.markup = tag
    state.pos = end
    return True


@lru_cache(maxsize=8)
def _bracket_pairs(text: str) -> dict[int, int]:
    """The offset of the ``]`` closing each ``[`` of ``text`` (``\\[``, ``\\]`` escaped),
    matched once per text."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            stack.append(position)
        elif char == "]" and stack:
            pairs[stack.pop()] = position
        position += 1
    return pairs


def _hatena_end(text: str, start: int) -> int | None:
    """The offset of the ``]`` that closes the ``[tex:`` opening at ``start``, or None."""
    return _bracket_pairs(text).get(start)


def _hatena(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith(HATENA_OPEN, state.pos):
        return False
    end = _hatena_end(state.src, state.pos)
    if end is None:
        return False
    body = hatena_body(state.src[state.pos + len(HATENA_OPEN) : end])
    return _push(state, silent, "math_inline", body, HATENA_OPEN, end + 1)


def hatena_body(body: str) -> str:
    """The LaTeX of a ``[tex: …]`` body, Hatena's escapes undone (same length or shorter;
    no newline removed)."""
    return _HATENA_ESCAPE.sub(r"\1", body)


def _double_bracket_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``\\[`` opening a line, up to the line holding ``\\]``: one display block."""
    begin = state.bMarks[start] + state.tShift[start]
    if state.sCount[start] - state.blkIndent >= 4 or not state.src.startswith("\\\\[", begin):
        return False
    close = _next(state.src, "\\\\]", begin + 3)
    if close is None:
        return False
    line = start
    while line < end and close > state.eMarks[line]:
        line += 1
    if line >= end or state.src[close + 3 : state.eMarks[line]].strip():
        return False  # text after the closer: an inline pair inside a paragraph
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = state.src[begin + 3 : close]
    token.map = [start, line + 1]
    token.markup = "\\\\["
    state.line = line + 1
    return True


def platform_math_plugin(md: MarkdownIt) -> None:
    """Register the rules above (after the dollar and bracket plugins)."""
    md.inline.ruler.before("math_inline", "math_github", _github)
    md.inline.ruler.before(
        "escape", "math_double_paren", _doubled("math_inline", "\\\\(", "\\\\)")
    )
    md.inline.ruler.before(
        "escape", "math_double_bracket", _doubled("math_inline_double", "\\\\[", "\\\\]")
    )
    md.inline.ruler.before("link", "math_hatena", _hatena)
    md.block.ruler.before("fence", "math_double_bracket_block", _double_bracket_block)


ESCAPED_DELIMITERS = re.compile(r"(?m)^[ \t>*+-]*\\\\\[|\\\\\(")
"""``\\[`` opening a line or ``\\(`` anywhere: math written for a Markdown processor that
does not know math (mdBook, kramdown with escapes, Pandoc's ``tex_math_double_backslash``)."""
_ESCAPE = re.compile(r"\\\\\\\\|\\([!-/:-@\[-`{-~])")


def markdown_escapes_undone(math: str) -> str:
    r"""The LaTeX MathJax sees in math that Markdown processed first: each backslash escape of
    ASCII punctuation undone, as CommonMark does (``\\{`` is ``\{``, ``\\\\`` is ``\\``,
    ``\_`` is ``_``); a ``\\`` before a space or a line end stays a row break, since writers
    also leave row breaks unescaped. Same newlines, so lines are kept."""

    def undone(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return "\\\\"  # \\\\: two escaped backslashes, a row break
        if match.group(1) == "\\" and _ends_row(math, match.end()):
            return match.group(0)
        return match.group(1)

    return _ESCAPE.sub(undone, math)


def _ends_row(text: str, at: int) -> bool:
    return at >= len(text) or text[at] in " \t\r\n"

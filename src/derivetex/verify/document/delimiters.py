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

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

_GITHUB = re.compile(r"\$`([^`\n]+?)`\$")
_DOUBLE_PAREN = re.compile(r"\\\\\((.+?)\\\\\)", re.DOTALL)
_DOUBLE_BRACKET = re.compile(r"\\\\\[(.+?)\\\\\]", re.DOTALL)
_HATENA_ESCAPE = re.compile(r"\\([\[\]_^*])")
HATENA_OPEN = "[tex:"


def _inline(name: str, pattern: re.Pattern[str], tag: str) -> Callable[[StateInline, bool], bool]:
    """An inline rule: at ``tag``, ``pattern`` (its group 1 is the math) makes a ``name`` token."""

    def rule(state: StateInline, silent: bool) -> bool:
        if not state.src.startswith(tag, state.pos):
            return False
        match = pattern.match(state.src, state.pos)
        if match is None or not match.group(1).strip():
            return False
        if not silent:
            token = state.push(name, "math", 0)
            token.content = match.group(1)
            token.markup = tag
        state.pos = match.end()
        return True

    return rule


def _hatena_end(text: str, start: int) -> int | None:
    """The offset of the ``]`` that closes a ``[tex:`` body starting at ``start`` (brackets
    nest, ``\\]`` is escaped), or None."""
    depth = 0
    position = start
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return position
            depth -= 1
        position += 1
    return None


def _hatena(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith(HATENA_OPEN, state.pos):
        return False
    end = _hatena_end(state.src, state.pos + len(HATENA_OPEN))
    if end is None:
        return False
    body = state.src[state.pos + len(HATENA_OPEN) : end]
    if not body.strip():
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = hatena_body(body)
        token.markup = HATENA_OPEN
    state.pos = end + 1
    return True


def hatena_body(body: str) -> str:
    """The LaTeX of a ``[tex: …]`` body, Hatena's escapes undone (same length or shorter;
    no newline removed)."""
    return _HATENA_ESCAPE.sub(r"\1", body)


def _double_bracket_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``\\[`` opening a line, up to the line holding ``\\]``: one display block."""
    begin = state.bMarks[start] + state.tShift[start]
    if state.sCount[start] - state.blkIndent >= 4 or not state.src.startswith("\\\\[", begin):
        return False
    close = state.src.find("\\\\]", begin + 3)
    if close < 0:
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
    md.inline.ruler.before("math_inline", "math_github", _inline("math_inline", _GITHUB, "$`"))
    md.inline.ruler.before(
        "escape", "math_double_paren", _inline("math_inline", _DOUBLE_PAREN, "\\\\(")
    )
    md.inline.ruler.before(
        "escape", "math_double_bracket", _inline("math_inline_double", _DOUBLE_BRACKET, "\\\\[")
    )
    md.inline.ruler.before("link", "math_hatena", _hatena)
    md.block.ruler.before("fence", "math_double_bracket_block", _double_bracket_block)

"""The record every document reader returns: a piece of math and where it sits in the source.

Readers of each format (Markdown and its dialects, LaTeX, notebooks, reStructuredText) all
return ``MathBlock``s; what they share -- line arithmetic, line endings, the sections a block
is part of, Unicode symbols typed inside math -- lives here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace


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


_BREAK = re.compile(r"\r\n?")


def one_newline(text: str) -> str:
    """``text`` with every line ending as ``\\n``: CRLF, a lone CR (old Mac files) and LF each
    count as one line break, as editors and Markdown parsers count them."""
    return _BREAK.sub("\n", text) if "\r" in text else text


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts."""
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def line_of(offset: int, starts: list[int]) -> int:
    """The 1-based line of ``offset``, given ``line_starts`` of the text."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1


def with_parents(blocks: list[MathBlock], levels: list[int]) -> list[MathBlock]:
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


def ascii_math(block: MathBlock) -> MathBlock:
    """``block`` with Unicode math symbols as commands (no newline added or removed)."""
    if not _UNICODE_PATTERN.search(block.text):
        return block
    text = _UNICODE_PATTERN.sub(lambda m: _UNICODE_MATH[m.group(0)], block.text)
    return replace(block, text=text)

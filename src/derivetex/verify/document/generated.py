"""The generated part of a post's ``derivetex`` block is derivetex's own writing, read in its
own notation: a bare ``\\log`` there is natural (derivetex writes ``\\log_{2}`` or
``\\log_{10}`` for any other base), whatever ``log-base`` the blog's settings state for the
writer's text. The part sits between render's marker comments (``posts.blocks``)."""

from __future__ import annotations

from dataclasses import replace

from derivetex.reader.names import BARE_LOG
from derivetex.verify.document.blocks import MathBlock

_BEGIN = "<!-- derivetex:begin"
_END = "<!-- derivetex:end -->"


def generated_lines(text: str) -> list[tuple[int, int]]:
    """The 1-based line ranges (first, last) between render's begin and end markers."""
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if _BEGIN in line and start is None:
            start = number
        elif _END in line and start is not None:
            ranges.append((start, number))
            start = None
    return ranges


def in_own_notation(blocks: list[MathBlock], text: str) -> list[MathBlock]:
    """``blocks`` with the bare logs of those in a generated part written ``\\ln``."""
    if _BEGIN not in text:
        return blocks
    ranges = generated_lines(text)

    def generated(block: MathBlock) -> bool:
        return any(first <= block.line <= last for first, last in ranges)

    return [
        replace(b, text=BARE_LOG.sub(r"\\ln", b.text)) if generated(b) else b for b in blocks
    ]

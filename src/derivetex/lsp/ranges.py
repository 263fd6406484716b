"""Where a finding's formula sits in the document: line and columns of its own characters.

A finding knows the line its right-hand side starts on and the link's text as verify read it
(``left rel right``, white space made single, ``&`` and ``\\\\`` gone). The characters are
found again in the document's text by matching that text token by token, allowing any white
space, ``&`` or line break between tokens: first the whole link, then ever shorter tails of it
(the right-hand side alone, in an aligned block whose left side is on an earlier row). A
formula verify rewrote (a macro expanded, ``×`` as ``\\times``) matches no tail; its range is
then the line's characters, blanks at either end left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_TAIL = 1
"""A tail of at least this many tokens is tried (a lone ``0`` is still a right-hand side)."""
_GAP = re.compile(r"(?:\s|&|\\\\|\\[,;:! ]|\\q?quad(?![A-Za-z]))+")
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|.", re.DOTALL)


@dataclass(frozen=True)
class Span:
    """0-based line and columns (code points) of a start and an end."""

    line: int
    start: int
    end_line: int
    end: int

    def contains(self, line: int, column: int) -> bool:
        after_start = (line, column) >= (self.line, self.start)
        return after_start and (line, column) <= (self.end_line, self.end)


def locate(text: str, line: int, latex: str) -> Span:
    """The span of ``latex`` (a finding's link) around 1-based ``line`` of ``text``."""
    lines = text.split("\n")
    index = min(max(line - 1, 0), max(len(lines) - 1, 0))
    starts = _line_starts(lines)
    window_start = starts[max(index - 1, 0)]
    window_end = starts[index + 6] if index + 6 < len(lines) else len(text)
    window, where = _squashed(text[window_start:window_end])
    wanted, _ = _squashed(latex)
    covering: Span | None = None
    for first in _token_starts(wanted):
        tail = wanted[first:]
        at = window.find(tail)
        while at >= 0:
            begin = window_start + where[at]
            span = _span(starts, begin, window_start + where[at + len(tail) - 1] + 1)
            if span.line == index:
                return span  # the longest tail that starts on the finding's line
            if covering is None and span.line <= index <= span.end_line:
                covering = span
            at = window.find(tail, at + 1)
    if covering is not None:
        return covering
    return _whole_line(lines, index)


def _squashed(text: str) -> tuple[str, list[int]]:
    """``text`` without what may stand between tokens (white space, ``&``, ``\\\\``, spacing
    commands), and the offset in ``text`` of each character kept."""
    kept: list[str] = []
    where: list[int] = []
    at = 0
    for gap in _GAP.finditer(text):
        for offset in range(at, gap.start()):
            kept.append(text[offset])
            where.append(offset)
        at = gap.end()
    for offset in range(at, len(text)):
        kept.append(text[offset])
        where.append(offset)
    return "".join(kept), where


def _token_starts(squashed: str) -> list[int]:
    """Where each token of a squashed link starts (a command, or one character)."""
    return [m.start() for m in _TOKEN.finditer(squashed)][: len(squashed) - MIN_TAIL + 1]


def _line_starts(lines: list[str]) -> list[int]:
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return starts


def _span(starts: list[int], begin: int, end: int) -> Span:
    from bisect import bisect_right

    first = bisect_right(starts, begin) - 1
    last = bisect_right(starts, max(end - 1, begin)) - 1
    return Span(first, begin - starts[first], last, end - starts[last])


def _whole_line(lines: list[str], index: int) -> Span:
    text = lines[index] if lines else ""
    start = len(text) - len(text.lstrip())
    return Span(index, start, index, max(len(text.rstrip()), start))

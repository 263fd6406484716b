r"""The patterns an elision's shown terms fix: ``y_{1}, y_{2}, …, y_{12}`` or ``x_1, …, x_n``.

Shared by the sums and products (``ellipsis``) and the lists (``sequences``) written with
``\\cdots``: a term with its index marked ``@``, the first index, and the last (a number or
a letter).
"""

from __future__ import annotations

import re

from derivetex.reader.tokens import tokenize

DOTS = r"\cdots"
INDEX = re.compile(r"_\{(\d+)\}|_(\d)(?!\d)")
LETTER_INDEX = re.compile(r"_\{([A-Za-z])\}|_([A-Za-z])(?![A-Za-z])")


def compact(term: str) -> str:
    """``term`` with its spacing made canonical (``p_i y_n`` and ``p_iy_n`` alike): the
    reader's tokens, a space only after a command."""
    if term == DOTS:
        return term
    return "".join(t.text + (" " if t.kind == "cmd" else "") for t in tokenize(term)).strip()


def up_to_letter(before: str | None, first: str, last: str) -> tuple[str, int, str] | None:
    """``(pattern, a, n)`` for terms a (, a + 1) … n whose last index is the letter n; when
    two terms come before the dots, ``first`` is the second of them."""
    start = before if before is not None else first
    indices = {int(a or b) for a, b in INDEX.findall(start)}
    if len(indices) != 1:
        return None
    (low,) = indices
    pattern = numbered(start, low)
    if before is not None and numbered(first, low + 1) != pattern:
        return None
    for letter in sorted({a or b for a, b in LETTER_INDEX.findall(last)}):
        if numbered_letter(last, letter) == pattern:
            return pattern, low, letter
    return None


def numbered(term: str, index: int) -> str:
    """``term`` with each subscript ``index`` (``_{1}`` or ``_1``) as ``_{@}``."""

    def mark(match: re.Match[str]) -> str:
        return "_{@}" if int(match.group(1) or match.group(2)) == index else match.group(0)

    return INDEX.sub(mark, term)


def numbered_letter(term: str, letter: str) -> str:
    """``term`` with each subscript ``letter`` (``_{n}`` or ``_n``) as ``_{@}``."""

    def mark(match: re.Match[str]) -> str:
        return "_{@}" if (match.group(1) or match.group(2)) == letter else match.group(0)

    return LETTER_INDEX.sub(mark, term)


def shown_pattern(first: str, second: str, last: str) -> tuple[str, int, int] | None:
    """``(pattern with @ for the index, first index, last index)`` if the terms agree."""
    indices = {int(a or b) for a, b in INDEX.findall(first)}
    if len(indices) != 1:
        return None
    (low,) = indices
    pattern = numbered(first, low)
    second = numbered(second, low + 1).replace("@", str(low + 1))
    last = INDEX.sub(lambda m: "_{" + (m.group(1) or m.group(2)) + "}", last)
    if pattern.replace("@", str(low + 1)) != second:
        return None
    match = re.fullmatch(re.escape(pattern).replace("@", r"(\d+)"), last)
    if match is None or len(set(match.groups())) != 1:
        return None
    high = int(match.group(1))
    return (pattern, low, high) if high > low + 1 else None


def fits(term: str, other: str) -> bool:
    """Whether ``term`` is ``other``'s pattern at some index (``a_3`` fits ``a_2``; a
    different kind of term, ``\\frac{\\partial}{\\partial\\theta} P_1``, does not)."""
    indices = {int(a or b) for a, b in INDEX.findall(other)}
    if len(indices) != 1:
        return True  # no one index to compare by: assume it fits, and refuse
    shape = re.escape(numbered(other, indices.pop())).replace("@", r"(\d+)")
    marked = INDEX.sub(lambda m: "_{" + (m.group(1) or m.group(2)) + "}", term)
    return re.fullmatch(shape, marked) is not None

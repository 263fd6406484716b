r"""Split a math block into rows and the rows into the links of an equation chain.

Rows end at ``\\`` and at a single ``\`` that ends a line (what is left of ``\\`` after a
Markdown renderer ate one backslash). Prose rows -- ``\text{}`` justifications, Japanese or
other text, legends such as ``K: 分類の数`` -- are skipped. Ignorable markup is blanked with
spaces rather than deleted, so every offset still points at the source line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivetex.verify.documents import MathBlock

RELATIONS = re.compile(
    r":=|\\coloneqq(?![A-Za-z])|=|<|>|\\(?:approx|simeq|neq|ne|leq|le|geq|ge|lt|gt|Rightarrow|"
    r"Leftrightarrow|iff|implies|to|propto|equiv|sim)(?![A-Za-z])"
)
EQUAL = "="
APPROX = r"\approx"
DEFINE = (":=", r"\coloneqq", r"\equiv")

_ROW_BREAK = re.compile(r"\\\\(?:\[[^\]\n]*\])?|\\(?=[ \t]*(?:\n|$))")
_BLANKED = re.compile(
    r"\\(?:begin|end)\{[A-Za-z]+\*?\}(?:\{\d+\})?"
    r"|\\(?:tag\*?|label)\{(?:[^{}]|\{[^{}]*\})*\}"
    r"|\\(?:nonumber|notag|displaystyle|qquad|quad|hfill)(?![A-Za-z])"
    r"|\\[ ,;:!>]"
    r"|&"
)
_PROSE = re.compile(
    r"\\(?:text|mbox|textrm|textit|textbf|intertext|shortintertext|mathrm\{[A-Za-z]{4,})"
    r"|[^\x00-\x7f]"
    r"|:(?!=)|\\colon"
    r"|(?<![\\A-Za-z])[A-Za-z]{4,}"
)
_CONTINUATION = re.compile(r"^\s*(?:\+|-|\\cdot(?![A-Za-z])|\\times(?![A-Za-z]))")


@dataclass(frozen=True)
class Part:
    """One side of a relation: its LaTeX (markup blanked, stripped) and its source line."""

    latex: str
    line: int


@dataclass(frozen=True)
class Link:
    """``left relation right``; ``opens_chain`` is true for the first link of a chain."""

    left: Part
    right: Part
    relation: str
    opens_chain: bool

    @property
    def text(self) -> str:
        return f"{self.left.latex} {self.relation} {self.right.latex}"


@dataclass(frozen=True)
class _Row:
    parts: tuple[Part, ...]
    relations: tuple[str, ...]
    leading_relation: bool


def blank(text: str) -> str:
    """Blank alignment marks, tags, labels, spacing and environment markers."""
    return _BLANKED.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def is_prose(row_text: str) -> bool:
    """A justification, legend or sentence rather than mathematics."""
    return _PROSE.search(row_text) is not None


def links(block: MathBlock) -> list[Link]:
    """The links of every equation chain in ``block``, in order."""
    found: list[Link] = []
    previous: Part | None = None
    for row in _rows(block):
        parts = list(row.parts)
        if row.leading_relation:
            if previous is None:
                parts = parts[1:]
                relations = row.relations[1:]
            else:
                parts[0] = previous
                relations = row.relations
        else:
            relations = row.relations
        for index, relation in enumerate(relations):
            opens = index == 0 and not row.leading_relation
            found.append(Link(parts[index], parts[index + 1], relation, opens))
        previous = parts[-1] if parts else previous
    return found


def _rows(block: MathBlock) -> list[_Row]:
    text = blank(block.text)
    rows: list[_Row] = []
    start = 0
    pieces: list[tuple[int, str]] = []
    for match in _ROW_BREAK.finditer(text):
        pieces.append((start, text[start : match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    for offset, piece in pieces:
        if not piece.strip() or is_prose(piece):
            continue
        row = _split(block, offset, piece)
        if rows and not row.relations and _CONTINUATION.match(piece):
            rows[-1] = _extend(rows[-1], row.parts[0])
            continue
        rows.append(row)
    return rows


def _split(block: MathBlock, offset: int, piece: str) -> _Row:
    parts: list[Part] = []
    relations: list[str] = []
    depth = 0
    cut = 0
    position = 0
    while position < len(piece):
        char = piece[position]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and (match := RELATIONS.match(piece, position)):
            parts.append(_part(block, offset + cut, piece[cut:position]))
            relations.append(match.group(0))
            position = cut = match.end()
            continue
        position += 1
    parts.append(_part(block, offset + cut, piece[cut:]))
    leading = bool(relations) and not parts[0].latex
    return _Row(tuple(parts), tuple(relations), leading)


def _part(block: MathBlock, offset: int, raw: str) -> Part:
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    latex = re.sub(r"\s+", " ", stripped).rstrip(".,; ")
    return Part(latex, block.line_at(offset + lead))


def _extend(row: _Row, more: Part) -> _Row:
    last = row.parts[-1]
    joined = Part(f"{last.latex} {more.latex}".strip(), last.line)
    return _Row(row.parts[:-1] + (joined,), row.relations, row.leading_relation)

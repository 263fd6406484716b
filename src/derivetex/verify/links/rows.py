r"""Split a math block into rows, the rows into chains, and the chains into links.

Rows end at ``\\`` and at a single ``\`` that ends a line (what is left of ``\\`` after a
Markdown renderer ate one backslash). A row that opens with prose -- a ``\text{}``
justification, Japanese words, a legend such as ``K: 分類の数`` -- is skipped. Inside a row,
separators at bracket depth 0 (``,``, ``;``, ``\quad``, words, ``\because``, ``\Rightarrow``)
end one chain and start another, so ``K=1, N=1`` is two definitions, not a chain; an ``=``
inside brackets (``P(y=1 \mid x)``) is never a link. Ignorable markup is blanked with spaces
rather than deleted, so every offset still points at the source line it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from derivetex.verify.document import MathBlock

RELATIONS = re.compile(
    r":=|\\coloneqq(?![A-Za-z])|>=|<=|=|<|>|\\(?:approx|simeq|fallingdotseq|risingdotseq|"
    r"approxeq|thickapprox|neq|ne|leq|le|geq|ge|lt|gt|propto|equiv|triangleq|doteq)(?![A-Za-z])"
)
EQUAL = "="
APPROX = r"\approx"
APPROXIMATE = (
    APPROX, r"\simeq", r"\fallingdotseq", r"\risingdotseq", r"\approxeq", r"\thickapprox"
)
"""≈ and the signs writers use for it: ``\\simeq``, and ``\\fallingdotseq`` (≒) in Japanese."""
UNEQUAL = (r"\neq", r"\ne")
DEFINE = (":=", r"\coloneqq", r"\equiv", r"\triangleq", r"\doteq")
ORDER = ("<", ">", r"\leq", r"\le", r"\geq", r"\ge", r"\lt", r"\gt")

_ROW_BREAK = re.compile(r"\\\\(?:\[[^\]\n]*\])?|\\(?=[ \t]*(?:\n|$))")
_BLANKED = re.compile(
    r"\\(?:begin|end)\{[A-Za-z]+\*?\}(?:\{[^{}]*\})?"
    r"|\\(?:tag\*?|label|eqref|ref)\{(?:[^{}]|\{[^{}]*\})*\}"
    r"|\\(?:nonumber|notag|displaystyle|hfill)(?![A-Za-z])"
    r"|\\[ ,;:!>]"
    r"|&"
)
_ASCII_ORDER = {">=": r"\ge", "<=": r"\le"}
"""``>=`` and ``<=`` typed as in code: the relations ≥ and ≤."""
_RELATION_LABEL = re.compile(
    r"(?:=|<|>|\\(?:leq|le|geq|ge|approx)(?![A-Za-z]))\s*(\^\{(?:[^{}]|\{[^{}]*\})*\})"
)
"""``\\le^{\\textrm{(a)}}``, ``=^{(b)}``: a label on a relation naming the step's reason."""
_COLUMNS = re.compile(r"(?<!\\)&[ \t]*&")
"""``a &= b && (\\because …)`` or ``a &= b && c &= d``: a new column, so a new chain."""
_INTERTEXT = re.compile(r"\\(?:short)?intertext\{(?:[^{}]|\{[^{}]*\})*\}")
"""``\\intertext{so, with $b = 3$,}`` between rows of an ``align``: prose, a row break."""
_STACKED = re.compile(r"\\(?:overset|stackrel|underset)\{(?:[^{}]|\{[^{}]*\})*\}\{\s*=\s*\}")
_CONNECTOR_WORDS = {
    "where", "and", "if", "for", "with", "since", "then", "so", "as", "when", "otherwise",
    "because", "thus", "hence", "or", "i.e.", "e.g.", "s.t.", "given", "all", "any", "let",
    "bit", "bits", "nat", "nats", "hartley", "hartleys", "dB",
}  # fmt: skip
_TEXT = re.compile(r"\\(?:text|mbox|textrm|textit|textbf|mathrm|operatorname)\{([^{}]*)\}")
_SEPARATOR = re.compile(
    r"<=>|=>|[,;]|\\(?:quad|qquad|because|therefore|Rightarrow|Leftarrow|Leftrightarrow|iff|implies|"
    r"Longrightarrow|Longleftarrow|Longleftrightarrow|longrightarrow|longleftrightarrow|impliedby|"
    r"leftarrow|longleftarrow|gets|"
    r"to|mapsto|forall|sim|in|notin|subset|text|mbox|textrm|intertext|colon)(?![A-Za-z])"
    r"|:(?!=)|[^\x00-\x7f]+|(?<![\\A-Za-z])(?:where|and|for|with|since|then|when|otherwise|thus|hence|"
    r"given|subject|because|therefore)(?![A-Za-z])"
)
_APPLIED_WORD = re.compile(r"[A-Za-z]{2,}\([A-Za-z0-9_, ]+\)")
_FUNCTION_WORDS = {
    "softmax",
    "sigmoid",
    "tanh",
    "sinh",
    "cosh",
    "relu",
    "ReLU",
    "logistic",
    "softplus",
    "frac",
    "dfrac",
    "tfrac",
    "left",
    "right",
    "sqrt",
    "cdot",
}
_PROSE_START = re.compile(
    r"^\s*(?:\\(?:text|mbox|textrm|textit|textbf|intertext|shortintertext|because|therefore"
    r"|quad|qquad)(?![A-Za-z])|[^\x00-\x7f]|\(\s*\\because)"
)
_JUSTIFICATION = re.compile(r"\\because(?![A-Za-z])")
"""After ``\\because`` a row states its reason: the next row never continues from it."""
_ALIGNED_RELATION = re.compile(r"&\s*(?:=|\\approx|\\simeq|\\fallingdotseq|<|>|\\le|\\ge)")
_CONTINUATION = re.compile(r"^\s*(?:\+|-|\\cdot(?![A-Za-z])|\\times(?![A-Za-z]))")
_OPENERS, _CLOSERS = "([{", ")]}"


@dataclass(frozen=True)
class Part:
    """One side of a relation: its LaTeX (markup blanked, stripped) and its source line."""

    latex: str
    line: int
    source: str = ""
    """The same span as written, matrix environments kept (the matrix checks read them)."""


@dataclass(frozen=True)
class Link:
    """``left relation right``; ``opens_chain`` is true for the first link of a chain, and
    ``chained`` when the link is one of several in a chain (a claimed step, not a lone
    equation)."""

    left: Part
    right: Part
    relation: str
    opens_chain: bool
    chained: bool = False

    @property
    def text(self) -> str:
        return f"{self.left.latex} {self.relation} {self.right.latex}"


@dataclass(frozen=True)
class _Chain:
    parts: tuple[Part, ...]
    relations: tuple[str, ...]
    leading_relation: bool
    first: bool = True
    last: bool = True


_MATRIX = re.compile(
    r"\\begin\{(?P<env>[pbvBV]?matrix|smallmatrix|cases|array|dcases)\*?\}.*?\\end\{(?P=env)\*?\}",
    re.DOTALL,
)


def blank(text: str) -> str:
    """Blank alignment marks, tags, labels, spacing and environment markers; a matrix or
    ``cases`` environment becomes one opaque ``\\MATRIX`` (its rows are not equations)."""
    text = _MATRIX.sub(lambda m: "\\MATRIX" + re.sub(r"[^\n]", " ", m.group(0)[7:]), text)
    text = _STACKED.sub(lambda m: " " * (len(m.group(0)) - 1) + "=", text)
    text = _COLUMNS.sub(lambda m: ";" + " " * (len(m.group(0)) - 1), text)
    text = _INTERTEXT.sub(lambda m: "\\\\" + re.sub(r"[^\n]", " ", m.group(0)[2:]), text)
    text = _RELATION_LABEL.sub(lambda m: _blanked_label(m), text)
    return _BLANKED.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _blanked_label(match: re.Match[str]) -> str:
    start = match.start(1) - match.start()
    return match.group(0)[:start] + re.sub(r"[^\n]", " ", match.group(1))


_NAMED_START = re.compile(r"^\s*\\(?:text|mathrm|operatorname)\{[A-Za-z][A-Za-z0-9]*\}\s*[=(_^]")


def is_prose(row_text: str) -> bool:
    """A justification, legend or sentence rather than mathematics (``\\text{NLL} = ...``
    opens with a name, not with prose)."""
    return _PROSE_START.search(row_text) is not None and not _NAMED_START.match(row_text)


def links(block: MathBlock, previous: Part | None = None) -> list[Link]:
    """The links of every equation chain in ``block``, in order; ``previous`` is the last
    part of the block before, which a block opening with ``=`` continues."""
    found: list[Link] = []
    opens_with_relation = RELATIONS.match(blank(block.text).lstrip()) is not None
    for number, chains in enumerate(_rows(block)):
        for position, chain in enumerate(chains):
            parts, relations = list(chain.parts), chain.relations
            continues = (
                chain.leading_relation
                and chain.first
                and position == 0
                and previous is not None
                and (number > 0 or opens_with_relation)
            )
            if chain.leading_relation:
                if continues and previous is not None:
                    parts[0] = previous
                else:
                    parts, relations = parts[1:], relations[1:]
            chained = len(relations) > 1 or continues
            for index, relation in enumerate(relations):
                opens = index == 0 and not continues
                found.append(Link(parts[index], parts[index + 1], relation, opens, chained))
            if chain.last and parts and (relations or chain.leading_relation):
                # a chain that ends its row is what the next row continues; so is a first row
                # ``= A`` whose left side is in the prose before it: ``= A \\ = B`` says A = B
                previous = parts[-1]
    return found


def last_part(block: MathBlock) -> Part | None:
    """The last part of the last chain in ``block`` (for a block that continues it)."""
    rows = _rows(block)
    for chains in reversed(rows):
        for chain in reversed(chains):
            if chain.parts and chain.parts[-1].latex:
                return chain.parts[-1]
    return None


def _rows(block: MathBlock) -> list[list[_Chain]]:
    text = blank(block.text)
    rows: list[list[_Chain]] = []
    start = 0
    pieces: list[tuple[int, str]] = []
    for match in _ROW_BREAK.finditer(text):
        pieces.append((start, text[start : match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    follows = False  # whether this piece comes right after the last row kept
    for offset, piece in pieces:
        raw = block.text[offset : offset + len(piece)]
        if not piece.strip() or (is_prose(piece) and not _ALIGNED_RELATION.search(raw)):
            follows = False
            continue
        after, follows = follows, True
        segments = _segments(piece)
        justified = _JUSTIFICATION.search(piece)
        reason_at = justified.start() if justified else len(piece) + 1
        main = max(
            (
                i
                for i, (cut, seg) in enumerate(segments)
                if cut < reason_at and RELATIONS.search(seg)
            ),
            default=0,
        )
        chains = [
            _split(block, offset + cut, segment, index == 0, index == main)
            for index, (cut, segment) in enumerate(segments)
        ]
        chains = [c for c in chains if c.parts and any(p.latex for p in c.parts)]
        if not chains:
            follows = False
            continue
        first = chains[0]
        if rows and not first.relations and _CONTINUATION.match(piece) and rows[-1]:
            rows[-1][-1] = _extend(rows[-1][-1], first.parts[0])
            chains = chains[1:]
        elif after and rows and rows[-1] and _open_ended(rows[-1][-1]) and first.parts[0].latex:
            rows[-1][-1] = _joined(rows[-1][-1], first)  # A = \\ B = C: one chain A = B = C
            chains = chains[1:]
        if chains:
            rows.append(chains)
    return rows


def _top_level(piece: str, match_at: Callable[[str, int], int | None]) -> list[tuple[int, int]]:
    """(start, end) of every match of ``match_at`` outside brackets, left to right."""
    found: list[tuple[int, int]] = []
    depth, position = 0, 0
    while position < len(piece):
        char = piece[position]
        if depth == 0 and char == "(" and (end := _marked_reason(piece, position)) is not None:
            found.append((position, end))  # (∵), (\because): a mark, not a bracket
            position = end
            continue
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        elif depth == 0 and (end := match_at(piece, position)) is not None:
            found.append((position, end))
            position = end
            continue
        position += 1
    return found


_REASON_MARK = re.compile(r"\(\s*(?:∵|∴|\\because|\\therefore)\s*\)")


_NOTE = re.compile(r"\s\(([^()]*(?:[^\x00-\x7f]|[A-Za-z]\s*:(?!=))[^()]*)\)")
"""`` (A:対称行列)``, `` (i: 番号)``: a note in brackets after a space, in words or a colon."""


def _marked_reason(piece: str, position: int) -> int | None:
    """Where ``(∵)`` or a bracketed note opening at ``position`` ends, or None."""
    match = _REASON_MARK.match(piece, position)
    if match is None and position > 0:
        match = _NOTE.match(piece, position - 1)
    return match.end() if match else None


def _segments(piece: str) -> list[tuple[int, str]]:
    """The pieces of a row between separators at bracket depth 0."""
    found: list[tuple[int, str]] = []
    cut = 0
    for start, end in _top_level(piece, _separator_end):
        found.append((cut, piece[cut:start]))
        cut = end
    found.append((cut, piece[cut:]))
    return found


def _relation_end(piece: str, position: int) -> int | None:
    match = RELATIONS.match(piece, position)
    return match.end() if match else None


def _separator_end(piece: str, position: int) -> int | None:
    """Where a separator starting at ``position`` ends, or None if there is none."""
    text = _TEXT.match(piece, position)
    if text is not None:
        word = text.group(1).strip()
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", word) and word.lower() not in _CONNECTOR_WORDS:
            return None  # \text{NLL}, \mathrm{CE}: a name
        if _APPLIED_WORD.fullmatch(word):
            return None  # \text{softmax(x)}: a function applied, written inside the text
        return text.end()
    match = _SEPARATOR.match(piece, position)
    if match is None:
        return None
    if match.group(0) in _FUNCTION_WORDS or match.group(0).lower() in _FUNCTION_WORDS:
        return None
    if match.group(0) in ("\\text", "\\mbox", "\\textrm"):
        return None
    return match.end()


def _split(
    block: MathBlock, offset: int, piece: str, first: bool = True, last: bool = True
) -> _Chain:
    parts: list[Part] = []
    relations: list[str] = []
    cut = 0
    for start, end in _top_level(piece, _relation_end):
        parts.append(_part(block, offset + cut, piece[cut:start]))
        relations.append(_ASCII_ORDER.get(piece[start:end], piece[start:end]))
        cut = end
    parts.append(_part(block, offset + cut, piece[cut:]))
    leading = bool(relations) and not parts[0].latex
    return _Chain(tuple(parts), tuple(relations), leading, first, last)


def _part(block: MathBlock, offset: int, raw: str) -> Part:
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    latex = re.sub(r"\s+", " ", stripped).rstrip(".,; ")
    start = offset + lead
    source = block.text[offset : offset + len(raw)].strip() if r"\MATRIX" in latex else ""
    return Part(latex, block.line_at(start), source)


def _extend(chain: _Chain, more: Part) -> _Chain:
    last = chain.parts[-1]
    source = ""
    if last.source or more.source:
        source = f"{last.source or last.latex} {more.source or more.latex}"
    joined = Part(f"{last.latex} {more.latex}".strip(), last.line, source)
    return _Chain(
        chain.parts[:-1] + (joined,),
        chain.relations,
        chain.leading_relation,
        chain.first,
        chain.last,
    )


def _open_ended(chain: _Chain) -> bool:
    """A chain whose row ends on its relation (``A = \\\\``): the next row holds the right side."""
    return bool(chain.relations) and not chain.parts[-1].latex


def _joined(chain: _Chain, more: _Chain) -> _Chain:
    """``chain`` (ending on a relation) continued by the chain of the next row."""
    return _Chain(
        chain.parts[:-1] + more.parts,
        chain.relations + more.relations,
        chain.leading_relation,
        chain.first,
        chain.last or more.last,
    )

r"""Write out a sum or product elided with ``\cdots``, when the terms shown fix the rest.

``y_{1}^{t_{1}} \cdot y_{2}^{t_{2}} \cdots y_{12}^{t_{12}}`` is read as the twelve factors it
stands for: the two terms before ``\cdots`` must differ only in an index a, a + 1 (every
numeric subscript ``_{a}``), and the term after it must be the same pattern at some n > a + 1.
When the last index is a letter (``x_1 + x_2 + \cdots + x_n``, or with one term before the
dots, ``x_1 + \cdots + x_n``) the elision is the sum or product from a to n.
Anything else -- ``y_{1}^{0} \cdot y_{2}^{0} \cdots y_{12}^{1}``, where the hidden exponents
are not shown, or numbers with no index -- is refused: the elided terms are not in the text.
``\dots`` and ``\ldots`` between operators mean the same as ``\cdots``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivetex.judge.numeric import MAX_TERMS
from derivetex.verify.patterns import (
    DOTS,
    LETTER_INDEX,
    compact,
    fits,
    shown_pattern,
    up_to_letter,
)
from derivetex.verify.sequences import is_list, write_list

_OPERATOR = re.compile(r"\+|\\cdot(?![A-Za-z])|\\times(?![A-Za-z])")
_OTHER_DOTS = re.compile(r"\\l?dots(?![A-Za-z])")
_FRESH = "ijlmrsuv"
_OPEN, _CLOSE = "({", ")}"


@dataclass(frozen=True)
class Elision:
    """``text`` with every ``\\cdots`` written out, or ``None`` and the reason."""

    text: str | None
    reason: str = ""


def elided(text: str) -> bool:
    """Whether ``text`` elides terms with ``\\cdots``, ``\\dots`` or ``\\ldots``."""
    return DOTS in text or _OTHER_DOTS.search(text) is not None


def write_out(text: str) -> Elision:
    """Replace each elided sum or product in ``text`` by all of its terms."""
    text = _OTHER_DOTS.sub(lambda m: DOTS, text)
    for _ in range(text.count(DOTS)):
        at = text.find(DOTS)
        if at < 0:
            break  # one write-out took two elisions (a term singled out between them)
        start, end = _group(text, at)
        if text[start:end].endswith("\\"):
            end -= 1  # the \ of a closing \}
        written = _expand(text[start:end], text)
        if written.text is None:
            return written
        text = text[:start] + written.text + text[end:]
    return Elision(text)


def _group(text: str, at: int) -> tuple[int, int]:
    """The span inside the innermost brackets around position ``at``."""
    depth, start = 0, 0
    for position in range(at - 1, -1, -1):
        if text[position] in _CLOSE:
            depth += 1
        elif text[position] in _OPEN:
            if depth == 0:
                start = position + 1
                break
            depth -= 1
    depth, end = 0, len(text)
    for position in range(at, len(text)):
        if text[position] in _OPEN:
            depth += 1
        elif text[position] in _CLOSE:
            if depth == 0:
                end = position
                break
            depth -= 1
    return start, end


def _expand(group: str, text: str) -> Elision:
    """The sum or product ``group`` written out; fresh index letters are not in ``text``."""
    if is_list(group):
        listed, reason = write_list(group, next((c for c in _FRESH if c not in text), None))
        return Elision(listed, reason)
    negated = _negated(group)
    if negated is not None:
        inner = _expand(negated, text)
        return Elision(None if inner.text is None else f"-({inner.text})", inner.reason)
    items = _split(group)
    plus = "+" in items
    terms = [compact(term) for term in _split_on(items, plus)]
    joiner = " + " if plus else r" \cdot "
    if plus and terms.count(DOTS) == 2:
        special = _with_special_term(terms, text)
        if special is not None:
            return Elision(special)
    if terms.count(DOTS) != 1:
        return Elision(None, "\\cdots other than once in a sum or product")
    where = terms.index(DOTS)
    if where < 1 or where != len(terms) - 2:
        return Elision(None, "\\cdots needs the terms before it and the last term after it")
    before = terms[where - 2] if where >= 2 else None
    symbolic = up_to_letter(before, terms[where - 1], terms[-1])
    kept = max(where - 2, 0)
    if symbolic is None and before is not None and not fits(before, terms[where - 1]):
        symbolic = up_to_letter(None, terms[where - 1], terms[-1])  # D \cdot P_2 \cdots P_n
        kept = where - 1
    if symbolic is not None:
        pattern, low, letter = symbolic
        index = next((c for c in _FRESH if c not in text), None)
        if index is None:
            return Elision(None, "no free letter for the index of the elided terms")
        big = r"\sum" if plus else r"\prod"
        whole = f"{big}_{{{index}={low}}}^{{{letter}}} {{{pattern.replace('@', index)}}}"
        return Elision(joiner.join([*terms[:kept], whole]))
    if where < 2:
        return Elision(None, "\\cdots needs two terms before it and the last term after it")
    first, second, last = terms[where - 2], terms[where - 1], terms[-1]
    found = shown_pattern(first, second, last)
    if found is None:
        shown = ", ".join((first, second, "…", last))
        return Elision(None, f"the terms \\cdots stands for do not follow from {shown}")
    pattern, low, high = found
    if high - low + 1 > MAX_TERMS:
        return Elision(None, f"an elided sum of {high - low + 1} terms (cap {MAX_TERMS})")
    every = [pattern.replace("@", str(i)) for i in range(low, high + 1)]
    return Elision(joiner.join([*terms[: where - 2], *every]))


def _negated(group: str) -> str | None:
    """``-a_1 - a_2 \\cdots - a_n`` (every term subtracted, an operator perhaps missing
    before the dots) as the sum ``a_1 + a_2 + \\cdots + a_n`` to negate; else ``None``."""
    terms: list[str] = []
    depth, cut = 0, 0
    for position, char in enumerate(group):
        depth += 1 if char in _OPEN else -1 if char in _CLOSE else 0
        if depth == 0 and char in "+-" and group[position - 1 : position] not in ("^", "_"):
            terms.append(group[cut:position])
            cut = position
    terms.append(group[cut:])
    terms = [t.strip() for t in terms if t.strip()]
    if len(terms) < 3 or not all(t.startswith("-") for t in terms):
        return None
    parts: list[str] = []
    for term in terms:
        body = term[1:].strip()
        if body.endswith(DOTS) and body != DOTS:
            parts += [body[: -len(DOTS)].strip(), DOTS]  # - b_2 \cdots - b_n
        else:
            parts.append(body)
    if parts.count(DOTS) != 1 or "" in parts:
        return None
    return " + ".join(parts)


def _with_special_term(terms: list[str], text: str) -> str | None:
    r"""``a_1 + a_2 + \dots + S + \dots + a_n``: the sum to n with the term at the one letter
    index S carries (``p_i y_1 + \dots + (p_i - y_i) + \dots + p_i y_n``: the i-th) replaced by
    S. A difference after the last term (``… + p_i y_n - y_i``) is kept after the sum."""
    first_dots = terms.index(DOTS)
    if first_dots < 1 or terms[first_dots + 2 : first_dots + 3] != [DOTS]:
        return None
    special = terms[first_dots + 1]
    rest = terms[first_dots + 3 :]
    if not rest:
        return None
    last, tail = _peel(rest[0])
    before = terms[first_dots - 2] if first_dots >= 2 else None
    found = up_to_letter(before, terms[first_dots - 1], last)
    if found is None:
        return None
    pattern, low, letter = found
    at = {a or b for a, b in LETTER_INDEX.findall(special)} - {letter}
    index = next((c for c in _FRESH if c not in text), None)
    if len(at) != 1 or index is None:
        return None
    (position,) = at
    whole = (
        f"\\sum_{{{index}={low}}}^{{{letter}}} {{{pattern.replace('@', index)}}}"
        f" - {{{pattern.replace('@', position)}}} + {{{special}}}"
    )
    return " + ".join([*terms[: max(first_dots - 2, 0)], whole, *rest[1:]]) + tail


def _peel(term: str) -> tuple[str, str]:
    """``p_i y_n - y_i`` as (``p_i y_n``, `` - y_i``): a difference after the last term."""
    depth = 0
    for position, char in enumerate(term):
        depth += 1 if char in _OPEN else -1 if char in _CLOSE else 0
        if char == "-" and depth == 0 and position > 0:
            return term[:position].strip(), " " + term[position:]
    return term, ""


def _split(group: str) -> list[str]:
    """Top-level operands, operators and ``\\cdots``, in order."""
    items: list[str] = []
    depth, cut, position = 0, 0, 0
    while position < len(group):
        char = group[position]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif depth == 0 and group.startswith(DOTS, position):
            items += [group[cut:position], DOTS]
            position = cut = position + len(DOTS)
            continue
        elif depth == 0 and (match := _OPERATOR.match(group, position)):
            items += [group[cut:position], match.group(0)]
            position = cut = match.end()
            continue
        position += 1
    items.append(group[cut:])
    return [item.strip() for item in items if item.strip()]


def _split_on(items: list[str], plus: bool) -> list[str]:
    """Terms of a sum (split at ``+`` only) or factors of a product (at every operator)."""
    terms: list[str] = []
    current: list[str] = []
    for item in items:
        if item == DOTS or (item == "+" if plus else _OPERATOR.fullmatch(item)):
            if current:
                terms.append(" ".join(current))
            current = []
            if item == DOTS:
                terms.append(DOTS)
            continue
        current.append(item)
    if current:
        terms.append(" ".join(current))
    return terms

r"""A list elided with ``\ldots``: ``\{x_1, x_2, \ldots, x_n\}``, ``(z_1, \cdots, z_n)^T``.

The first term (or the first two) and the last fix the pattern, as for a sum: the terms
differ in one index that runs a, (a + 1,) …, n. A list to a numeric index is written out in
full (a vector of its terms); a list to a letter becomes ``\ELIDEDLIST`` -- one opaque value
named like the sequence it is, ``(z_{i}, i = 1, \ldots, n)``, read as a vector (never a number).
A trailing empty item (``P(a_1, \cdots, a_N, )``, a stray comma) is left out.
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from derivetex.judge.numeric import MAX_TERMS
from derivetex.verify.patterns import DOTS, compact, shown_pattern, up_to_letter

LIST = r"\ELIDEDLIST"
_OPEN, _CLOSE = "({[", ")}]"


def items(group: str) -> list[str]:
    """The comma-separated items of ``group`` at its top level, stripped."""
    found: list[str] = []
    depth, cut = 0, 0
    for position, char in enumerate(group):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif char == "," and depth == 0 and not group[:position].endswith("\\"):
            found.append(group[cut:position])
            cut = position + 1
    found.append(group[cut:])
    return [item.strip() for item in found]


def is_list(group: str) -> bool:
    """Whether ``group`` is a comma-separated list with ``\\cdots`` as one of its items."""
    listed = items(group)
    return len(listed) >= 3 and DOTS in listed


def write_list(group: str, index: str | None) -> tuple[str | None, str]:
    """The list ``group`` written out (or as ``\\ELIDEDLIST``), else ``None`` and the
    reason; ``index`` is a letter the text does not use, for the sequence's name."""
    listed = items(group)
    if listed[-1] == "" and len(listed) > 3:
        listed = listed[:-1]  # a stray comma before the closing bracket
    if listed.count(DOTS) != 1 or "" in listed:
        return None, "\\cdots other than once in a list"
    where = listed.index(DOTS)
    if where < 1 or where != len(listed) - 2:
        return None, "\\cdots needs the items before it and the last item after it"
    terms = [compact(item) for item in listed]
    before = terms[where - 2] if where >= 2 else None
    first, last = terms[where - 1], terms[-1]
    if before is not None:
        numeric = shown_pattern(before, first, last)
        if numeric is not None:
            pattern, low, high = numeric
            if high - low + 1 > MAX_TERMS:
                return None, f"an elided list of {high - low + 1} items (cap {MAX_TERMS})"
            every = [pattern.replace("@", str(i)) for i in range(low, high + 1)]
            return ", ".join([*terms[: where - 2], *every]), ""
    symbolic = up_to_letter(before, first, last)
    if symbolic is None:
        return None, f"the items \\cdots stands for do not follow from {first}, …, {last}"
    if index is None:
        return None, "no free letter for the index of the elided items"
    pattern, low, letter = symbolic
    whole = f"{LIST}{{{pattern.replace('@', index)}}}{{{index}}}{{{low}}}{{{letter}}}"
    return ", ".join([*terms[: max(where - 2, 0)], whole]), ""


_BOLD = (r"\mathbf", r"\boldsymbol", r"\bm", r"\vec")


def names_components(name: sympy.Basic, value: sympy.Basic) -> bool:
    """``z = (z_1, \\ldots, z_n)``, ``\\mathbf{x} = (x_1, \\ldots, x_n)``: a vector named by
    its own components, which says how to write it and defines nothing (a definition would
    make every later ``z_i`` a vector's component rather than a number)."""
    if not isinstance(name, sympy.Symbol) or not isinstance(value, AppliedUndef):
        return False
    if value.func.__name__ != "(" or len(value.args) != 2:
        return False
    pattern, run = (str(arg) for arg in value.args)
    index = run.split(" ")[0]
    plain = name.name
    for bold in _BOLD:
        if plain.startswith(bold + "{") and plain.endswith("}"):
            plain = plain[len(bold) + 1 : -1]
    return pattern in (f"{plain}_{{{index}}}", f"{{{plain}}}_{{{index}}}")

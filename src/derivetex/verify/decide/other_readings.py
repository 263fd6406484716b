"""A link that fails as first read, tried with the other readings of its notation.

The reader lists, for each side, the other plausible readings where its notation is
ambiguous (``reader.ambiguity``: a name before a bracket applied or multiplied, the scope of
an unparenthesised ``\\log``, a letter run, ``e``, ``T``). Each pairing of the sides' readings
other than the first is checked again, at most ``MAX_CANDIDATES`` of them, in the order the
reader lists them (one different answer before two). The answer rests on ``R601``:

- the first pairing under which the link holds is its alternative answer (the verdict makes
  the link ``ok`` with the note naming the reading);
- else the first plausible pairing that applies a function on one side only, where the
  first reading did not (``y_k(\\phi_n) = y_{nk}``: the right may name what the left is),
  is one that cannot be judged: the verdict leaves the link unchecked, derivetex not being
  certain under every reading;
- any other pairing adds nothing (one under which a name is merely undefined says nothing
  of what the writer meant).

A pairing is not plausible when it applies a name that the same link also uses as a plain
factor (``w(x + 1) = wx + w`` does not read ``w`` as a function), or a word spelled by
letters the link uses as factors (``xy(1 - y) = xy - xy^2``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import product

import sympy
from sympy.core.function import AppliedUndef

from derivetex.verify.decide.verdict import FAILS, HOLDS, MAX_CANDIDATES, UNKNOWN, Answer
from derivetex.verify.links.rows import Link
from derivetex.verify.readings.catalog import OTHER_NOTATION
from derivetex.verify.readings.side import SideReading, read, reading_as, side_alternatives

Recheck = Callable[[], Answer | None]
"""Check the link again (in a copy of its scope): the answer under the readings in force."""


def other_reading_answer(
    link: Link, first: Answer, functions: frozenset[str], recheck: Recheck
) -> Answer | None:
    """The answer of the link under another reading of its notation (see the module)."""
    if first.status != FAILS:
        return None
    sides = [link.left.latex, link.right.latex]
    options: list[list[SideReading | None]] = [
        [None, *side_alternatives(latex, functions)] for latex in sides
    ]
    pairings = [pair for pair in product(*options) if any(pair)][:MAX_CANDIDATES - 1]
    unjudged: Answer | None = None
    lone_as_written = set(_applied_on_one_side(_read_sides(sides, functions)))
    for pairing in pairings:
        chosen = [side for side in pairing if side is not None]
        with reading_as({side.text: side.plan for side in chosen}):
            exprs = _read_sides(sides, functions)
            if not _plausible(exprs):
                continue
            again = recheck()
        lone = [f for f in _applied_on_one_side(exprs) if f not in lone_as_written]
        if again is None:
            continue
        hints = "; ".join(side.hint for side in chosen if side.hint)
        codes = ", ".join(code for side in chosen for code in side.codes)
        said = hints or "another reading of the notation"
        if again.status == HOLDS:
            note = f" ({said}; reader {codes})"
            return replace(again, message=again.message + note).resting_on(OTHER_NOTATION.code)
        if lone and unjudged is None:  # the link may name what the other side is
            message = (f"{said.replace('holds when', 'when', 1)} ({codes}), "
                       f"{', '.join(lone)} is on one side only: the link may name it")
            unjudged = Answer(UNKNOWN, message, None, "readings", again.readings)
            unjudged = unjudged.resting_on(OTHER_NOTATION.code)
    return unjudged


def _read_sides(sides: list[str], functions: frozenset[str]) -> list[sympy.Expr | None]:
    """Both sides as the readings in force read them (``None`` for one that cannot be)."""
    return [read(latex, functions).expr for latex in sides]


def _applied_on_one_side(exprs: list[sympy.Expr | None]) -> list[str]:
    """The functions applied on one side of the link and not the other."""
    names = [{f"{f.func}…)" for f in expr.atoms(AppliedUndef)} if expr is not None else set()
             for expr in exprs]
    return sorted(names[0] ^ names[1])


def _plausible(exprs: list[sympy.Expr | None]) -> bool:
    """Whether the readings never apply a name the link also uses as a factor."""
    applied: set[str] = set()
    plain: set[str] = set()
    for expr in exprs:
        if expr is None:
            return False
        applied |= {str(f.func).rstrip("(") for f in expr.atoms(AppliedUndef)}
        labels = {i.base.label for i in expr.atoms(sympy.Indexed)}  # y of y_{nk}: not a factor
        plain |= {str(s) for s in expr.free_symbols - labels if isinstance(s, sympy.Symbol)}
    spelled = {name for name in applied if len(name) > 1 and set(name) <= plain}  # xy(1 - y)
    return not (applied & plain or spelled)

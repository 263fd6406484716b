r"""Every plausible reading of a side, the first one first: ``read_alternatives``.

The grammar meets questions (``reader.choosing``, ``Applications.applied_instead``, the ``e``
and ``T`` of ``Applications.symbol`` and ``transpose_follows``); ``parse`` answers the first
option everywhere. Here the grammar is run again with each other answer, question by question,
breadth first: every reading that differs in one answer comes before those that differ in two.
Readings that give the same expression are listed once. At most ``MAX_ALTERNATIVES`` are
made; ``Alternatives.capped`` says when more were possible.

Explicit notation asks nothing: ``\ln``, ``\log_2``, ``\exp``, ``\operatorname{…}``, and the
parentheses the writer wrote each have one reading.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import sympy

from derivetex.reader.choices import Chooser
from derivetex.reader.cursor import Notes, Unreadable
from derivetex.reader.parser import read_with

MAX_ALTERNATIVES = 16
"""Readings of one side at most (the product of its questions' answers can be far more)."""

_FAILED = (Unreadable, RecursionError, TypeError, ValueError, AttributeError, IndexError)


@dataclass(frozen=True)
class Alternative:
    """One reading: the expression, the reader's notes, the codes of the readings it rests on
    (``reader.readings.READINGS``), and what the writer can do to say it (empty for the first
    reading): "holds when `\\log P(A) \\cdot P(B)` is read as `\\log (P(A) \\cdot P(B))`; …"."""

    expr: sympy.Expr
    notes: Notes
    readings: tuple[str, ...] = ()
    hint: str = ""
    plan: tuple[int, ...] = ()
    """The answers that give this reading (``Chooser(text, plan)`` reads it again)."""
    chosen: tuple[str, ...] = ()
    """The codes of the answers that differ from the first reading's (empty for the first)."""


class Alternatives(tuple[Alternative, ...]):
    """The readings of a side, the first reading first; ``capped`` when more were left."""

    capped: bool = False

    def __new__(cls, items: list[Alternative], capped: bool = False) -> Alternatives:
        made = super().__new__(cls, items)
        made.capped = capped
        return made


def read_alternatives(text: str, functions: frozenset[str] = frozenset()) -> Alternatives:
    """The readings of ``text``: the first is what ``parse`` returns (and raises as it does
    when it cannot be read); the others differ in at least one ambiguous answer."""
    expr, notes, chooser = read_with(text, functions, Chooser(text))
    found = [Alternative(expr, notes, chooser.readings(), "")]
    plans = deque(_children((), chooser))
    while plans and len(found) < MAX_ALTERNATIVES:
        plan = plans.popleft()
        chooser = Chooser(text, plan)
        try:
            expr, notes, _ = read_with(text, functions, chooser)
        except _FAILED:
            plans.extend(_children(plan, chooser))
            continue
        plans.extend(_children(plan, chooser))
        if all(expr != other.expr for other in found):
            found.append(Alternative(expr, notes, chooser.readings(), chooser.hint(), plan,
                                     chooser.other_readings()))
    return Alternatives(found, capped=bool(plans))


def _children(plan: tuple[int, ...], chooser: Chooser) -> list[tuple[int, ...]]:
    """The plans that answer one question after ``plan``'s differently (the first option
    was taken for each of them in this run)."""
    answered = [made.chosen for made in chooser.made]
    return [tuple(answered[:index]) + (1,) for index in range(len(plan), len(answered))]

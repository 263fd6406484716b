"""The candidates a section lends a link beside its reading as written.

A link whose first answer cannot say, or fails, is checked again in a copy of its section's
scope under each registered alternative: another reading of its notation (R601), a definition
further down (R402) or in an earlier section (R401), the entropies of random variables
(R403), the section's variables held fixed in a partial derivative (R405), the numbers an
earlier error wrote (R404). Each only confirms (or, R404, withholds); ``decide.verdict``
turns the list into the finding. Undefined shorthands read by the conventions of their
names (R701) are checked by the audit in a pass of their own, since a definition may use them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import sympy
from sympy.core.function import AppliedUndef

from derivetex.judge.show import show
from derivetex.judge.terms import holding_others_fixed
from derivetex.verify.decide.consequences import Belief, follows
from derivetex.verify.decide.held_fixed import with_variables_held_fixed
from derivetex.verify.decide.index_notation import dropped_indices
from derivetex.verify.decide.link import check
from derivetex.verify.decide.other_readings import other_reading_answer
from derivetex.verify.decide.verdict import FAILS, HOLDS, UNKNOWN, Answer
from derivetex.verify.isolation import budgeted
from derivetex.verify.links.rows import Link
from derivetex.verify.readings import catalog
from derivetex.verify.readings.information import Meaning
from derivetex.verify.readings.record import ReadingRecord
from derivetex.verify.readings.side import read
from derivetex.verify.scope import Definition, Scope


@dataclass(frozen=True)
class Checked:
    order: int
    link: Link
    bindings: dict[sympy.Basic, sympy.Basic]
    answer: Answer


def candidates(
    done: Checked,
    scope: Scope,
    earlier: dict[sympy.Basic, Definition],
    confirming: list[dict[str, Meaning]],
    beliefs: list[Belief],
    variables: Callable[[], frozenset[str]],
    by_shorthands: Answer | None = None,
) -> list[Answer]:
    """The answers for a link, its reading as written first, then the alternatives the
    section lends it when that one cannot say: its undefined shorthands read by convention
    (``by_shorthands``, the audit's pass with them so read), a definition further down, one
    of an earlier section, the entropies of random variables. Each alternative only confirms."""
    answers = [done.answer]
    unread = by_shorthands if done.answer.status == UNKNOWN else None
    tries: list[tuple[ReadingRecord, Callable[[], Answer | None]]] = [
        (catalog.SHORTHANDS, lambda: unread),
        (catalog.OTHER_NOTATION, partial(_confirmed_in_another_reading, done, scope)),
        (catalog.LATER_DEFINITION, partial(_confirmed_later, done, scope)),
        (catalog.EARLIER_SECTION, partial(_confirmed_with_earlier, done, scope, earlier)),
        *((catalog.ENTROPIES, partial(_confirmed_with, done, scope, m)) for m in confirming),
        (catalog.HELD_FIXED, partial(_held_fixed, done, scope, variables)),
        (catalog.DATA_HELD_CONSTANT, partial(_data_held_constant, done, scope)),
        (catalog.FOLLOWS_AN_ERROR, partial(_following_an_error, done, scope, beliefs)),
        (catalog.INDEX_DROPPED, partial(_index_dropped, done, scope)),
    ]
    for record, attempt in tries:
        if answers[-1].status == HOLDS:
            break
        if record.code in scope.disabled:
            continue
        alternative = attempt()
        if alternative is not None:
            answers.append(alternative.resting_on(record.code))
    return answers


def _confirmed_in_another_reading(item: Checked, scope: Scope) -> Answer | None:
    """A link that fails as first read, checked with the other readings of its notation."""
    def recheck() -> Answer | None:
        trial = scope.borrowing({})
        trial.bindings = dict(item.bindings)
        return budgeted(partial(check, item.link, trial, final=True))

    return other_reading_answer(item.link, item.answer, scope.function_names(), recheck)


def _held_fixed(
    item: Checked, scope: Scope, variables: Callable[[], frozenset[str]]
) -> Answer | None:
    """A failing link with a partial derivative, checked again with the section's variables
    held fixed in it (``decide.held_fixed``); kept only when it then holds, sides not 0."""
    if item.answer.status != FAILS or "\\partial" not in item.link.text:
        return None
    held = with_variables_held_fixed(item.link, scope, variables())
    if held is None:
        return None
    trial, dropped = held
    trial.bindings = dict(item.bindings)
    with holding_others_fixed():
        again = budgeted(partial(check, item.link, trial, final=True))
        if again is None or again.status != HOLDS or _vanishes(item.link, trial):
            return None
    names = ", ".join(f"{show(d.symbol)} (line {d.line})" for d in dropped)
    note = f" (holding {names} fixed in the partial derivative: the section differentiates by it)"
    return replace(again, message=again.message + note)


def _data_held_constant(item: Checked, scope: Scope) -> Answer | None:
    """A link unchecked because it differentiates names no definition makes depend on the
    variable (``\\partial y_i / \\partial w`` of data), checked again with them held constant
    (``judge.terms.holding_others_fixed``); kept only when it then holds, sides not 0."""
    if item.answer.reason != "opaque" or not _DIFFERENTIATES.search(item.link.text):
        return None
    trial = scope.borrowing({})
    trial.bindings = dict(item.bindings)
    with holding_others_fixed():
        again = budgeted(partial(check, item.link, trial, final=True))
        if again is None or again.status != HOLDS or _vanishes(item.link, trial):
            return None
    note = " (holding constant the names no definition makes depend on the variable: data)"
    return replace(again, message=again.message + note)


_DIFFERENTIATES = re.compile(r"\\partial|\\nabla|\\d?frac\s*\{\s*(?:\\mathrm\s*\{\s*)?d")
"""A derivative written in the link (the derivative of a name is what R407 holds constant)."""


def _following_an_error(item: Checked, scope: Scope, beliefs: list[Belief]) -> Answer | None:
    """A link that fails as computed, checked again with the numbers the writer wrote where
    an earlier link of the section was wrong (``decide.consequences``)."""
    if item.answer.status != FAILS or not beliefs:
        return None

    def recheck(bindings: dict[sympy.Basic, sympy.Basic], before: dict[sympy.Basic, sympy.Basic],
                derivatives: tuple[tuple[sympy.Expr, sympy.Expr], ...]) -> Answer | None:
        trial = scope.borrowing({})
        trial.bindings, trial.earlier = dict(bindings), dict(before)
        trial.believed = derivatives
        return budgeted(partial(check, item.link, trial, final=True))

    return follows(beliefs, item.bindings, scope, recheck)


def _index_dropped(item: Checked, scope: Scope) -> Answer | None:
    """A failing link that writes a name indexed on one side and bare on the other: what the
    bare name means there is not written (``decide.index_notation``)."""
    if item.answer.status != FAILS:
        return None
    names = dropped_indices(item.link, scope.function_names())
    if not names:
        return None
    shown = " and ".join(names) + (" are" if len(names) > 1 else " is")
    message = (f"{item.answer.message}; but {shown} indexed on one side and bare on the "
               f"other (another notation, or an index dropped), so this is not certain")
    return Answer(UNKNOWN, message, reason="index-dropped")


def _confirmed_with_earlier(
    item: Checked, scope: Scope, earlier: dict[sympy.Basic, Definition]
) -> Answer | None:
    """A link unchecked for an undefined name, checked again with the definitions of earlier
    sections; their verdict is kept only when the link then holds."""
    finding = item.answer
    if not earlier or finding.status != UNKNOWN or finding.reason != "undefined":
        return None
    trial = scope.borrowing(earlier)
    trial.bindings = dict(item.bindings)
    again = budgeted(partial(check, item.link, trial, final=True))
    if again is None or again.status != HOLDS:
        return None
    return replace(again, message=again.message + " (a definition from an earlier section)")


def _confirmed_later(item: Checked, scope: Scope) -> Answer | None:
    """A link unchecked for a name or a function its section defines only further down (a
    property stated first, ``I(p_1 p_2) = I(p_1) + I(p_2)``, then ``I(p) = -\\log p``), checked
    again with those definitions; kept only when it then holds. Names the section defines
    twice are left out: the later definition may not be the one the link meant."""
    finding = item.answer
    if finding.status != UNKNOWN or finding.reason not in ("opaque", "undefined"):
        return None
    later = {
        key: d
        for key, d in scope.definitions.items()
        if d.line > item.link.right.line and key not in scope.replaced
    }
    if not later:
        return None
    trial = scope.borrowing({})
    trial.definitions = {
        key: d
        for key, d in trial.definitions.items()
        if not (key in scope.replaced and d.line > item.link.right.line)
    }
    trial.bindings = dict(item.bindings)
    again = budgeted(partial(check, item.link, trial, final=True))
    if again is None or again.status != HOLDS or _vanishes(item.link, trial):
        return None
    return replace(again, message=again.message + " (a definition further down this section)")


def _vanishes(link: Link, scope: Scope) -> bool:
    """Whether a side is 0 once the definitions are in (a derivative by a name the
    definitions never use): 0 = 0 would confirm nothing."""
    functions = scope.function_names()
    for latex in (link.left.latex, link.right.latex):
        expr = read(latex, functions).expr
        if expr is None:
            return True
        try:
            if sympy.sympify(scope.resolve(expr)).doit() == 0:
                return True
        except (TypeError, ValueError, ArithmeticError, AttributeError, RecursionError):
            return True
    return False


_PROBABILITY_TERM = re.compile(r"(?<![A-Za-z\\])(?:H|I|p|P|Pr)\s*\(")
_CONFIRMABLE = frozenset({"opaque", "undefined", "not-evaluable", "no-value", "inequality"})


def _confirmed_with(item: Checked, scope: Scope, meanings: dict[str, Meaning]) -> Answer | None:
    """A link left unchecked, checked again with ``meanings`` (the entropies of random
    variables over one joint distribution): kept only when the link then holds, since
    those meanings are true of every distribution and a document's example is one."""
    finding = item.answer
    if finding.status != UNKNOWN or finding.reason not in _CONFIRMABLE:
        return None
    if not _PROBABILITY_TERM.search(item.link.text):
        return None
    trial = scope.borrowing({})
    trial.defaults = meanings
    trial.definitions = {
        key: d for key, d in trial.definitions.items() if not _of_random_variables(d, meanings)
    }
    trial.bindings = dict(item.bindings)
    again = budgeted(partial(check, item.link, trial, final=True))
    if again is None or again.status != HOLDS:
        return None
    control = scope.borrowing({})
    control.bindings = dict(item.bindings)
    without = budgeted(partial(check, item.link, control, final=True))
    if without is not None and without.status == HOLDS:
        return None  # it holds for another reason, which the first check did not take
    return replace(again, message=again.message + " (reading the random variables' entropies)")


def _of_random_variables(definition: Definition, meanings: dict[str, Meaning]) -> bool:
    """A document's ``H(X) = -\\sum_x p(x) \\log p(x)``: as a function of X it would make
    H(Y) the same sum over x, so in this reading the meaning of H(X), H(Y) is used instead."""
    symbol = definition.symbol
    if not isinstance(symbol, AppliedUndef):
        return False
    meaning = meanings.get(f"{symbol.func}/{len(symbol.args)}")
    return meaning is not None and all(str(arg) in "XYZ" for arg in symbol.args)

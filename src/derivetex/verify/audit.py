"""Audit one document: every link of every equation chain, in source order, section by section.

Links that relate a symbol not yet defined (``- \\log L = \\sum ...`` before ``L = ...``) are
held back and checked once the section has been read, against the definitions and the
values it ends with; if the symbol is never defined they are reported as unchecked. So are
conditions such as ``y_{k} = 0`` (met by some bound y_1, y_2, ...). A section (a heading, a
rule, ``\\section``) starts with what its enclosing sections established and nothing else: a
subsection is part of its section, but names do not leak between sibling worked examples.
A link left unchecked only because a name is undefined in its section is tried once more with
the symbolic definitions of earlier sections (a loss defined under one heading, differentiated
under the next): if it holds with them it is ``ok`` and says which line it used; if not, it
stays unchecked. Earlier sections confirm, never accuse, and their values never carry over.
A display block that opens with ``=`` continues the chain of the display block before it.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial

import sympy
from sympy.core.function import AppliedUndef

from derivetex.errors import BudgetExceeded
from derivetex.judge.claims import parse_claim
from derivetex.verify.budget import within_budget
from derivetex.verify.codes import subject_of
from derivetex.verify.decide.consequences import Belief, belief_after, follows
from derivetex.verify.decide.link import check
from derivetex.verify.decide.other_readings import other_reading_answer
from derivetex.verify.decide.verdict import FAILS, HOLDS, UNKNOWN, Answer, answer, decide
from derivetex.verify.document import Macro, MathBlock
from derivetex.verify.document import read as read_document
from derivetex.verify.learned import apply, learned, snapshot
from derivetex.verify.links.rows import Link, Part, last_part, links
from derivetex.verify.readings import catalog
from derivetex.verify.readings.information import Meaning
from derivetex.verify.readings.meanings import built_in, random_variable_meanings
from derivetex.verify.readings.side import read
from derivetex.verify.report import ERROR, FileReport, Finding
from derivetex.verify.scope import Definition, Scope

ADJACENT = 4
"""A block opening with ``=`` continues the display block that ended at most this many lines
before it (blank lines and ``$$`` between them)."""


_WORKS_IN_BITS = re.compile(
    r"\\log_\{?2\}?"
    r"|\blog(?:arithms?|s)?\b[^.\n$]{0,40}\b(?:base|to the base)[- ]?(?:2|two)\b"
    r"|\bbase[- ]?(?:2|two)\b[^.\n$]{0,20}\blog"
    r"|底(?:が|を|は)?\s*2"
    r"|\d\s*\$?\s*(?:\\(?:text|mathrm)\s*\{\s*)?(?:bits?\b|ビット)",
    re.IGNORECASE,
)
"""A document that writes log₂, states base 2 for its logarithms ("log is to base 2"), or
gives a value in bits (``= 1.5 bits``) may mean log₂ by a bare log in its numbers. The word
"bits" in prose is no such convention, and a ``\\ln`` is never re-based
(``numeric_links.in_bits_here``)."""


@dataclass(frozen=True)
class _Pending:
    order: int
    link: Link
    bindings: dict[sympy.Basic, sympy.Basic]


def audit_text(
    text: str, kind: str, path: str = "<string>", explain: str | None = None,
    preamble: dict[str, Macro] | None = None, log_base: str | None = None,
    disabled: frozenset[str] = frozenset(),
) -> FileReport:
    """Findings for the math in ``text``, a document of ``kind`` (``document.KINDS``); with
    ``explain`` (a language), each ok link also names the rules that justify it; ``preamble``
    are the writer's macros from ``--preamble`` files or the settings. ``log_base`` (the
    settings' ``log-base``): "2" reads a bare log as log₂ where natural fails, as in a
    document that says bits; "e" never does; None: the document decides. The readings
    whose codes are ``disabled`` are not taken."""
    document = read_document(text, kind, path, preamble)
    text = document.text
    found: list[tuple[int, Finding]] = []
    order = 0
    defaults = built_in(text)
    confirming = random_variable_meanings(text, defaults)
    bits = log_base == "2" or log_base is None and _WORKS_IN_BITS.search(text) is not None
    earlier: dict[sympy.Basic, Definition] = {}
    finished: dict[int, Scope] = {}
    for section in _sections(document.blocks):
        fresh = Scope(defaults=dict(defaults), bits=bits, disabled=disabled)
        scope = _enclosed(section[0], finished, fresh)
        order = _audit_section(section, found, order, scope, earlier, confirming)
        finished[section[0].section] = scope
    found.sort(key=lambda pair: (pair[1].line, pair[0]))
    report = FileReport(path, tuple(document.placed(f) for _, f in found))
    if explain is None:
        return report
    from derivetex.verify.explain import explain_report

    return explain_report(report, explain)


def _sections(blocks: Iterable[MathBlock]) -> list[list[MathBlock]]:
    grouped: dict[int, list[MathBlock]] = {}
    for block in blocks:
        grouped.setdefault(block.section, []).append(block)
    return [grouped[key] for key in sorted(grouped)]


def _audit_section(
    blocks: list[MathBlock],
    found: list[tuple[int, Finding]],
    order: int,
    scope: Scope,
    earlier: dict[sympy.Basic, Definition],
    confirming: list[dict[str, Meaning]] | None = None,
) -> int:
    """Audit one section's links into ``found``; its definitions join ``earlier``.
    ``confirming`` are meanings that may confirm a link left unchecked, never accuse one."""
    checked: list[_Checked] = []
    pending: list[_Pending] = []
    previous: Part | None = None
    ended = -10
    for block in blocks:
        scope.new_block()
        adjacent = block.display and block.line - ended <= ADJACENT
        split = _links_of(block, previous if adjacent else None)
        if isinstance(split, Answer):
            order += 1
            found.append((order, decide(block.line, block.text.strip()[:80], [split])))
            split = []
        for link in split:
            order += 1
            found_now = _taught(link, scope)
            if found_now is None:
                pending.append(_Pending(order, link, dict(scope.bindings)))
            else:
                checked.append(_Checked(order, link, dict(scope.bindings), found_now))
        if block.display:
            previous = last_part(block)
            ended = block.line + block.text.count("\n")
    scope.new_block()  # the last block's values join the section's
    for item in pending:
        scope.bindings, scope.origin = dict(item.bindings), None
        late = _taught(item.link, scope, final=True)
        if late is not None:
            checked.append(_Checked(item.order, item.link, item.bindings, late))
    beliefs: list[Belief] = []  # the values the writer carries on from each numeric error
    for done in sorted(checked, key=lambda item: item.order):
        answers = _candidates(done, scope, earlier, confirming or [], beliefs)
        finding = decide(done.link.right.line, done.link.text, answers, _subject(done.link))
        found.append((done.order, finding))
        if finding.status == ERROR and done.answer.status == FAILS:
            belief = belief_after(done.link, done.bindings, scope)
            beliefs.extend([belief] if belief is not None else [])
    earlier.update(scope.definitions)
    return order


def _enclosed(first: MathBlock, finished: dict[int, Scope], scope: Scope) -> Scope:
    """``scope`` knowing what the enclosing sections established (a subsection is part of its
    section: its definitions, values and facts hold there, outermost first)."""
    for parent in first.parents:
        known = finished.get(parent)
        if known is None:
            continue
        scope.definitions.update(known.definitions)
        scope.earlier.update(known.earlier)
        scope.facts.update(known.facts)
        scope.formulas.update(known.formulas)
        scope.sizes.update(known.sizes)
        scope.matrices.update(known.matrices)
    return scope


@dataclass(frozen=True)
class _Checked:
    order: int
    link: Link
    bindings: dict[sympy.Basic, sympy.Basic]
    answer: Answer


def _candidates(
    done: _Checked,
    scope: Scope,
    earlier: dict[sympy.Basic, Definition],
    confirming: list[dict[str, Meaning]],
    beliefs: list[Belief],
) -> list[Answer]:
    """The answers for a link, its reading as written first, then the alternatives the
    section lends it when that one cannot say: a definition further down, one of an earlier
    section, the entropies of random variables. Each alternative only confirms."""
    answers = [done.answer]
    tries = [
        (catalog.OTHER_NOTATION, partial(_confirmed_in_another_reading, done, scope)),
        (catalog.LATER_DEFINITION, partial(_confirmed_later, done, scope)),
        (catalog.EARLIER_SECTION, partial(_confirmed_with_earlier, done, scope, earlier)),
        *((catalog.ENTROPIES, partial(_confirmed_with, done, scope, m)) for m in confirming),
        (catalog.FOLLOWS_AN_ERROR, partial(_following_an_error, done, scope, beliefs)),
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


def _confirmed_in_another_reading(item: _Checked, scope: Scope) -> Answer | None:
    """A link that fails as first read, checked with the other readings of its notation."""
    def recheck() -> Answer | None:
        trial = scope.borrowing({})
        trial.bindings = dict(item.bindings)
        return _budgeted(partial(check, item.link, trial, final=True))

    return other_reading_answer(item.link, item.answer, scope.function_names(), recheck)


def _following_an_error(item: _Checked, scope: Scope, beliefs: list[Belief]) -> Answer | None:
    """A link that fails as computed, checked again with the numbers the writer wrote where
    an earlier link of the section was wrong (``decide.consequences``)."""
    if item.answer.status != FAILS or not beliefs:
        return None

    def recheck(bindings: dict[sympy.Basic, sympy.Basic], before: dict[sympy.Basic, sympy.Basic]
                ) -> Answer | None:
        trial = scope.borrowing({})
        trial.bindings, trial.earlier = dict(bindings), dict(before)
        return _budgeted(partial(check, item.link, trial, final=True))

    return follows(beliefs, item.bindings, scope, recheck)


def _confirmed_with_earlier(
    item: _Checked, scope: Scope, earlier: dict[sympy.Basic, Definition]
) -> Answer | None:
    """A link unchecked for an undefined name, checked again with the definitions of earlier
    sections; their verdict is kept only when the link then holds."""
    finding = item.answer
    if not earlier or finding.status != UNKNOWN or finding.reason != "undefined":
        return None
    trial = scope.borrowing(earlier)
    trial.bindings = dict(item.bindings)
    again = _budgeted(partial(check, item.link, trial, final=True))
    if again is None or again.status != HOLDS:
        return None
    return replace(again, message=again.message + " (a definition from an earlier section)")


def _confirmed_later(item: _Checked, scope: Scope) -> Answer | None:
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
    again = _budgeted(partial(check, item.link, trial, final=True))
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


def _confirmed_with(item: _Checked, scope: Scope, meanings: dict[str, Meaning]) -> Answer | None:
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
    again = _budgeted(partial(check, item.link, trial, final=True))
    if again is None or again.status != HOLDS:
        return None
    control = scope.borrowing({})
    control.bindings = dict(item.bindings)
    without = _budgeted(partial(check, item.link, control, final=True))
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


def _taught(link: Link, scope: Scope, final: bool = False) -> Answer | None:
    """The primary answer for ``link``, checked on a snapshot of the section's ``scope``;
    what the link gives the section is then applied here (``verify.learned``), unless its
    check did not finish."""
    trial = snapshot(scope)
    found = _budgeted(partial(check, link, trial, final=final))
    if found is None or found.reason not in ("budget", "internal"):
        apply(scope, learned(scope, trial))
    return found


def _budgeted(run: Callable[[], Answer | None]) -> Answer | None:
    """``run()`` within the link's budget; over it (time or memory) the link is unchecked,
    and so is a link whose reading or check fails in a way nobody foresaw (``internal``):
    one link never ends the audit of its file."""
    try:
        return within_budget(run)
    except BudgetExceeded as error:
        message = f"budget: {error}"
    except MemoryError:
        message = "budget: over the memory budget"
    except Exception as error:  # noqa: BLE001 -- isolation is the point: see the docstring
        return internal(error)
    return answer(UNKNOWN, message, reason="budget")


def internal(error: Exception) -> Answer:
    """The answer for a link whose check raised ``error``; ``DERIVETEX_DEBUG=1`` prints the
    traceback on stderr (the report stays as it is)."""
    if os.environ.get("DERIVETEX_DEBUG") == "1":
        traceback.print_exception(error, file=sys.stderr)
    message = f"internal: {type(error).__name__}: {str(error)[:100]}"
    return answer(UNKNOWN, message, reason="internal")


def _links_of(block: MathBlock, previous: Part | None) -> list[Link] | Answer:
    """The block's links, or the internal answer when the block cannot be split into
    them (its other blocks are still audited)."""
    try:
        return list(links(block, previous))
    except Exception as error:  # noqa: BLE001 -- one block never ends the file
        return internal(error)


def _subject(link: Link) -> str:
    """What the link states, for its error's code: a number, a derivative, an identity."""
    number = parse_claim(link.right.latex) is not None
    return subject_of(link.right.latex, link.text, number)

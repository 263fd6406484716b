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

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, partial

import sympy

from derivetex.judge.claims import parse_claim
from derivetex.reader.names import reading_bare_log_in
from derivetex.verify.alternatives import Checked, candidates
from derivetex.verify.codes import subject_of
from derivetex.verify.decide.consequences import Belief, belief_after
from derivetex.verify.decide.held_fixed import differentiated_by
from derivetex.verify.decide.link import check
from derivetex.verify.decide.verdict import (
    FAILS,
    Answer,
    decide,
    is_error,
)
from derivetex.verify.document import Document, Macro, MathBlock
from derivetex.verify.document import read as read_document
from derivetex.verify.isolation import budgeted, internal
from derivetex.verify.learned import apply, learned, snapshot
from derivetex.verify.links.rows import Link, Part, last_part, links
from derivetex.verify.readings.catalog import SHORTHANDS
from derivetex.verify.readings.information import Meaning
from derivetex.verify.readings.meanings import built_in, in_base, random_variable_meanings
from derivetex.verify.readings.shorthands import (
    defined_names,
    expand_shorthands,
    naming,
    undefined_shorthands,
    used_in,
)
from derivetex.verify.report import FileReport, Finding
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


@dataclass(frozen=True)
class LogBase:
    """What a bare ``\\log`` means in one document: ``base`` when the settings (or the command
    line) state one, the only reading then; else natural, with log₂ tried where natural fails
    when the document works in bits (``bits``, derivetex's guess)."""

    base: int | None = None
    stated: str = ""
    """Where ``base`` was stated (``log-base = 2 in pyproject.toml``), for the messages."""
    bits: bool = False


def log_base_of(text: str, log_base: str | None, stated: str | None = None) -> LogBase:
    """The settings' ``log-base`` for ``text``: "2" reads every bare log as log₂ (``\\ln``
    and a written base stay what they say), "e" as natural with no guess, None: the
    document decides (a text that works in bits may mean log₂ where natural fails)."""
    if log_base == "2":
        return LogBase(2, stated or "log-base = 2")
    if log_base is None and _WORKS_IN_BITS.search(text) is not None:
        return LogBase(bits=True)
    return LogBase()


def audit_text(
    text: str, kind: str, path: str = "<string>", explain: str | None = None,
    preamble: dict[str, Macro] | None = None, log_base: str | None = None,
    disabled: frozenset[str] = frozenset(), log_base_from: str | None = None,
    preview: bool = False,
) -> FileReport:
    """Findings for the math in ``text``, a document of ``kind`` (``document.KINDS``); with
    ``explain`` (a language), each ok link also names the rules that justify it; ``preamble``
    are the writer's macros from ``--preamble`` files or the settings. ``log_base`` (the
    settings' ``log-base``, stated where ``log_base_from`` says): "2" reads every bare log
    as log₂, the one reading (``\\ln`` stays natural, ``\\log_{10}`` base 10); "e" as
    natural, never log₂; None: the document decides (``log_base_of``). The readings whose
    codes are ``disabled`` are not taken; with ``preview`` the confirm-only readings may
    accuse too (``--preview``, for measuring them)."""
    document = read_document(text, kind, path, preamble)
    logs = log_base_of(document.text, log_base, log_base_from)
    defined = defined_names(text) | {name.lstrip("\\") for name in preamble or {}}
    shorthands = undefined_shorthands("\n".join(b.text for b in document.blocks), defined)
    with reading_bare_log_in(logs.base):
        return _audit_document(document, path, explain, logs, disabled, shorthands, preview)


def _audit_document(
    document: Document, path: str, explain: str | None, logs: LogBase, disabled: frozenset[str],
    shorthands: dict[str, str], preview: bool = False,
) -> FileReport:
    text = document.text
    found: list[tuple[int, Finding]] = []
    order = 0
    defaults = in_base(built_in(text), logs.base)
    confirming = random_variable_meanings(text, defaults, logs.base)
    earlier: dict[sympy.Basic, Definition] = {}
    finished: dict[int, Scope] = {}
    conditions: dict[str, int] = {}  # a constraint on w holds in the sections after it too
    for section in _sections(document.blocks):
        fresh = fresh_scope(defaults, logs, disabled, preview)
        scope = _enclosed(section[0], finished, fresh)
        scope.conditions.update(conditions)
        order = _audit_section(section, found, order, scope, earlier, confirming, shorthands)
        conditions.update(scope.conditions)
        finished[section[0].section] = scope
    found.sort(key=lambda pair: (pair[1].line, pair[0]))
    report = FileReport(path, tuple(document.placed(f) for _, f in found))
    if explain is None:
        return report
    from derivetex.verify.explain import explain_report

    return explain_report(report, explain)


def fresh_scope(
    defaults: dict[str, Meaning], logs: LogBase, disabled: frozenset[str] = frozenset(),
    preview: bool = False,
) -> Scope:
    """A section's scope before its first block: the meanings, the log base, what is off,
    whether the preview readings may accuse."""
    return Scope(defaults=dict(defaults), bits=logs.bits, log_base=logs.base,
                 log_base_from=logs.stated, disabled=disabled, preview=preview)


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
    shorthands: dict[str, str] | None = None,
) -> int:
    """Audit one section's links into ``found``; its definitions join ``earlier``.
    ``confirming`` are meanings that may confirm a link left unchecked, never accuse one;
    ``shorthands`` the undefined shorthands read by convention (R701), in a pass of their own."""
    shorthands = shorthands or {}
    section = used_in("\n".join(block.text for block in blocks), shorthands)
    first = next((i for i, b in enumerate(blocks) if used_in(b.text, shorthands)), None)
    if not section or not scope.allows(SHORTHANDS.code):
        first = None
    checked, order, start = _primary(blocks, found, order, scope, first)
    guessed = {} if first is None or start is None else _guessed(blocks[first:], start, shorthands)
    beliefs: list[Belief] = []  # the values the writer carries on from each numeric error
    variables = cache(lambda: differentiated_by([c.link for c in checked], scope.function_names()))
    for done in sorted(checked, key=lambda item: item.order):
        by_name = _shorthand_answer(done, guessed, shorthands, section) if guessed else None
        if by_name is not None and by_name.status == FAILS and done.answer.status != FAILS:
            said = f"; read by convention it fails ({by_name.message}), which only R701 says"
            done = replace(done, answer=replace(done.answer, message=done.answer.message + said))
        answers = candidates(done, scope, earlier, confirming or [], beliefs, variables, by_name)
        finding = decide(done.link.right.line, done.link.text, answers, _subject(done.link),
                         preview=scope.preview)
        found.append((done.order, finding))
        if is_error(finding) and done.answer.status == FAILS:
            belief = belief_after(done.link, done.bindings, scope)
            beliefs.extend([belief] if belief is not None else [])
    earlier.update(scope.definitions)
    return order


def _primary(
    blocks: list[MathBlock], found: list[tuple[int, Finding]], order: int, scope: Scope,
    mark: int | None = None,
) -> tuple[list[Checked], int, tuple[Scope, int] | None]:
    """Every link of the section with its answer as written (links that need the whole
    section checked at its end); a block that cannot be split goes to ``found``. With
    ``mark``, also a copy of the scope and the order as they are before block ``mark``."""
    checked: list[Checked] = []
    pending: list[_Pending] = []
    previous: Part | None = None
    ended = -10
    marked: tuple[Scope, int] | None = None
    for at, block in enumerate(blocks):
        if at == mark:
            marked = (snapshot(scope), order)
        scope.new_block(block.line)
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
                checked.append(Checked(order, link, dict(scope.bindings), found_now))
        if block.display:
            previous = last_part(block)
            ended = block.line + block.text.count("\n")
    scope.new_block()  # the last block's values join the section's
    for item in pending:
        scope.bindings, scope.origin = dict(item.bindings), None
        late = _taught(item.link, scope, final=True)
        if late is not None:
            checked.append(Checked(item.order, item.link, item.bindings, late))
    return checked, order, marked


def _guessed(
    blocks: list[MathBlock], start: tuple[Scope, int], shorthands: dict[str, str]
) -> dict[tuple[int, str], Answer]:
    """The answers of the links of ``blocks`` (the section from its first block using a
    shorthand on) with its undefined shorthands read as their conventions say (R701),
    checked from ``start`` (a copy of the scope there, and the order), by each link's order
    and text as read so."""
    scope, order = start
    written = [replace(block, text=expand_shorthands(block.text, shorthands)) for block in blocks]
    checked, _, _ = _primary(written, [], order, scope)
    return {(c.order, _spaced(c.link.text)): c.answer for c in checked}


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _shorthand_answer(
    done: Checked, guessed: dict[tuple[int, str], Answer], shorthands: dict[str, str],
    section: list[str],
) -> Answer | None:
    """The answer ``done`` has with the shorthands read by convention, with a note naming
    them (those the link uses, else the section's: a definition that used them)."""
    found = guessed.get((done.order, _spaced(expand_shorthands(done.link.text, shorthands))))
    if found is None:
        return None
    names = used_in(done.link.text, shorthands)
    said = naming(names or section, shorthands)
    what = "an undefined shorthand" if len(names or section) == 1 else "undefined shorthands"
    where = "" if names else " in the section's definitions"
    return replace(found, message=f"{found.message} (reading {said}{where}: {what})")


def _enclosed(first: MathBlock, finished: dict[int, Scope], scope: Scope) -> Scope:
    """``scope`` knowing what the enclosing sections established (a subsection is part of its
    section: its definitions, values and facts hold there, outermost first)."""
    for parent in first.parents:
        known = finished.get(parent)
        if known is None:
            continue
        scope.definitions.update(known.definitions)
        scope.earlier.update(known.earlier)
        scope.inherited = scope.inherited | known.earlier.keys()
        scope.earlier_lines.update(known.earlier_lines)
        scope.facts.update(known.facts)
        scope.formulas.update(known.formulas)
        scope.sizes.update(known.sizes)
        scope.matrices.update(known.matrices)
    return scope




def _taught(link: Link, scope: Scope, final: bool = False) -> Answer | None:
    """The primary answer for ``link``, checked on a snapshot of the section's ``scope``;
    what the link gives the section is then applied here (``verify.learned``), unless its
    check did not finish."""
    trial = snapshot(scope)
    found = budgeted(partial(check, link, trial, final=final))
    if found is None or found.reason not in ("budget", "internal"):
        apply(scope, learned(scope, trial))
    return found



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

"""The one place the language server (and the verify cache) touch verify's code.

Everything else in ``derivetex.lsp`` speaks in the terms of this module: a document's kind,
its findings (``Finding`` with ``line``, ``status``, ``latex``, ``message``, ``diagnosis``
and, once verify has them, ``code``), a formula's reading. When verify's internals move, this
module is re-pointed and nothing else changes.

``SectionAuditor`` is ``audit.audit_text`` section by section, each section's findings and
final scope kept under a key of what the section reads: its blocks (text and lines), the
sections enclosing it, the definitions of earlier sections and the document's base (the
meanings its prose calls for, bits, the settings' log base and the preamble's macros). An
edit in one section re-audits that section, and a later one only when what it reads changed.
Where those internals are not there (verify restructured), it falls back to ``audit_text``
for the whole document: slower, the same findings.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from derivetex.settings import Settings
from derivetex.verify.audit import audit_text
from derivetex.verify.document import Macro
from derivetex.verify.filetypes import FileType
from derivetex.verify.inputs import file_settings, macros_of, suppressed
from derivetex.verify.report import OK, UNCHECKED, FileReport, Finding, Notice

__all__ = [
    "OK", "UNCHECKED", "FileReport", "Finding", "Macro", "Notice", "SectionAuditor", "audit_text",
    "code_of", "kind_for", "file_type_for", "KINDS", "Settings", "file_settings", "macros_of",
    "suppressed",
]

KINDS = {".md": "md", ".markdown": "md", ".tex": "tex"}
"""The file types verify reads, by extension (``verify.command.kind_of``)."""

try:  # the section loop of verify.audit, as it is in this version of verify
    from derivetex.reader.names import reading_bare_log_in
    from derivetex.verify.audit import (  # type: ignore[attr-defined,unused-ignore]
        LogBase,
        _audit_section,
        _enclosed,
        _sections,
        fresh_scope,
        log_base_of,
    )
    from derivetex.verify.document import read
    from derivetex.verify.readings.meanings import built_in, in_base, random_variable_meanings

    SECTIONED = True
except ImportError:  # pragma: no cover - re-point at merge
    SECTIONED = False


def kind_for(path: str) -> str | None:
    """``md`` or ``tex`` for a path verify reads, else None."""
    dot = path.rfind(".")
    return KINDS.get(path[dot:].lower()) if dot >= 0 else None


def file_type_for(kind: str) -> FileType:
    """The file type of a document of ``kind``: how its suppression comments are written."""
    from derivetex.verify.filetypes import COMMENTS

    return FileType(kind, COMMENTS[kind])


def code_of(finding: Finding) -> str | None:
    """The finding's code (``DT101``) when verify gives one, else its reason."""
    code = getattr(finding, "code", None)
    if code is None and finding.status == UNCHECKED:
        return finding.reason
    return code if isinstance(code, str) else None


@dataclass
class _Kept:
    """One section's audit: its findings (local order), final scope, definitions added."""

    findings: list[tuple[int, Finding]]
    scope: Any
    definitions: dict[Any, Any]


@dataclass
class SectionAuditor:
    """``audit_text`` with each section's result kept (at most ``capacity`` sections).

    ``audited`` counts sections audited afresh by the last call, ``reused`` those taken from
    what was kept; a section that raises is reported as one unchecked finding at its first
    line and the other sections keep their findings.
    """

    capacity: int = 2000
    audited: int = 0
    reused: int = 0
    _kept: OrderedDict[str, _Kept] = field(default_factory=OrderedDict)

    def audit(
        self, text: str, kind: str, path: str = "<string>",
        macros: dict[str, Macro] | None = None, log_base: str | None = None,
        log_base_from: str | None = None,
    ) -> FileReport:
        """The findings ``audit_text`` gives with the settings' ``macros`` and ``log_base``
        (stated where ``log_base_from`` says)."""
        if not SECTIONED:  # pragma: no cover - re-point at merge
            self.audited, self.reused = 1, 0
            return audit_text(text, kind, path, preamble=macros, log_base=log_base,
                              log_base_from=log_base_from)
        return self._sectioned(text, kind, path, macros, log_base, log_base_from)

    def clear(self) -> None:
        """Forget every kept section (after a MemoryError, say)."""
        self._kept.clear()

    def _sectioned(
        self, text: str, kind: str, path: str, macros: dict[str, Macro] | None,
        log_base: str | None, log_base_from: str | None = None,
    ) -> FileReport:
        document = read(text, kind, path, macros)
        text = document.text
        logs = log_base_of(text, log_base, log_base_from)
        defaults = in_base(built_in(text), logs.base)
        confirming = random_variable_meanings(text, defaults, logs.base)
        base = _digest(kind, sorted(defaults), logs, _variables(text, confirming),
                       log_base, sorted((macros or {}).items()))
        with reading_bare_log_in(logs.base):
            return self._audited(document, path, logs, defaults, confirming, base)

    def _audited(
        self, document: Any, path: str, logs: LogBase, defaults: dict[str, Any],
        confirming: Any, base: str,
    ) -> FileReport:
        found: list[tuple[int, int, Finding]] = []
        earlier: dict[Any, Any] = {}
        finished: dict[int, Any] = {}
        keys: dict[int, str] = {}
        self.audited = self.reused = 0
        for index, section in enumerate(_sections(document.blocks)):
            first = section[0]
            parents = tuple(keys.get(p, "") for p in first.parents)
            key = _digest(base, _blocks_key(section), parents, _definitions_key(earlier))
            kept = self._kept.get(key)
            if kept is None:
                kept = self._run(section, finished, defaults, logs, earlier, confirming)
                self._keep(key, kept)
                self.audited += 1
            else:
                self._kept.move_to_end(key)
                self.reused += 1
            keys[first.section] = key
            finished[first.section] = kept.scope
            earlier.update(kept.definitions)
            found.extend((f.line, index * 1_000_000 + order, f) for order, f in kept.findings)
        found.sort(key=lambda item: (item[0], item[1]))
        return FileReport(path, tuple(document.placed(f) for _, _, f in found))

    def _run(
        self, section: list[Any], finished: dict[int, Any], defaults: dict[str, Any],
        logs: LogBase, earlier: dict[Any, Any], confirming: Any,
    ) -> _Kept:
        """One section audited as ``audit_text`` would; a crash is one unchecked finding."""
        local: list[tuple[int, Finding]] = []
        try:
            scope = _enclosed(section[0], finished, fresh_scope(defaults, logs))
            _audit_section(section, local, 0, scope, dict(earlier), confirming)
        except (MemoryError, RecursionError):
            raise
        except Exception as error:  # a bug in a check: this section only
            message = f"derivetex could not audit this section ({type(error).__name__}: {error})"
            line = section[0].line
            crash = Finding(line, UNCHECKED, "", message[:300], None, "crash")
            return _Kept([(0, crash)], fresh_scope(defaults, logs), {})
        return _Kept(local, scope, dict(scope.definitions))

    def _keep(self, key: str, kept: _Kept) -> None:
        self._kept[key] = kept
        while len(self._kept) > self.capacity:
            self._kept.popitem(last=False)


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _blocks_key(section: Sequence[Any]) -> tuple[tuple[Any, ...], ...]:
    """What a section's own math is: every block's text, line, display flag and nesting."""
    return tuple((b.text, b.line, b.display, b.section, b.parents) for b in section)


def _definitions_key(definitions: dict[Any, Any]) -> str:
    """The earlier sections' definitions as text: a section reads them, nothing more."""
    shown = sorted((str(k), str(d.expr), d.line, d.latex) for k, d in definitions.items())
    return _digest(shown)


def _variables(text: str, confirming: Any) -> object:
    """The random variables a document's entropies are of (part of its base), if any."""
    if confirming is None:
        return None
    from derivetex.verify.readings.random_variables import variables_in

    return (len(confirming), repr(variables_in(text)))


@dataclass(frozen=True)
class Reading:
    """How derivetex read one side: LaTeX printed back, plain text, the other readings it
    tried; ``reason`` when it could not read it."""

    latex: str
    shown: str | None
    plain: str | None
    alternatives: tuple[str, ...] = ()
    reason: str = ""


def sides(latex: str) -> tuple[str, str, str] | None:
    """A link's text ``left rel right`` (as ``Finding.latex`` holds it) split at its relation."""
    from derivetex.verify.links.rows import RELATIONS

    depth = 0
    for at, char in enumerate(latex):
        depth += {"{": 1, "}": -1, "(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        if depth != 0 or char not in "=<>:\\" or (at and latex[at - 1] == "\\"):
            continue
        found = RELATIONS.match(latex, at)
        if found is not None and at > 0 and latex[at - 1] == " ":
            return latex[:at].strip(), found.group(0), latex[found.end():].strip()
    return None


def reading_of(latex: str) -> Reading:
    """Read ``latex`` as verify reads a side, with the reader's alternatives if it has any."""
    from derivetex.judge.show import show
    from derivetex.reader import Unreadable, parse
    from derivetex.verify.readings.side import read

    found = read(latex)
    if found.expr is None:
        return Reading(latex, None, None, (), found.reason)
    alternatives: tuple[str, ...] = ()
    try:
        _, notes = parse(latex)
        others = getattr(notes, "alternatives", ()) or ()
        alternatives = tuple(show(other) for other in others)
    except (Unreadable, RecursionError, TypeError, ValueError):
        pass
    import sympy

    return Reading(latex, show(found.expr), sympy.sstr(found.expr), alternatives)


def justification(finding: Finding, lang: str) -> tuple[tuple[str, ...], str] | None:
    """The rules ``--explain`` names for an ok link and its justification row, if any."""
    from derivetex.verify.explain import explain_report

    if finding.status != OK:
        return None
    if finding.rules and finding.justification:
        return finding.rules, finding.justification
    explained = explain_report(FileReport("", (finding,)), lang).findings[0]
    if not explained.rules or explained.justification is None:
        return None
    return explained.rules, explained.justification


def display_extents(text: str, kind: str) -> list[tuple[int, int]]:
    """1-based first and last line of each display block's math (to keep a comment out)."""
    from derivetex.verify.document import find_blocks as blocks_of

    return [(b.line, b.line + b.text.count("\n")) for b in blocks_of(text, kind) if b.display]

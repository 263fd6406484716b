"""Inline suppressions: ``derivetex: ignore`` / ``off`` / ``on`` comments in the document.

Applied after the audit, to its findings and the raw text, so the audit itself never sees
them. A suppressed finding is kept (``suppressed_by="comment"``), counted as ignored and never
fails the run; a comment that suppresses nothing, or names an unknown code, becomes a
warning (``DT001``, ``DT002``), as ruff reports an unused ``noqa``.

- ``ignore`` [codes]: at the end of a row, that row; alone on its line, the next row (blank
  lines and bare math delimiters such as ``$$`` or ``\\begin{align}`` skipped).
- ``off`` [codes] ... ``on``: every row in between (to the end of the file without ``on``).

Without codes an ignore silences the errors of its rows; with codes, the findings carrying
one of them (``DT103``, a prefix ``DT10``, or an unchecked reason such as ``opaque``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from derivetex.verify import codes
from derivetex.verify.report import OK, FileReport, Finding, Notice

_BODY = r"derivetex:\s*(?P<verb>ignore|off|on)\b(?P<codes>[^\n]*?)"
STYLES = {
    "html": re.compile(rf"<!--\s*{_BODY}\s*-->"),
    "percent": re.compile(rf"(?<!\\)%\s*{_BODY}\s*$"),
    "rst": re.compile(rf"^\s*\.\.\s+{_BODY}\s*$"),
    "jsx": re.compile(rf"\{{/\*\s*{_BODY}\s*\*/\}}"),
}
"""Comment style -> the directive's pattern (``filetypes.FILE_TYPES`` names the styles)."""

_DELIMITER = re.compile(
    r"^\s*(?:\$\$|\\\[|\\\]|\\(?:begin|end)\s*\{[^}]*\}(?:\{[^}]*\})?|`{3,}\s*math|`{3,}|~{3,}"
    r"|\.\.\s+math::)?\s*$"
)
"""A line that holds no row: blank, or only a display delimiter."""


@dataclass(frozen=True)
class Directive:
    """One comment: its line, verb, codes, and the lines it covers."""

    line: int
    verb: str
    codes: tuple[str, ...]
    first: int
    last: int

    def covers(self, finding: Finding) -> bool:
        if not self.first <= finding.line <= self.last or finding.status == OK:
            return False
        if not self.codes:
            return finding.is_error
        return codes.matches(finding.shown_code, self.codes)


def directives(text: str, styles: Iterable[str]) -> list[Directive]:
    """Every ``ignore`` and ``off`` comment of ``text`` with the lines it covers."""
    lines = text.split("\n")
    patterns = [STYLES[style] for style in styles]
    found: list[Directive] = []
    opened: Directive | None = None
    for number, line in enumerate(lines, start=1):
        match = next((m for p in patterns if (m := p.search(line))), None)
        if match is None:
            continue
        verb, named = match.group("verb"), tuple(match.group("codes").replace(",", " ").split())
        if verb == "on":
            if opened is not None:
                found.append(replace(opened, last=number))
                opened = None
        elif verb == "off":
            opened = opened or Directive(number, verb, named, number, len(lines))
        else:
            alone = not (line[: match.start()] + line[match.end():]).strip()
            target = _next_row(lines, number) if alone else number
            found.append(Directive(number, verb, named, number, target))
    if opened is not None:
        found.append(opened)
    return sorted(found, key=lambda d: d.line)


def _next_row(lines: list[str], number: int) -> int:
    """The line number of the first line after ``number`` that can hold a row."""
    for later in range(number, len(lines)):
        if not _DELIMITER.match(lines[later]):
            return later + 1
    return number


def suppress(
    report: FileReport, text: str, styles: Iterable[str], cell: int | None = None
) -> FileReport:
    """``report`` with the findings its comments silence marked, and the warnings. In a
    notebook ``text`` is one markdown cell's source: only that ``cell``'s findings are seen."""
    found = directives(text, styles)
    used: set[int] = set()
    findings = []
    for finding in report.findings:
        hit = next((d for d in found if finding.cell == cell and not finding.suppressed
                    and d.covers(finding)), None)
        if hit is not None:
            used.add(hit.line)
            finding = replace(finding, suppressed_by="comment")
        findings.append(finding)
    notices = list(report.notices)
    for d in found:
        unknown = [c for c in d.codes if not codes.known(c)]
        if unknown:
            notices.append(Notice(d.line, "DT002", f"unknown code {', '.join(unknown)} in a "
                                  f"derivetex: {d.verb} comment (derivetex verify --codes)", cell))
        elif d.line not in used:
            what = f" {' '.join(d.codes)}" if d.codes else ""
            notices.append(Notice(d.line, "DT001", f"derivetex: {d.verb}{what} suppresses "
                                  "nothing: remove the comment", cell))
    return replace(report, findings=tuple(findings), notices=tuple(notices))


def configured(
    report: FileReport, select: tuple[str, ...] | None, ignore: tuple[str, ...]
) -> FileReport:
    """``report`` with the errors the configuration leaves out marked: those no ``select``
    code matches (when there is a ``select``) and those an ``ignore`` code matches."""

    def dropped(f: Finding) -> bool:
        if not f.is_error or f.suppressed:
            return False
        if select is not None and not codes.matches(f.code, select):
            return True
        return codes.matches(f.code, ignore)

    findings = tuple(replace(f, suppressed_by="config") if dropped(f) else f
                     for f in report.findings)
    return replace(report, findings=findings)

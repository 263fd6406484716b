"""What the server shows: diagnostics, hovers and code actions, from a document's findings.

Pure functions of the document's text and its report (no protocol state), so each can be
tested on its own; columns are code points here, the server converts them for the client.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivetex.lsp import adapter
from derivetex.lsp.adapter import ERROR, OK, UNCHECKED, FileReport, Finding
from derivetex.lsp.ranges import Span, locate

SOURCE = "derivetex"


@dataclass(frozen=True)
class Located:
    """A finding and where its characters are."""

    finding: Finding
    span: Span


def located(text: str, report: FileReport) -> list[Located]:
    return [Located(f, locate(text, f.line, f.latex)) for f in report.findings]


def shown(items: list[Located], unchecked: bool) -> list[Located]:
    """The findings that become diagnostics: errors, and unchecked ones when asked for;
    never one the document suppresses (once verify marks them ``suppressed``)."""
    return [
        item for item in items
        if not getattr(item.finding, "suppressed", False)
        and (item.finding.status == ERROR or (unchecked and item.finding.status == UNCHECKED))
    ]


def message(finding: Finding) -> str:
    return f"{finding.latex}: {finding.message}" if finding.latex else finding.message


# -- hover -----------------------------------------------------------------------------------

def hover_text(items: list[Located], line: int, column: int) -> str | None:
    """Markdown for the formula under (line, column): its readings and its links' verdicts."""
    here = [item for item in items if item.span.contains(line, column)]
    if not here:
        return None
    parts: list[str] = []
    formulas: list[str] = []
    for item in here:
        split = adapter.sides(item.finding.latex)
        for side in (split[0], split[2]) if split else ():
            if side not in formulas:
                formulas.append(side)
    for formula in formulas[:4]:
        parts.append(_reading_text(adapter.reading_of(formula)))
    parts.append("**Links**")
    for item in here:
        f = item.finding
        reason = f" ({f.reason})" if f.reason else ""
        parts.append(f"- **{f.status}**{reason}: `{f.latex}` — {f.message}")
    return "\n\n".join(parts)


def _reading_text(reading: adapter.Reading) -> str:
    if reading.shown is None:
        return f"`{reading.latex}`: not read ({reading.reason})"
    text = (f"`{reading.latex}` read as $${reading.shown}$$\n\n"
            f"LaTeX: `{reading.shown}` · plain: `{reading.plain}`")
    if reading.alternatives:
        text += "\n\nalternatives: " + ", ".join(f"`{a}`" for a in reading.alternatives)
    return text


# -- code actions ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Edit:
    """Insert or replace text: 0-based (line, column) to (line, column), code points."""

    title: str
    start: tuple[int, int]
    end: tuple[int, int]
    new_text: str
    kind: str = "quickfix"


def actions(
    text: str, kind: str, items: list[Located], first: int, last: int, lang: str
) -> list[Edit]:
    """The code actions for findings on lines ``first``..``last`` (0-based)."""
    lines = text.split("\n")
    edits: list[Edit] = []
    for item in items:
        if not (item.span.line <= last and item.span.end_line >= first):
            continue
        f = item.finding
        if f.status == ERROR:
            edits.extend(_replace_number(lines, item))
            edits.append(_suppression(text, kind, lines, item))
        elif f.status == OK:
            edits.extend(_justification_row(lines, item, lang))
    return edits


_CLAIM = re.compile(r"claims (-?[0-9][0-9.]*), but derivetex computes (-?[0-9][0-9.eE+-]*)")
_ROUNDED = re.compile(r"to \d+ decimals? the value is (-?[0-9][0-9.]*)")


def _replace_number(lines: list[str], item: Located) -> list[Edit]:
    """A claimed number replaced by the computed one, shown to the claim's precision."""
    found = _CLAIM.search(item.finding.message)
    if found is None:
        return []
    claimed, computed = found.group(1), found.group(2)
    rounded = _ROUNDED.search(item.finding.diagnosis or "")
    value = rounded.group(1) if rounded else _to_places(computed, claimed)
    span = item.span
    row = lines[span.end_line]
    start = span.start if span.line == span.end_line else 0
    at = row.rfind(claimed, start, span.end)
    if at < 0 or value == claimed:
        return []
    return [Edit(f"Replace {claimed} by {value} (the value derivetex computes)",
                 (span.end_line, at), (span.end_line, at + len(claimed)), value)]


def _to_places(computed: str, claimed: str) -> str:
    places = len(claimed.split(".")[1]) if "." in claimed else 0
    try:
        return f"{float(computed):.{places}f}"
    except ValueError:
        return computed


def _suppression(text: str, kind: str, lines: list[str], item: Located) -> Edit:
    """A comment on the line before the row (before the block's opening line when the row is
    inside a Markdown display block, where an HTML comment would be math)."""
    code = adapter.code_of(item.finding)
    codes = f" {code}" if code else ""
    comment = (f"% derivetex: ignore{codes}" if kind == "tex"
               else f"<!-- derivetex: ignore{codes} -->")
    at = item.span.line
    if kind == "md":
        for first, last in adapter.display_extents(text, kind):
            if first - 1 <= at <= last - 1:
                at = first - 1
                if at > 0 and _opens_display(lines[at - 1]):
                    at -= 1
                break
    row = lines[at] if at < len(lines) else ""
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return Edit(f"Ignore this finding ({code or 'every code'}) with a derivetex comment",
                (at, 0), (at, 0), f"{indent}{comment}\n")


def _opens_display(line: str) -> bool:
    stripped = line.strip()
    return stripped in ("$$", r"\[") or stripped.startswith(r"\begin{") or stripped == "```math"


def _justification_row(lines: list[str], item: Located, lang: str) -> list[Edit]:
    """``&\\qquad <rules in words> \\\\`` between two rows of an aligned block."""
    at = item.span.line
    row = lines[at].lstrip()
    if at == 0 or not row.startswith(("&", "=")) or not lines[at - 1].rstrip().endswith("\\\\"):
        return []
    found = adapter.justification(item.finding, lang)
    if found is None:
        return []
    rules, words = found
    indent = lines[at][: len(lines[at]) - len(row)]
    return [Edit(f"Insert the justification row ({', '.join(rules)})", (at, 0), (at, 0),
                 f"{indent}&\\qquad {words} \\\\\n", "refactor.rewrite")]

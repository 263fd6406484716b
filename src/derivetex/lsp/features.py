"""What the server shows: diagnostics, hovers and code actions, from a document's findings.

Pure functions of the document's text and its report (no protocol state), so each can be
tested on its own; columns are code points here, the server converts them for the client.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivetex.lsp import adapter
from derivetex.lsp.adapter import OK, UNCHECKED, FileReport, Finding
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
    never one the document's comments or its settings' ``select`` / ``ignore`` suppress."""
    return [
        item for item in items
        if not item.finding.suppressed
        and (item.finding.is_error or (unchecked and item.finding.status == UNCHECKED))
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
    more: tuple[tuple[tuple[int, int], tuple[int, int], str], ...] = ()
    """Further changes of the same action: (start, end, new text)."""


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
        if f.suppressed:
            continue  # already silenced: no diagnostic, nothing to fix or suppress
        if f.is_error:
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
    """The comment issue 19's suppressions read: in LaTeX ``% derivetex: ignore CODE`` alone
    on the line before the row; in Markdown an HTML comment, at the end of a prose line (inline
    math) or alone before a one-line display, and ``off``/``on`` around a display block of
    several rows (a comment inside the math would be read as math)."""
    code = adapter.code_of(item.finding)
    codes = f" {code}" if code else ""
    at = item.span.line
    title = f"Ignore this finding ({code or 'every error of the row'}) with a derivetex comment"
    if kind == "tex":
        return Edit(title, (at, 0), (at, 0), f"{_indent(lines[at])}% derivetex: ignore{codes}\n")
    block = next(((first - 1, last - 1) for first, last in adapter.display_extents(text, kind)
                  if first - 1 <= at <= last - 1 and last > first), None)
    if block is not None:
        opener, closer = _delimiters(lines, *block)
        title = f"Ignore {code or 'the errors'} in this display block with derivetex: off … on"
        return Edit(title, (opener, 0), (opener, 0), f"<!-- derivetex: off{codes} -->\n",
                    more=(((closer + 1, 0), (closer + 1, 0), "<!-- derivetex: on -->\n"),))
    row = lines[at]
    if row.lstrip().startswith(("$$", "\\[")):
        return Edit(title, (at, 0), (at, 0), f"<!-- derivetex: ignore{codes} -->\n")
    end = len(row.rstrip())
    return Edit(title, (at, end), (at, end), f" <!-- derivetex: ignore{codes} -->")


def _indent(row: str) -> str:
    return row[: len(row) - len(row.lstrip(" \t"))]


def _delimiters(lines: list[str], first: int, last: int) -> tuple[int, int]:
    """The lines of a display block's opening and closing delimiters (0-based)."""
    opener = first
    if not _DELIMITED.search(lines[first]) and first > 0 and _BARE.match(lines[first - 1]):
        opener = first - 1
    closer = last
    if not _DELIMITED.search(lines[last]) and last + 1 < len(lines) and _BARE.match(
            lines[last + 1]):
        closer = last + 1
    return opener, closer


_DELIMITED = re.compile(r"\$\$|\\\[|\\\]|\\(?:begin|end)\{|^\s*(?:`{3,}|~{3,})")
_BARE = re.compile(r"^\s*(?:\$\$|\\\[|\\\]|`{3,}(?:\s*math)?|~{3,})\s*$")


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

"""The text report: what is wrong, then one summary line per file (ruff's and ChkTeX's way).

Quiet by default: errors and the warnings about derivetex comments; ``verbose`` adds the
``ok``, ``unchecked`` and suppressed (``ignored``) lines, with the ``--explain`` rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from derivetex.verify.report.findings import ERROR, FileReport, Finding


def as_text(reports: Sequence[FileReport], verbose: bool = False) -> str:
    """``file:line: status: link: message`` lines, then a one-line summary per file."""
    lines: list[str] = []
    for report in reports:
        entries: list[tuple[int, int, int, list[str]]] = []
        for order, f in enumerate(report.findings):
            if verbose or (f.status == ERROR and not f.suppressed):
                entries.append((f.cell or 0, f.line, order, _finding(report.path, f)))
        for order, notice in enumerate(report.notices):
            warning = f"{report.path}:{notice.where}: warning: {notice.code}: {notice.message}"
            entries.append((notice.cell or 0, notice.line, len(report.findings) + order,
                            [warning]))
        for *_, shown in sorted(entries, key=lambda entry: entry[:3]):
            lines.extend(shown)
        lines.append(f"{report.path}: {report.coverage()}")
    return "".join(line + "\n" for line in lines)


def _finding(path: str, f: Finding) -> list[str]:
    """An error shows its code first; an unchecked or ok line reads as it always did."""
    status = "ignored" if f.suppressed else f.status
    code = f"{f.code}: " if f.code and (f.status == ERROR or f.suppressed) else ""
    lines = [f"{path}:{f.where}: {status}: {code}{f.latex}: {f.message}"]
    if f.rules:
        lines.append(f"{path}:{f.where}: by {', '.join(f.rules)}: &\\qquad {f.justification} \\\\")
    return lines

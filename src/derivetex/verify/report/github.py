"""GitHub Actions workflow commands: one ``::error`` per unsuppressed error and one
``::warning`` per comment warning, then each file's coverage as a plain log line."""

from __future__ import annotations

from collections.abc import Sequence

from derivetex.verify.report.findings import ERROR, FileReport

TITLE = "derivetex verify"


def as_github(reports: Sequence[FileReport], verbose: bool = False) -> str:
    """``::error file=…,line=…,title=derivetex verify::CODE: link: message``; GitHub shows
    them on the lines of the pull request's diff."""
    lines: list[str] = []
    for report in reports:
        path = _property(report.path)
        for f in report.findings:
            if f.status == ERROR and not f.suppressed:
                cell = "" if f.cell is None else f"cell {f.cell}:line {f.line}: "
                message = _data(cell + (f"{f.code}: {f.latex}: {f.message}" if f.code
                                        else f"{f.latex}: {f.message}"))
                lines.append(f"::error file={path},line={f.line},title={TITLE}::{message}")
        for notice in report.notices:
            message = _data(f"{notice.code}: {notice.message}")
            lines.append(f"::warning file={path},line={notice.line},title={TITLE}::{message}")
        lines.append(f"{report.path}: {report.coverage()}")
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped as GitHub's runner reads them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which end a property."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")

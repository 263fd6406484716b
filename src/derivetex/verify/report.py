"""Findings and the report formats: one line per link, JSON, or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

OK = "ok"
ERROR = "error"
UNCHECKED = "unchecked"


@dataclass(frozen=True)
class Finding:
    """The verdict on one link; ``line`` is where its right-hand side starts (1-based)."""

    line: int
    status: str
    latex: str
    message: str
    diagnosis: str | None = None
    reason: str | None = None
    rules: tuple[str, ...] = ()
    """With ``--explain``: the registered rules that take the left side to the right."""
    justification: str | None = None
    """With ``--explain``: those rules in the catalog's words, a row to paste into a post."""
    readings: tuple[str, ...] = ()
    """The codes of the registered readings the verdict rests on (``verify.readings``)."""

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "line": self.line,
            "status": self.status,
            "latex": self.latex,
            "message": self.message,
            "diagnosis": self.diagnosis,
            "reason": self.reason,
            "readings": list(self.readings),
        }
        if self.rules:
            data.update(rules=list(self.rules), justification=self.justification)
        return data


@dataclass(frozen=True)
class FileReport:
    """Every finding in one document, in source order."""

    path: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def has_errors(self) -> bool:
        return any(f.status == ERROR for f in self.findings)

    def count(self, status: str) -> int:
        return sum(1 for f in self.findings if f.status == status)

    def summary(self) -> dict[str, int]:
        return {status: self.count(status) for status in (OK, ERROR, UNCHECKED)}

    def coverage(self) -> str:
        """``N links: a ok, b error, c unchecked``."""
        return (
            f"{len(self.findings)} links: {self.count(OK)} ok, {self.count(ERROR)} error, "
            f"{self.count(UNCHECKED)} unchecked"
        )


def as_text(reports: Sequence[FileReport]) -> str:
    """``file:line: status: link: message`` lines, then a one-line summary per file."""
    lines: list[str] = []
    for report in reports:
        for f in report.findings:
            lines.append(f"{report.path}:{f.line}: {f.status}: {f.latex}: {f.message}")
            if f.rules:
                lines.append(f"{report.path}:{f.line}: by {', '.join(f.rules)}: "
                             f"&\\qquad {f.justification} \\\\")
        lines.append(f"{report.path}: {report.coverage()}")
    return "\n".join(lines) + "\n"


def as_json(reports: Sequence[FileReport]) -> str:
    """The JSON report: ``{"files": [{"path", "findings": [...], "summary"}]}``."""
    data = {
        "files": [
            {"path": r.path, "findings": [f.as_dict() for f in r.findings], "summary": r.summary()}
            for r in reports
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_github(reports: Sequence[FileReport]) -> str:
    """One ``::error file=…,line=…::…`` workflow command per error, then each file's coverage
    as a plain log line; GitHub shows the errors on the lines of the pull request's diff."""
    lines: list[str] = []
    for report in reports:
        path = _property(report.path)
        for f in report.findings:
            if f.status == ERROR:
                message = _data(f"{f.latex}: {f.message}")
                lines.append(f"::error file={path},line={f.line},title=derivetex verify::{message}")
        lines.append(f"{report.path}: {report.coverage()}")
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped as GitHub's runner reads them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which end a property."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


REPORTS = {"text": as_text, "json": as_json, "github": as_github}
REPORT_FORMATS = tuple(REPORTS)


Make = Callable[..., Finding]
"""Makes a link's finding: ``make(status, message, diagnosis=None, reason="")``."""

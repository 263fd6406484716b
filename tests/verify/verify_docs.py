"""Helpers for the verify tests: fixture documents live in ``docs/`` next to this file."""

from __future__ import annotations

from pathlib import Path

from derivetex.verify import FileReport, audit_text

DOCS = Path(__file__).parent / "docs"


def audit_file(name: str) -> FileReport:
    path = DOCS / name
    return audit_text(path.read_text(encoding="utf-8"), path.suffix.lstrip("."), name)


def statuses(report: FileReport) -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in report.findings]

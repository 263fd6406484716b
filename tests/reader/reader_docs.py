"""The fixture documents of the reader's readings, in ``docs/`` beside this file."""

from __future__ import annotations

from pathlib import Path

from derivetex.verify import audit_text

DOCS = Path(__file__).parent / "docs"


def verdicts(name: str) -> list[tuple[int, str]]:
    """(line, status) of every finding of the fixture ``name``, as ``verify`` reports them."""
    path = DOCS / name
    report = audit_text(path.read_text(encoding="utf-8"), path.suffix.lstrip("."), name)
    return [(f.line, f.status) for f in report.findings]


def messages(name: str) -> dict[int, str]:
    path = DOCS / name
    report = audit_text(path.read_text(encoding="utf-8"), path.suffix.lstrip("."), name)
    return {f.line: f.message for f in report.findings}

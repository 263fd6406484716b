"""Findings and the report formats: text lines, JSON, GitHub Actions annotations, SARIF 2.1.0.

Each format is a module with one function ``(reports, verbose) -> str``; ``REPORTS`` names
them for ``--format``. The records live in ``findings``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from derivetex.verify.report.findings import (
    ERROR,
    IGNORED,
    OK,
    UNCHECKED,
    FileReport,
    Finding,
    Make,
    Notice,
)
from derivetex.verify.report.github import as_github
from derivetex.verify.report.json import as_json
from derivetex.verify.report.sarif import as_sarif
from derivetex.verify.report.text import as_text

Format = Callable[[Sequence[FileReport], bool], str]
REPORTS: dict[str, Format] = {
    "text": as_text, "json": as_json, "github": as_github, "sarif": as_sarif,
}
REPORT_FORMATS = tuple(REPORTS)

__all__ = [
    "ERROR", "IGNORED", "OK", "REPORTS", "REPORT_FORMATS", "UNCHECKED", "FileReport", "Finding",
    "Make", "Notice", "as_github", "as_json", "as_sarif", "as_text",
]

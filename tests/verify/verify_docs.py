"""Helpers for the verify tests: fixture documents live in ``docs/`` next to this file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from derivetex.verify import FileReport, audit_text

DOCS = Path(__file__).parent / "docs"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "reference" / "seed-article.md"
"""The reference article: someone else's post, read from ../shared, never copied here."""


def document(name: str) -> Path:
    """A fixture of ours from ``docs/``, or the reference article from ``../shared``."""
    if name == "seed-article.md":
        if not SEED.is_file():
            if os.environ.get("CI") == "true":
                raise FileNotFoundError(f"CI needs ../shared beside the checkout: {SEED}")
            pytest.skip(f"no {SEED} beside this checkout")
        return SEED
    return DOCS / name


def audit_file(name: str) -> FileReport:
    path = document(name)
    return audit_text(path.read_text(encoding="utf-8"), path.suffix.lstrip("."), name)


def statuses(report: FileReport) -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in report.findings]


def assert_findings(
    name: str, text: str, expected: list[tuple[int, str]], needle: str | None
) -> None:
    """A small document of ours gives exactly ``expected`` (line, status) findings, and its
    messages contain ``needle`` where that matters."""
    report = audit_text(text, "md", name)
    assert statuses(report) == expected, report.findings
    if needle is not None:
        assert needle in " ".join(f.message for f in report.findings)

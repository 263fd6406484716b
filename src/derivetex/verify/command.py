"""``derivetex verify FILE... [--json]``: read every file first, then audit and report."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from derivetex.errors import InputError
from derivetex.verify.audit import audit_text
from derivetex.verify.report import as_json, as_text

_KINDS = {".md": "md", ".markdown": "md", ".tex": "tex"}


def kind_of(path: str) -> str:
    """``md`` or ``tex`` from the file's extension; anything else is bad input."""
    kind = _KINDS.get(Path(path).suffix.lower())
    if kind is None:
        raise InputError(f"cannot read {path}: unsupported extension (expected .md or .tex)")
    return kind


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise InputError(f"cannot read {path}: {reason}") from error


def run_verify(paths: list[str], as_json_output: bool, out: TextIO) -> int:
    """Write the report for ``paths`` to ``out``; 0 if no link is wrong, else 1."""
    if not paths:
        raise InputError("verify needs at least one FILE")
    documents = [(path, kind_of(path), _read(path)) for path in paths]
    reports = [audit_text(text, kind, path) for path, kind, text in documents]
    out.write(as_json(reports) if as_json_output else as_text(reports))
    return 1 if any(r.has_errors for r in reports) else 0

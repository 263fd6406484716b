"""``derivetex verify FILE... [--format text|json|github] [--jobs N]``: read every file
first, then audit, report.

Files are refused before any audit (exit 2) when they cannot be read, are not regular files
(a FIFO, a link to ``/dev/zero``), are over ``MAX_FILE_BYTES`` or are not UTF-8. Each file is
then audited in its own worker process under the budgets of ``verify.budget``, ``jobs`` at a
time; the report keeps the order of the files on the command line.
"""

from __future__ import annotations

import os
import stat
from functools import partial
from pathlib import Path
from typing import TextIO

from derivetex.errors import InputError
from derivetex.verify.audit import audit_text
from derivetex.verify.budget import MAX_FILE_BYTES, Outcome, run_isolated
from derivetex.verify.readings import disabled_codes
from derivetex.verify.report import REPORTS, UNCHECKED, FileReport, Finding

_KINDS = {".md": "md", ".markdown": "md", ".tex": "tex"}
MAX_JOBS = 64


def kind_of(path: str) -> str:
    """``md`` or ``tex`` from the file's extension; anything else is bad input."""
    kind = _KINDS.get(Path(path).suffix.lower())
    if kind is None:
        raise InputError(f"cannot read {path!r}: unsupported extension (expected .md or .tex)")
    return kind


def read_document(path: str) -> str:
    """The text of a regular UTF-8 file of at most MAX_FILE_BYTES, or an InputError."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
    except OSError as error:
        raise InputError(f"cannot read {path!r}: {error.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"cannot read {path!r}: not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise InputError(f"cannot read {path!r}: {error.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"cannot read {path!r}: larger than the limit of {MAX_FILE_BYTES // 2**20} MiB"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"cannot read {path!r}: not UTF-8 ({error.reason})") from None


def run_verify(
    paths: list[str], report_format: str, out: TextIO | None, *, jobs: int = 1,
    explain: str | None = None, disabled: list[str] | tuple[str, ...] = (),
) -> int:
    """Write the report for ``paths`` in ``report_format`` (text, json, github) to ``out``
    (None: stdout); 0 if no link is wrong, else 1."""
    if report_format not in REPORTS:
        raise InputError(f"unknown report format {report_format!r} (use {', '.join(REPORTS)})")
    if not paths:
        raise InputError("verify needs at least one FILE")
    if not 1 <= jobs <= MAX_JOBS:
        raise InputError(f"--jobs must be between 1 and {MAX_JOBS}, not {jobs!r}")
    off = disabled_codes(disabled)  # --disable-reading: refused before any file is read
    documents = [(path, kind_of(path), read_document(path)) for path in paths]
    tasks = [partial(audit_text, text, kind, path, explain, off) for path, kind, text in documents]
    outcomes = run_isolated(tasks, jobs)
    reports = [
        _report(path, outcome) for (path, _, _), outcome in zip(documents, outcomes, strict=True)
    ]
    report = REPORTS[report_format](reports)
    if out is None:
        from derivetex.outputs import to_stdout

        to_stdout(report)
    else:
        out.write(report)
    return 1 if any(r.has_errors for r in reports) else 0


def _report(path: str, outcome: Outcome) -> FileReport:
    """The worker's report; a file that ran out of budget is one unchecked finding."""
    if isinstance(outcome.value, FileReport):
        return outcome.value
    if outcome.budget is not None:
        return FileReport(path, (Finding(1, UNCHECKED, "", f"budget: {outcome.budget}"),))
    raise InputError(f"internal error while auditing {path!r}: {outcome.failure}")

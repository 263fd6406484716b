"""``derivetex verify FILE|DIR|-... [--format text|json|github|sarif] [--jobs N] ...``: find
the files, read every one first, then audit, suppress, report.

Files are refused before any audit (exit 2) when they cannot be read, are not regular files
(a FIFO, a link to ``/dev/zero``), are over ``MAX_FILE_BYTES`` or are not UTF-8. Each file is
then audited in its own worker process under the budgets of ``verify.budget``, ``jobs`` at a
time; the report keeps the order of the files on the command line (a directory's in sorted
order). Suppressions (comments, then the settings' ``select`` / ``ignore``) are applied to
the audit's findings afterwards, in this process: the audit never sees them.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

from derivetex.errors import InputError
from derivetex.settings import Settings, check_codes
from derivetex.verify.audit import audit_text
from derivetex.verify.budget import MAX_FILE_BYTES, Outcome, run_isolated
from derivetex.verify.cache import cache_dir, run_cached
from derivetex.verify.discovery import STDIN, discover
from derivetex.verify.document import Macro, readable
from derivetex.verify.filetypes import FILE_TYPES, FileType, kind_of
from derivetex.verify.inputs import file_settings, macros_of, suppressed
from derivetex.verify.readings import disabled_codes
from derivetex.verify.report import REPORTS, UNCHECKED, FileReport, Finding

MAX_JOBS = 64
__all__ = ["MAX_JOBS", "Options", "kind_of", "read_document", "run_verify"]


@dataclass(frozen=True)
class Options:
    """What the command line says beyond the files and the format; None: not given."""

    jobs: int = 1
    explain: str | None = None
    verbose: bool = False
    stdin_filename: str | None = None
    config: str | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    log_base: str | None = None
    preamble: tuple[str, ...] | None = None
    disabled: tuple[str, ...] = ()
    """``--disable-reading`` codes: registered readings not taken (``verify.readings``)."""
    preview: bool = False
    """``--preview``: the confirm-only readings may accuse too (for measuring them)."""
    stdin: BinaryIO | None = field(default=None, compare=False)
    """Where ``-`` reads from (None: the process's standard input)."""


@dataclass(frozen=True)
class _Document:
    path: str
    """The name in the report (``--stdin-filename`` for ``-``)."""
    type: FileType
    text: str
    settings: Settings
    macros: dict[str, Macro]
    """The writer's macros from the settings' ``preamble`` (or ``--preamble``) files."""


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
    return _decoded(data, path)


def _decoded(data: bytes, path: str) -> str:
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
    explain: str | None = None, options: Options | None = None, cache: bool = True,
) -> int:
    """Write the report for ``paths`` in ``report_format`` (text, json, github, sarif) to
    ``out`` (None: stdout); 0 if no unsuppressed link is wrong, else 1. With ``cache``, a
    file audited before (same content and inputs, same derivetex) comes from ``verify.cache``."""
    options = options or Options(jobs=jobs, explain=explain)
    if report_format not in REPORTS:
        raise InputError(f"unknown report format {report_format!r} (use {', '.join(REPORTS)})")
    if not paths:
        raise InputError("verify needs at least one FILE")
    if not 1 <= options.jobs <= MAX_JOBS:
        raise InputError(f"--jobs must be between 1 and {MAX_JOBS}, not {options.jobs!r}")
    if paths.count(STDIN) > 1:
        raise InputError("standard input (-) can be read only once")
    off = disabled_codes(options.disabled)  # --disable-reading: refused before any file
    for key in ("select", "ignore"):
        check_codes(getattr(options, key) or (), f"--{key}")
    documents = [_read(name, options) for name in discover(paths, partial(_settings, options))]
    tasks = [partial(_audit, d, options.explain, off, options.preview) for d in documents]
    outcomes = run_cached(  # the cache's one hook: the same outcomes, fewer audits
        [d.path for d in documents],
        [_cache_key(d, options.explain, off, options.preview) for d in documents],
        tasks, partial(run_isolated, jobs=options.jobs), cache_dir() if cache else None,
    )
    reports = [
        _suppressed(_report(d.path, outcome), d)
        for d, outcome in zip(documents, outcomes, strict=True)
    ]
    report = REPORTS[report_format](reports, options.verbose)
    if out is None:
        from derivetex.outputs import to_stdout

        to_stdout(report)
    else:
        out.write(report)
    return 1 if any(r.has_errors for r in reports) else 0


def _settings(options: Options, path: Path) -> Settings:
    """The file's settings with the command line's options in their place."""
    config = Path(options.config) if options.config is not None else None
    preamble = None if options.preamble is None else tuple(Path(p) for p in options.preamble)
    return file_settings(path, config=config, isolated=options.isolated, select=options.select,
                         ignore=options.ignore, log_base=options.log_base, preamble=preamble)


def _read(name: str, options: Options) -> _Document:
    """One input: a file by its suffix, or standard input by ``--stdin-filename``."""
    shown = name if name != STDIN else options.stdin_filename or STDIN
    if shown == STDIN:
        kind = FILE_TYPES[".md"]
    else:
        kind_of(shown)
        kind = FILE_TYPES[Path(shown).suffix.lower()]
    if name != STDIN:
        text = read_document(name)
    else:
        stream = options.stdin or sys.stdin.buffer
        text = _decoded(stream.read(MAX_FILE_BYTES + 1), shown)
    readable(text, kind.kind, shown)
    settings = _settings(options, Path(shown))
    return _Document(shown, kind, text, settings, macros_of(settings))


def _cache_key(
    document: _Document, explain: str | None, off: frozenset[str], preview: bool = False
) -> tuple[object, ...]:
    """Every input of the audit but the path: suppressions and select/ignore come after."""
    return (document.type.kind, document.text, explain, document.settings.log_base,
            document.settings.log_base_from, sorted(document.macros.items()), sorted(off),
            preview)


def _audit(
    document: _Document, explain: str | None, off: frozenset[str], preview: bool = False
) -> FileReport:
    """The audit of one document in its worker, with the writer's macros, log base, the
    readings turned off and whether the preview readings may accuse."""
    return audit_text(document.text, document.type.kind, document.path, explain,
                      document.macros, log_base=document.settings.log_base, disabled=off,
                      log_base_from=document.settings.log_base_from, preview=preview)


def _suppressed(report: FileReport, document: _Document) -> FileReport:
    """The audit's report with comments, then ``select`` / ``ignore``, applied."""
    return suppressed(report, document.text, document.type, document.settings, document.path)


def _report(path: str, outcome: Outcome) -> FileReport:
    """The worker's report; a file that ran out of budget is one unchecked finding."""
    if isinstance(outcome.value, FileReport):
        return outcome.value
    if outcome.budget is not None:
        finding = Finding(1, UNCHECKED, "", f"budget: {outcome.budget}", reason="budget",
                          code="budget")
        return FileReport(path, (finding,))
    raise InputError(f"internal error while auditing {path!r}: {outcome.failure}")

"""``derivetex verify``'s cache: a file's findings kept under its content and derivetex's build.

Like ruff's ``.ruff_cache``: ``.derivetex_cache/`` in the working directory (or
``$DERIVETEX_CACHE_DIR``), with a ``.gitignore`` and a ``CACHEDIR.TAG`` inside so neither git
nor backup tools keep it. An entry's name is a digest of everything the audit of that file
reads (its text, kind, the ``--explain`` language) and of the build: derivetex's version and
the size and time of every module of the installed package, so an edited checkout never
reads findings of its former self. An entry is trusted only when it parses, names that
build and that key, and holds findings of exactly today's shape; anything else (a truncated
write, another version's file, a hand edit) is ignored, the file audited, and the entry
written anew. Reports cut by a budget are not kept: another run may have the time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from derivetex.verify.budget import Outcome
from derivetex.verify.report import FileReport, Finding

DIRECTORY = ".derivetex_cache"
ENVIRONMENT = "DERIVETEX_CACHE_DIR"
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by derivetex verify.\n"
       "# For information about cache directory tags see https://bford.info/cachedir/\n")
FORMAT = 1


def cache_dir() -> Path:
    """Where the cache lives: ``$DERIVETEX_CACHE_DIR``, else ``./.derivetex_cache``."""
    return Path(os.environ.get(ENVIRONMENT) or DIRECTORY)


def run_cached(
    paths: Sequence[str], keys: Sequence[tuple[object, ...]], tasks: Sequence[Callable[[], Any]],
    run: Callable[[list[Callable[[], Any]]], list[Outcome]], directory: Path | None,
) -> list[Outcome]:
    """The outcomes of ``tasks`` (the audits of ``paths``): those whose key (the audit's
    inputs but the path) has a trusted entry in ``directory`` from it, the others from
    ``run`` and then kept. ``directory`` None: every task runs and nothing is kept."""
    if directory is None:
        return run(list(tasks))
    digests = [_digest(key) for key in keys]
    outcomes: list[Outcome | None] = [
        _load(directory, digest, path) for digest, path in zip(digests, paths, strict=True)
    ]
    todo = [index for index, outcome in enumerate(outcomes) if outcome is None]
    for index, outcome in zip(todo, run([tasks[i] for i in todo]), strict=True):
        outcomes[index] = outcome
        _store(directory, digests[index], outcome)
    return [o if o is not None else Outcome(failure="no result") for o in outcomes]


@cache
def build() -> str:
    """derivetex's version and a digest of its modules' sizes and times."""
    from importlib import metadata

    try:
        version = metadata.version("derivetex")
    except metadata.PackageNotFoundError:
        version = "unknown"
    package = Path(__file__).resolve().parents[1]
    stamp = hashlib.sha256()
    for module in sorted(package.rglob("*")):
        if module.suffix in (".py", ".toml", ".json") and "__pycache__" not in module.parts:
            info = module.stat()
            stamp.update(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}\n"
                         .encode())
    return f"{version}+{stamp.hexdigest()[:16]}"


def _digest(key: tuple[object, ...]) -> str:
    data = json.dumps([FORMAT, build(), *key], ensure_ascii=False, default=repr)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


def _entry(directory: Path, digest: str) -> Path:
    return directory / digest[:2] / f"{digest}.json"


def _load(directory: Path, digest: str, path: str) -> Outcome | None:
    """A trusted entry's outcome, or None (no entry, or one not to be trusted)."""
    try:
        data = json.loads(_entry(directory, digest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("build") != build() or data.get("key") != digest:
        return None
    findings = data.get("findings")
    if not isinstance(findings, list):
        return None
    loaded = [_finding(item) for item in findings]
    if any(f is None for f in loaded):
        return None
    return Outcome(value=FileReport(path, tuple(f for f in loaded if f is not None)))


_FIELDS = {f.name for f in fields(Finding)}


def _finding(item: object) -> Finding | None:
    """A finding from its entry, only if it has exactly today's fields, of plain types."""
    if not isinstance(item, dict) or set(item) != _FIELDS:
        return None
    values: dict[str, Any] = {}
    for name, value in item.items():
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                return None
            value = tuple(value)
        elif value is not None and not isinstance(value, str | int | bool):
            return None
        values[name] = value
    if not isinstance(values.get("line"), int) or not isinstance(values.get("status"), str):
        return None
    try:
        return Finding(**values)
    except TypeError:
        return None


def _store(directory: Path, digest: str, outcome: Outcome) -> None:
    """Keep a whole report (never one cut by a budget); a cache that cannot be written is
    no cache, never an error."""
    report = outcome.value
    if not isinstance(report, FileReport):
        return
    if any(f.reason == "budget" or f.message.startswith("budget:") for f in report.findings):
        return
    rows = [_row(f) for f in report.findings]
    if any(row is None for row in rows):
        return
    entry = _entry(directory, digest)
    try:
        _prepare(directory)
        entry.parent.mkdir(exist_ok=True)
        text = json.dumps({"build": build(), "key": digest, "findings": rows}, ensure_ascii=False)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, entry)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        return


def _row(finding: Finding) -> dict[str, object] | None:
    row: dict[str, object] = {}
    for name in _FIELDS:
        value = getattr(finding, name)
        if isinstance(value, tuple):
            value = list(value)
        elif value is not None and not isinstance(value, str | int | bool):
            return None  # a field this cache cannot write back as it was
        row[name] = value
    return row


def _prepare(directory: Path) -> None:
    """The directory, with its CACHEDIR.TAG and a .gitignore that ignores everything."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", "# created by derivetex\n*\n")):
        path = directory / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")

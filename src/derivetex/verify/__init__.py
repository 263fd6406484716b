"""Audit the derivations and numeric claims in a Markdown or LaTeX document.

``audit_text`` checks a string, ``audit_document`` a path or text (what ``derivetex.verify(...)``
calls); ``command.run_verify`` is what ``derivetex verify`` calls.
The names are imported on first use (PEP 562): ``derive`` needs only ``verify.report``'s
format names, not the reader and the judge (about 0.1 s).
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from os import PathLike
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from derivetex.verify.audit import audit_text
    from derivetex.verify.report import FileReport, Finding

__all__ = ["FileReport", "Finding", "audit_document", "audit_text"]

_HOMES = {
    "audit_text": "derivetex.verify.audit",
    "FileReport": "derivetex.verify.report",
    "Finding": "derivetex.verify.report",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'derivetex.verify' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def audit_document(source: str | PathLike[str], kind: str | None = None, *,
                   explain: str | None = None) -> FileReport:
    """Audit a document as ``derivetex verify`` does: its findings, the records ``--json``
    prints (``report.findings``, each ``.as_dict()``; ``report.summary()``).

    ``source`` is a path (a ``Path``, or a string naming an existing file) or the document's
    text; ``kind`` is "md" or "tex" (for a path, taken from its extension unless given; for
    text, "md"). ``explain`` (a language) names the rules of each ok link, as ``--explain``.
    It runs in this process, under the per-link time budget; the command's separate worker
    with its memory cap is for documents nobody has read yet.
    """
    from derivetex.errors import InputError
    from derivetex.verify.audit import audit_text
    from derivetex.verify.command import kind_of, read_document

    if isinstance(source, PathLike):
        path: str | None = os.fspath(source)
    elif not isinstance(source, str):
        raise InputError(f"verify() takes a path or the text of a document, not {source!r}")
    elif "\n" not in source and len(source) < 4096 and os.path.isfile(source):
        path = source  # a one-line string naming a file
    else:
        path = None
    text = read_document(path) if path is not None else str(source)
    if kind is None:
        kind = kind_of(path) if path is not None else "md"
    if explain is not None and explain not in ("ja", "en"):
        raise InputError(f"unknown language {explain!r} (use ja or en)")
    return audit_text(text, kind, path or "<string>", explain)


class _CallableVerify(types.ModuleType):
    """``derivetex.verify(path_or_text, kind)`` is the Python API (``audit_document``); this
    package has the same name, and Python binds ``derivetex.verify`` to it on import, so the
    package itself answers the call."""

    def __call__(self, source: str | PathLike[str], kind: str | None = None, *,
                 explain: str | None = None) -> FileReport:
        return audit_document(source, kind, explain=explain)


sys.modules[__name__].__class__ = _CallableVerify

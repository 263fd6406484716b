"""Audit the derivations and numeric claims in a Markdown or LaTeX document.

``audit_text`` checks a string; ``command.run_verify`` is what ``derivetex verify`` calls.
The names are imported on first use (PEP 562): ``derive`` needs only ``verify.report``'s
format names, not the reader and the judge (about 0.1 s).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from derivetex.verify.audit import audit_text
    from derivetex.verify.report import FileReport, Finding

__all__ = ["FileReport", "Finding", "audit_text"]

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


class _CallableVerify(types.ModuleType):
    """``derivetex.verify(path_or_text, kind)`` is the Python API (``api.verify``); this
    package has the same name, and Python binds ``derivetex.verify`` to it on import, so the
    package itself answers the call."""

    def __call__(self, source: Any, kind: str | None = None, *, explain: str | None = None) -> Any:
        from derivetex.api import verify

        return verify(source, kind, explain=explain)


sys.modules[__name__].__class__ = _CallableVerify

"""derivetex: symbolic derivations of ML formulas, every step verified, rendered as LaTeX."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from derivetex.api import Document, derive, listing, series, write
    from derivetex.config import Config, build_config
    from derivetex.engine import Derivation
    from derivetex.errors import DerivetexError
    from derivetex.specs import Spec, load_spec

__all__ = [
    "Config", "Derivation", "DerivetexError", "Document", "Spec", "build_config", "derive",
    "listing", "load_spec", "series", "verify", "write",
]  # fmt: skip

_HOMES = {
    "Document": "derivetex.api",
    "derive": "derivetex.api",
    "write": "derivetex.api",
    "listing": "derivetex.api",
    "series": "derivetex.api",
    "Spec": "derivetex.specs",
    "load_spec": "derivetex.specs",
    "Config": "derivetex.config",
    "build_config": "derivetex.config",
    "Derivation": "derivetex.engine",
    "DerivetexError": "derivetex.errors",
}


def __getattr__(name: str) -> Any:
    """The public API, imported on first use (PEP 562): ``derivetex verify`` starts without
    the engine and the renderers."""
    if name == "verify":  # the package, callable: derivetex.verify(path_or_text, kind)
        return importlib.import_module("derivetex.verify")
    if name not in _HOMES:
        raise AttributeError(f"module 'derivetex' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def load_ipython_extension(ipython: object) -> None:
    """``%load_ext derivetex``: registers the ``%%derivetex`` cell magic (derivetex.notebook)."""
    from derivetex.notebook import load_ipython_extension as load

    load(ipython)

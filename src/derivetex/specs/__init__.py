"""Derivations as data: TOML specs, read (``loader``), named (``reading``), built (``build``).

Nothing is imported here until asked for (PEP 562): ``config`` needs only the names of the
shipped specs, and ``verify`` goes through ``config`` without reading any TOML.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from derivetex.specs.loader import SpecError, load_spec
    from derivetex.specs.schema import Spec

__all__ = ["Spec", "SpecError", "load_spec"]

_HOMES = {
    "Spec": "derivetex.specs.schema",
    "SpecError": "derivetex.specs.loader",
    "load_spec": "derivetex.specs.loader",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'derivetex.specs' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value

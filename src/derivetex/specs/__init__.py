"""Derivations as data: TOML specs, read (``loader``), named (``reading``), built (``build``).

Only the loader is imported here: ``config`` needs to know the shipped specs, and ``build``
needs ``config``.
"""

from derivetex.specs.loader import SpecError, load_spec
from derivetex.specs.schema import Spec

__all__ = ["Spec", "SpecError", "load_spec"]

"""derivetex: symbolic derivations of ML formulas, every step verified, rendered as LaTeX."""

from derivetex.api import Document, derive, listing, series, write
from derivetex.config import Config, build_config
from derivetex.engine import Derivation
from derivetex.errors import DerivetexError
from derivetex.specs import Spec, load_spec

__all__ = [
    "Config", "Derivation", "DerivetexError", "Document", "Spec", "build_config", "derive",
    "listing", "load_spec", "series", "write",
]

"""derivetex: symbolic derivations of ML formulas, every step verified, rendered as LaTeX."""

from derivetex.api import Document, derive, write
from derivetex.config import Config, build_config
from derivetex.engine import Derivation
from derivetex.errors import DerivetexError

__all__ = ["Config", "Derivation", "DerivetexError", "Document", "build_config", "derive", "write"]


def load_ipython_extension(ipython: object) -> None:
    """``%load_ext derivetex``: registers the ``%%derivetex`` cell magic (derivetex.notebook)."""
    from derivetex.notebook import load_ipython_extension as load

    load(ipython)

"""Derivations written in Python. Every shipped derivation now runs from its spec
(``specs/derivations/*.toml``); ``multiclass`` stays here as the reference its spec is tested
against, byte for byte (``tests/specs/test_multiclass_spec.py``)."""

from collections.abc import Callable

from derivetex.config import Config
from derivetex.derivations.multiclass import derive_multiclass
from derivetex.engine import Derivation

DERIVATIONS: dict[str, Callable[[Config], Derivation]] = {"multiclass": derive_multiclass}

__all__ = ["DERIVATIONS"]

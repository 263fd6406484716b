"""One module per derivation; `DERIVATIONS` maps the CLI's name to its builder."""

from collections.abc import Callable

from derivetex.config import Config
from derivetex.derivations.multiclass import derive_multiclass
from derivetex.engine import Derivation

DERIVATIONS: dict[str, Callable[[Config], Derivation]] = {"multiclass": derive_multiclass}

__all__ = ["DERIVATIONS"]

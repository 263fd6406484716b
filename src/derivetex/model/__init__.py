"""The mathematical model: symbols with their assumptions and the likelihood for any K."""

from derivetex.model.logs import LogBase, log_of, log_parts
from derivetex.model.symbols import Symbols, make_symbols

__all__ = ["LogBase", "Symbols", "log_of", "log_parts", "make_symbols"]

"""Reading LaTeX that people write into SymPy: one reader for ``verify`` and specs.

``parse`` gives the first reading; ``read_alternatives`` every plausible one where notation
is ambiguous (``reader.readings`` lists the readings by code)."""

from derivetex.reader.ambiguity import (
    MAX_ALTERNATIVES,
    Alternative,
    Alternatives,
    read_alternatives,
)
from derivetex.reader.parser import Notes, Unreadable, parse

__all__ = [
    "MAX_ALTERNATIVES",
    "Alternative",
    "Alternatives",
    "Notes",
    "Unreadable",
    "parse",
    "read_alternatives",
]

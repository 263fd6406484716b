"""Reading LaTeX that people write into SymPy: one reader for ``verify`` (and, next, specs)."""

from derivetex.reader.parser import Notes, Unreadable, parse

__all__ = ["Notes", "Unreadable", "parse"]

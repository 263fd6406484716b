"""The file types verify reads: one table, the single place a new type is added.

Each suffix names the ``kind`` the document reader takes (``audit_text(text, kind)``) and the
comment styles in which a writer of that kind can silence a finding (``suppressions``):
``html`` is ``<!-- derivetex: ignore -->``, ``percent`` is ``% derivetex: ignore``, ``rst``
is ``.. derivetex: ignore``. Directory walking, ``--stdin-filename`` and the error for an
unsupported file all read ``FILE_TYPES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from derivetex.errors import InputError


@dataclass(frozen=True)
class FileType:
    kind: str
    comments: tuple[str, ...]


SUFFIXES = {
    ".md": "md", ".markdown": "md", ".qmd": "qmd", ".rmd": "rmd", ".mdx": "mdx",
    ".ipynb": "ipynb", ".tex": "tex", ".rst": "rst",
}  # fmt: skip
"""Suffix (lower case) -> the kind of document the reader takes."""
COMMENTS = {
    "md": ("html", "percent"), "tex": ("percent",), "rst": ("rst",),
    "ipynb": ("html", "percent"), "qmd": ("html", "percent"), "rmd": ("html", "percent"),
    "mdx": ("jsx", "html", "percent"),
}  # fmt: skip
"""Kind -> the comment styles of its suppressions (``%`` also inside Markdown math; MDX has
no HTML comments of its own, ``{/* … */}``; a notebook's markdown cells are Markdown)."""
FILE_TYPES = {suffix: FileType(kind, COMMENTS[kind]) for suffix, kind in SUFFIXES.items()}
"""Suffix -> what reads it and how it comments: everything else reads this table."""


def file_type(path: str) -> FileType | None:
    """The type of ``path`` by its suffix (any case), or None when verify does not read it."""
    return FILE_TYPES.get(Path(path).suffix.lower())


def kind_of(path: str) -> str:
    """The reader kind of ``path``; an unsupported suffix is bad input."""
    found = file_type(path)
    if found is None:
        expected = ", ".join(FILE_TYPES)
        raise InputError(f"cannot read {path!r}: unsupported extension (expected {expected})")
    return found.kind

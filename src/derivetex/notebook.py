"""The ``%%derivetex`` cell magic: a post's block, derived and verified, shown in a notebook.

``%load_ext derivetex`` registers it. The cell holds what a ``derivetex`` block of a post
holds (the options of ``derive``); the magic returns the Document, which the notebook shows
as Markdown, LaTeX or HTML (``Document._repr_*_``). Bad input is IPython's one-line
UsageError, not a traceback. IPython is imported only here, and only by IPython itself.
"""

from __future__ import annotations

from typing import Any

from derivetex.api import Document, derive
from derivetex.config import build_config
from derivetex.errors import DerivetexError
from derivetex.posts.blocks import block_options


def derivetex_cell(line: str, cell: str) -> Document:
    """Derive the cell's block; the line after ``%%derivetex`` takes no options."""
    from IPython.core.error import UsageError

    if line.strip():
        raise UsageError(f"%%derivetex takes no options on its line, got {line.strip()!r}: "
                         "put the options of derive in the cell")
    try:
        return derive(build_config(**block_options(cell, "%%derivetex cell")))
    except DerivetexError as error:
        raise UsageError(str(error)) from None


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magic_function(derivetex_cell, magic_kind="cell", magic_name="derivetex")

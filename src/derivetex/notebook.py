"""The ``%%derivetex`` cell magic: a post's block, derived and verified, shown in a notebook.

``%load_ext derivetex`` registers it. The cell holds what a ``derivetex`` block of a post
holds (the options of ``derive``); the magic returns the Document, which the notebook shows
as Markdown, LaTeX or HTML (``Document._repr_*_``). Anything that goes wrong -- bad input,
a budget, or an exception of SymPy's (a RecursionError, an IndexException) -- is IPython's
one-line UsageError, never a traceback. The derivation has the time budget of the command
line (``derivetex.budget.WORK_SECONDS``, by SIGALRM); it runs in the kernel, whose memory is
the notebook's, so its memory is bounded by the spec's own limits (rows, sizes, the size of
exact values: ``specs.magnitudes``), not by a worker's cap. IPython is imported only here,
and only by IPython itself.
"""

from __future__ import annotations

from typing import Any

from derivetex.api import Document, derive
from derivetex.budget import WORK_SECONDS, within_budget
from derivetex.config import build_config
from derivetex.errors import DerivetexError
from derivetex.posts.blocks import block_options

CELL = "%%derivetex cell"


def derivetex_cell(line: str, cell: str) -> Document:
    """Derive the cell's block; the line after ``%%derivetex`` takes no options."""
    from IPython.core.error import UsageError

    if line.strip():
        raise UsageError(f"%%derivetex takes no options on its line, got {line.strip()!r}: "
                         "put the options of derive in the cell")
    try:
        return within_budget(lambda: derive(build_config(**block_options(cell, CELL))),
                             seconds=WORK_SECONDS)
    except DerivetexError as error:
        raise UsageError(str(error)) from None
    except Exception as error:  # SymPy's own, a RecursionError: still one line
        raise UsageError(f"{CELL}: internal error: {type(error).__name__}: "
                         f"{str(error)[:300]}") from None


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magic_function(derivetex_cell, magic_kind="cell", magic_name="derivetex")

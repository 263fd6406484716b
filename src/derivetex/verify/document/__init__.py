"""Find the math in each format a writer uses, with its lines: the first stage of verify.

``read(text, kind)`` returns a ``Document``: its math blocks in source order (each with its
line, whether it is displayed, and its section), the text its readers read (for conventions
that hold document-wide) and, for a notebook, where each cell starts. Formats:

- Markdown (``md``) and the dialects that are Markdown with their own fences and front matter:
  Quarto (``qmd``), R Markdown (``rmd``), MDX (``mdx``) -- ``markdown``, ``dialects``,
  ``delimiters`` (the platforms' math delimiters);
- LaTeX (``tex``) -- ``latex``;
- Jupyter notebooks (``ipynb``, the markdown cells) -- ``notebook``;
- reStructuredText with Sphinx math (``rst``) -- ``rst``.

Every reader sees the text with one kind of line ending (a lone CR, CRLF and LF each end one
line) and the macros the document (or a ``--preamble``) defines expanded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from derivetex.errors import InputError
from derivetex.verify.document import macros
from derivetex.verify.document.blocks import MathBlock, ascii_math, one_newline
from derivetex.verify.document.generated import in_own_notation
from derivetex.verify.document.macros import Macro
from derivetex.verify.document.notebook import Cells
from derivetex.verify.document.preamble import load_preamble

if TYPE_CHECKING:
    from derivetex.verify.report import Finding

__all__ = [
    "KINDS", "Document", "Macro", "MathBlock", "find_blocks", "load_preamble",
    "read", "readable",
]  # fmt: skip

KINDS = ("md", "tex", "ipynb", "qmd", "rmd", "mdx", "rst")


@dataclass(frozen=True)
class Document:
    """A document's math blocks, the text its readers read, and (a notebook) its cells."""

    blocks: tuple[MathBlock, ...]
    text: str
    cells: Cells = field(default_factory=Cells)

    def placed(self, finding: Finding) -> Finding:
        """``finding`` with its line as the writer's editor shows it: in a notebook, the cell
        and the line within it."""
        cell, line = self.cells.place(finding.line)
        if cell is None:
            return finding
        return replace(finding, cell=cell, line=line)


def read(
    text: str, kind: str, path: str = "<string>", known: Mapping[str, Macro] | None = None
) -> Document:
    """The ``Document`` of ``text``, a document of ``kind``; ``known`` are a preamble's macros."""
    text = one_newline(text)
    if kind == "ipynb":
        from derivetex.verify.document.notebook import notebook_blocks

        found, cells, prose = notebook_blocks(text, path, known)
        return Document(tuple(ascii_math(b) for b in found), prose, cells)
    expanded = macros.expand(text, known)
    if kind in ("md", "qmd", "rmd", "mdx"):
        from derivetex.verify.document.markdown import markdown_blocks

        found = in_own_notation(markdown_blocks(expanded, kind), expanded)
    elif kind == "tex":
        from derivetex.verify.document.latex import latex_blocks

        found = latex_blocks(expanded)
    elif kind == "rst":
        from derivetex.verify.document.rst import rst_blocks

        found = rst_blocks(expanded)
    else:
        raise InputError(f"unknown document kind {kind!r}: expected one of {', '.join(KINDS)}")
    return Document(tuple(ascii_math(b) for b in found), text)


def find_blocks(text: str, kind: str) -> list[MathBlock]:
    """Every math block of a document of ``kind``, in source order, macros expanded."""
    return list(read(text, kind).blocks)


def readable(text: str, kind: str, path: str) -> None:
    """Refuse, before any audit, a document its kind cannot be read from (a notebook that is
    not one): one InputError line naming the file."""
    if kind == "ipynb":
        from derivetex.verify.document.notebook import markdown_cells

        markdown_cells(one_newline(text), path)

"""Find the math of a Jupyter notebook: its markdown cells, read as Markdown, with ``nbformat``.

Code cells (and raw cells) are left alone: they are programs, and their outputs are not the
writer's claims. The markdown cells are numbered into one sequence of lines, each cell after a
gap, so the audit sees one document (a cell's definitions hold in the next, as in the
notebook); ``Cells.place`` turns such a line back into ``(cell, line)``, the cell counted among
all cells from 1 as ruff and Jupyter show it.
"""

from __future__ import annotations

import bisect
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, replace

from derivetex.errors import InputError
from derivetex.verify.document.blocks import MathBlock, one_newline, with_parents
from derivetex.verify.document.macros import Macro, definitions, expand
from derivetex.verify.document.markdown import markdown_sections


@dataclass(frozen=True)
class Cells:
    """Where each markdown cell starts in the joined numbering: ``starts[i]`` is the joined
    line of the first line of cell ``numbers[i]``."""

    starts: tuple[int, ...] = ()
    numbers: tuple[int, ...] = ()

    def place(self, line: int) -> tuple[int | None, int]:
        """``(cell, line in the cell)`` of a joined ``line`` (no cells: ``(None, line)``)."""
        if not self.starts:
            return None, line
        index = max(bisect.bisect_right(self.starts, line) - 1, 0)
        return self.numbers[index], line - self.starts[index] + 1


def markdown_cells(text: str, path: str = "<notebook>") -> list[tuple[int, str]]:
    """(cell number, source) of every markdown cell; InputError if ``text`` is no notebook."""
    import nbformat  # only for notebooks: it costs a Markdown run its import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(text, as_version=4)
        cells = list(notebook.cells)
    except Exception as error:  # nbformat raises JSON, validation and version errors alike
        reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise InputError(f"cannot read {path!r}: not a Jupyter notebook ({reason})") from None
    return [
        (number, one_newline(str(cell.get("source", ""))))
        for number, cell in enumerate(cells, start=1)
        if cell.get("cell_type") == "markdown"
    ]


def notebook_blocks(
    text: str, path: str = "<notebook>", known: Mapping[str, Macro] | None = None
) -> tuple[list[MathBlock], Cells, str]:
    """The math of every markdown cell (lines joined), where the cells start, and the cells'
    text joined (what the notebook's readers read, for the document-wide conventions). A macro
    one cell defines (MathJax's ``$\\newcommand…$``) holds in every cell, as ``known`` ones do."""
    cells = markdown_cells(text, path)
    known = {**(known or {}), **definitions("\n".join(source for _, source in cells))[0]}
    blocks: list[MathBlock] = []
    levels: list[int] = []
    starts: list[int] = []
    numbers: list[int] = []
    sources: list[str] = []
    start = 1
    for number, source in cells:
        cell_blocks, cell_levels = markdown_sections(expand(source, known))
        shift = len(levels)
        blocks += [
            replace(b, line=b.line + start - 1, section=b.section + shift)
            for b in cell_blocks
        ]
        levels += cell_levels
        starts.append(start)
        numbers.append(number)
        sources.append(source)
        start += source.count("\n") + 2  # a blank line between cells
    return with_parents(blocks, levels), Cells(tuple(starts), tuple(numbers)), "\n\n".join(sources)

"""Developer tools around a PDF: its first page as a PNG, its text (pdftoppm, pdftotext).

The LuaLaTeX run itself is the product's (``--format pdf``) and lives in ``render.pdf``;
``compile_pdf`` and ``LatexError`` are named here too for the tests and tools that build a
PDF. The first luatexja run on a fresh machine builds the font cache and can take a minute;
later runs take a few seconds.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from derivetex.errors import DerivetexError
from derivetex.render.pdf import LatexError, compile_pdf, first_error_line
from derivetex.tools.images import is_blank_png
from derivetex.tools.requirements import find_tool

__all__ = [
    "LatexError", "compile_pdf", "first_error_line", "is_blank_png", "pdf_first_page_png",
    "pdf_text",
]


def pdf_first_page_png(pdf: Path, out_png: Path, dpi: int = 100, timeout: float = 60.0) -> Path:
    """Render page 1 of ``pdf`` to ``out_png`` with pdftoppm and return ``out_png``."""
    pdftoppm = find_tool("pdftoppm")
    if out_png.suffix != ".png":
        raise DerivetexError(f"{out_png}: the output name must end in .png")
    out_png.parent.mkdir(parents=True, exist_ok=True)
    stem = out_png.with_suffix("")
    command = [pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf)]
    try:
        proc = subprocess.run([*command, str(stem)], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise DerivetexError(f"pdftoppm did not finish within {timeout:.0f} s") from None
    if proc.returncode != 0 or not out_png.is_file():
        raise DerivetexError(f"pdftoppm failed on {pdf}: {proc.stderr.decode(errors='replace')}")
    return out_png


def pdf_text(pdf: Path, timeout: float = 60.0) -> str:
    """The text of every page (``pdftotext -layout``): what a reader of the PDF can find."""
    pdftotext = find_tool("pdftotext")
    try:
        proc = subprocess.run(
            [pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise DerivetexError(f"pdftotext did not finish within {timeout:.0f} s") from None
    if proc.returncode != 0:
        raise DerivetexError(f"pdftotext failed on {pdf}: {proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8", errors="replace")

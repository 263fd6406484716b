"""Regenerate output/: the article's example in every format, both languages, plus PNG previews.

    python -m derivetex.tools.regenerate [--output DIR]

Writes ``multiclass.{ja,en}.{md,tex,json,pdf,html,png}`` (the PNG is the PDF's first page) and
nothing else. The result is deterministic: text formats are pure functions of the code, and the
PDF is reproducible (``render/pdf.py``). ``tests/render/test_output_fresh.py`` fails when the
committed output/ differs from what this writes (docs/renderers.md, "output/").
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from derivetex.api import derive, write
from derivetex.config import FORMATS, LANGUAGES
from derivetex.errors import DerivetexError
from derivetex.tools.lualatex import pdf_first_page_png

#: The checkout's output/ folder.
OUTPUT_DIR = Path(__file__).resolve().parents[3] / "output"
PREVIEW_DPI = 100


def expected_names() -> list[str]:
    """Every file output/ holds: each format and a PNG preview, for each language."""
    return sorted(
        f"multiclass.{lang}.{ext}" for lang in LANGUAGES for ext in (*FORMATS, "png")
    )


def regenerate(directory: Path) -> list[Path]:
    """Write the article's example in every format and language into ``directory``."""
    written: list[Path] = []
    for lang in LANGUAGES:
        document = derive(lang=lang, formats=list(FORMATS), output=str(directory))
        written += write(document.config)
        written.append(_preview(directory / document.file_name("pdf")))
    return written


def _preview(pdf: Path) -> Path:
    """The first page of ``pdf`` as ``<name>.png`` beside it, replaced in one rename."""
    target = pdf.with_suffix(".png")
    with tempfile.TemporaryDirectory(prefix="derivetex-png-", dir=pdf.parent) as tmp:
        png = pdf_first_page_png(pdf, Path(tmp) / target.name, dpi=PREVIEW_DPI)
        os.replace(png, target)
    os.chmod(target, 0o644)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m derivetex.tools.regenerate",
                                     description="Regenerate output/ (all formats, ja and en).")
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR, metavar="DIR")
    args = parser.parse_args(argv)
    try:
        for path in regenerate(args.output):
            sys.stderr.write(f"wrote {path}\n")
    except DerivetexError as error:
        sys.stderr.write(f"regenerate: error: {error}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

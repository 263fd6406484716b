"""output/ is what `python -m derivetex.tools.regenerate` writes now (docs/renderers.md).

md, tex, json and html must match byte for byte. A PDF must have been built from the current
tex: its trailer /ID is the hash of the tex it was compiled from, and its text (pdftotext)
equals a fresh build's. A PNG must be the first page of the committed PDF (samples compared
with a small tolerance for another poppler's anti-aliasing). PDF and PNG bytes are not
compared: they depend on the TeX and poppler installation, not only on derivetex.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivetex.render.pdf import pdf_source_id, tex_source_id
from derivetex.tools.images import read_png
from derivetex.tools.lualatex import pdf_first_page_png, pdf_text
from derivetex.tools.regenerate import OUTPUT_DIR, expected_names, regenerate
from derivetex.tools.requirements import require_tool

REGENERATE = "python -m derivetex.tools.regenerate"
STALE = f"output/ is stale: run `{REGENERATE}` and commit output/"
EXACT = [n for n in expected_names() if n.rsplit(".", 1)[1] in {"md", "tex", "json", "html"}]
PDFS = [name for name in expected_names() if name.endswith(".pdf")]
MAX_DIFFERENT_SAMPLES = 0.005


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    for tool in ("lualatex", "pdftoppm", "pdftotext"):
        require_tool(tool)
    directory = tmp_path_factory.mktemp("output")
    regenerate(directory)
    return directory


def test_output_holds_exactly_the_expected_files(fresh):
    assert sorted(p.name for p in fresh.iterdir()) == expected_names()
    assert sorted(p.name for p in OUTPUT_DIR.iterdir()) == expected_names(), STALE


@pytest.mark.parametrize("name", EXACT)
def test_text_formats_match_byte_for_byte(fresh, name):
    assert (OUTPUT_DIR / name).read_bytes() == (fresh / name).read_bytes(), STALE


@pytest.mark.parametrize("name", PDFS)
def test_pdf_was_built_from_the_current_tex(fresh, name):
    committed = OUTPUT_DIR / name
    tex = (fresh / name).with_suffix(".tex").read_text(encoding="utf-8")
    assert pdf_source_id(committed.read_bytes()) == tex_source_id(tex), STALE
    assert pdf_text(committed) == pdf_text(fresh / name), STALE


@pytest.mark.parametrize("name", PDFS)
def test_png_is_the_first_page_of_the_pdf(name, tmp_path):
    require_tool("pdftoppm")
    committed = read_png((OUTPUT_DIR / name).with_suffix(".png"))
    page = read_png(pdf_first_page_png(OUTPUT_DIR / name, tmp_path / "page.png", dpi=100))
    assert (committed.width, committed.height) == (page.width, page.height), STALE
    differing = sum(
        a != b
        for row_a, row_b in zip(committed.rows, page.rows, strict=True)
        for a, b in zip(row_a, row_b, strict=True)
    )
    assert differing <= MAX_DIFFERENT_SAMPLES * page.width * page.height * page.channels, STALE

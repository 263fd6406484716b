"""The `tex` output compiles with LuaLaTeX (luatexja), its first page has ink, and a reader of
the PDF finds the article's words and numbers; `--format pdf` does the same through the CLI.

Each document is compiled once per module (compiling costs about a second).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.render.variants import HOSTILE_LABELS, document, hostile_document

from derivetex.render.pdf import compile_tex, pdf_source_id, tex_source_id
from derivetex.tools.lualatex import is_blank_png, pdf_first_page_png, pdf_text
from derivetex.tools.requirements import APT_TEX, require_tool

KEY_TEXT = {
    "ja": ["多値分類の交差エントロピー", "対数の公式①", "対数の公式②", "イヌ", "1.108663", "(5.2)"],
    "en": ["Multiclass cross-entropy", "log rule ①", "wolf", "1.108663", "(5.2)"],
}
DERIVETEX = [sys.executable, "-m", "derivetex.cli"]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """lang or "hostile-<lang>" -> (PDF path, its text)."""
    require_tool("lualatex")
    require_tool("pdftotext")
    docs = {lang: document(lang, "article") for lang in KEY_TEXT}
    docs.update({f"hostile-{lang}": hostile_document(lang) for lang in KEY_TEXT})
    out = {}
    for name, doc in docs.items():
        pdf = tmp_path_factory.mktemp(name) / "document.pdf"
        pdf.write_bytes(compile_tex(doc.to_latex()))
        out[name] = (pdf, pdf_text(pdf))
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_first_page_is_not_blank(compiled, lang, tmp_path):
    require_tool("pdftoppm")
    png = pdf_first_page_png(compiled[lang][0], tmp_path / "page1.png", dpi=60)
    assert not is_blank_png(png)


def _word_boxes(pdf: Path, page: int) -> list[tuple[float, float]]:
    """(top, bottom) in pt from the page's top of every word on ``page``, by pdftotext -bbox,
    lowest last."""
    proc = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                          capture_output=True, text=True, timeout=60, check=True)
    boxes = re.findall(r'<word [^>]*yMin="([0-9.]+)"[^>]*yMax="([0-9.]+)"', proc.stdout)
    return sorted(((float(top), float(bottom)) for top, bottom in boxes), key=lambda b: b[1])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_page_one_is_filled_to_its_foot(compiled, lang):
    """A block that does not fit starts page 2 without leaving page 1's foot blank: the last
    line of text sits just above the page number (13-15 pt; before \\flushbottom the English
    page 1 ended 54 pt above it, the table having moved on)."""
    *text, folio = _word_boxes(compiled[lang][0], 1)
    assert folio[0] - text[-1][1] < 30


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_pdf_shows_the_article_words_and_numbers(compiled, lang):
    text = compiled[lang][1]
    missing = [word for word in KEY_TEXT[lang] if word not in text]
    assert missing == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_hostile_labels_are_printed_literally(compiled, lang):
    text = compiled[f"hostile-{lang}"][1]
    for label in HOSTILE_LABELS:
        assert label in text, f"{label!r} was not printed as typed"
    assert "root:" not in text  # \input{/etc/passwd} stayed text


def test_pdf_names_the_tex_it_was_built_from(compiled):
    tex = document("ja", "article").to_latex()
    assert pdf_source_id(compiled["ja"][0].read_bytes()) == tex_source_id(tex)
    assert tex_source_id(tex) != tex_source_id(tex + " ")


def test_cli_format_pdf_writes_the_pdf(tmp_path):
    require_tool("lualatex")
    require_tool("pdftotext")
    proc = subprocess.run(
        [*DERIVETEX, "derive", "--lang", "en", "--format", "pdf", "-o", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (pdf,) = tmp_path.iterdir()
    assert pdf.name == "multiclass.en.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "1.108663" in pdf_text(pdf)


def test_cli_without_lualatex_names_the_packages_and_writes_nothing(tmp_path):
    """No lualatex on PATH: one line on stderr, exit 2, not even the md that came first."""
    env = {**os.environ, "PATH": str(tmp_path / "empty-bin")}
    out = tmp_path / "out"
    proc = subprocess.run(
        [*DERIVETEX, "derive", "--format", "md", "pdf", "-o", str(out)],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert APT_TEX in proc.stderr
    assert not out.exists()

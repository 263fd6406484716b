"""`--format html` and `_repr_html_`: self-contained pages that render offline in Chromium.

Chromium runs with every network request failing (``derivetex.tools.browser``); the math must
render with no KaTeX error node and as many formulas as the Markdown output has. Screenshots
are kept in tests/artifacts/ for a human to look at.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.render.variants import HOSTILE_LABELS, LANGS, document, hostile_document

from derivetex.tools.browser import (
    count_math_nodes,
    dump_dom,
    math_errors_in_dom,
    network_references,
    screenshot_html,
)
from derivetex.tools.images import is_blank_png
from derivetex.tools.mathcheck import math_blocks_from_markdown
from derivetex.tools.requirements import RENDERERS_DIR, require_tool

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
DERIVETEX = [sys.executable, "-m", "derivetex.cli"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """lang -> the page `derivetex derive --format html` wrote."""
    out = tmp_path_factory.mktemp("html")
    for lang in LANGS:
        proc = subprocess.run(
            [*DERIVETEX, "derive", "--lang", lang, "--format", "html", "-o", str(out)],
            capture_output=True, text=True, timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
    return {lang: out / f"multiclass.{lang}.html" for lang in LANGS}


def _formulas_in_markdown(doc) -> int:
    return len(math_blocks_from_markdown(doc.to_markdown()))


@pytest.mark.parametrize("lang", LANGS)
def test_page_renders_every_formula_offline(pages, lang):
    require_tool("chromium")
    dom = dump_dom(pages[lang])
    assert math_errors_in_dom(dom) == []
    assert count_math_nodes(dom) == _formulas_in_markdown(document(lang, "article"))


@pytest.mark.parametrize("lang", LANGS)
def test_screenshot_shows_the_page(pages, lang, tmp_path):
    require_tool("chromium")
    png = screenshot_html(pages[lang], tmp_path / "page.png", window=(1000, 2400))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(png, ARTIFACTS / f"render-html-{lang}.png")
    assert not is_blank_png(png)


@pytest.mark.parametrize("lang", LANGS)
def test_page_needs_no_network(pages, lang):
    page = pages[lang].read_text(encoding="utf-8")
    assert network_references(page) == []
    assert "<link" not in page
    assert page.startswith("<!DOCTYPE html>")


def test_the_network_check_can_fail():
    page = '<script src="https://cdn.jsdelivr.net/npm/katex/dist/katex.min.js"></script>'
    assert network_references(page) == ['src="https://']


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_labels_stay_text(lang, tmp_path):
    doc = hostile_document(lang)
    page = doc.render("html")
    assert isinstance(page, str)
    tags = _Tags()
    tags.feed(page)
    assert tags.scripts == 2  # the vendored KaTeX and the loop that calls katex.render
    text = "".join(tags.text)
    for label in HOSTILE_LABELS:
        assert label in text
    assert "<td>49</td>" not in page  # no template evaluated 7*7
    require_tool("chromium")
    path = tmp_path / "hostile.html"
    path.write_text(page, encoding="utf-8")
    dom = dump_dom(path)
    assert math_errors_in_dom(dom) == []
    assert count_math_nodes(dom) == _formulas_in_markdown(doc)


#: The typesetter of a Jupyter front end, as JupyterLab configures MathJax 3 for outputs.
JUPYTER_MATHJAX = """<script>window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']],
  displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']], processEscapes: true}};</script>
<script src="MODULES/mathjax-full/es5/tex-chtml.js"></script>"""


@pytest.mark.parametrize("lang", LANGS)
def test_jupyter_html_fragment_is_typeset_by_the_front_ends_mathjax(lang, tmp_path):
    """The notebook's HTML carries no KaTeX (a cell stays small); the front end's MathJax
    finds every formula of the Markdown output in it and renders each without error."""
    doc = document(lang, "article")
    fragment = doc._repr_html_()
    assert fragment.startswith('<div class="derivetex"')
    assert "<html" not in fragment and "<script" not in fragment and "@font-face" not in fragment
    assert len(fragment.encode("utf-8")) < 20_000
    assert network_references(fragment) == []
    require_tool("chromium")
    modules = (RENDERERS_DIR / "node_modules").resolve().as_uri()
    path = tmp_path / "notebook.html"
    path.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
        f"<body><p>cell output:</p>{fragment}{JUPYTER_MATHJAX.replace('MODULES', modules)}"
        "</body></html>",
        encoding="utf-8",
    )
    dom = dump_dom(path, budget_ms=10000)
    assert math_errors_in_dom(dom) == []
    assert dom.count("<mjx-container") == _formulas_in_markdown(doc)
    png = screenshot_html(path, tmp_path / "notebook.png")
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(png, ARTIFACTS / f"render-jupyter-{lang}.png")

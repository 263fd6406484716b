"""--highlight under every flavor and in the series: the marked Markdown of each flavor gives
its platform the formulas of the marked KaTeX form, each rendering in KaTeX (strict) and
MathJax 3; the marked series compiles in LuaLaTeX and un-marks to the plain series' tex; the
marked HTML renders in Chromium with the marks' colours in the page (page numbers and the
sizes of stretched brackets aside, the marked PDF holds the plain one's letters)."""

from __future__ import annotations

from functools import cache

import pytest
from tests.render.test_highlight import MARK, unmarked

import derivetex
from derivetex.api import series_parts
from derivetex.render.highlight import PALETTE, TEX_PREAMBLE
from derivetex.render.series import render_series
from derivetex.tools.browser import dump_dom, math_errors_in_dom
from derivetex.tools.flavorcheck import flavor_math
from derivetex.tools.lualatex import pdf_text
from derivetex.tools.mathcheck import check_math, math_blocks_from_markdown
from derivetex.tools.requirements import require_tool

FLAVORED = ("qiita", "github")
NAMES = ("multiclass", "sigmoid-derivative", "cross-entropy-kl", "gaussian-kl")
"""The article layout, calculus with a fill, a KL sum, the Gaussian KL (indexed names)."""
CASES = [(name, lang) for name in NAMES for lang in ("ja", "en")]
IDS = [f"{name}-{lang}" for name, lang in CASES]


@cache
def markdown(name: str, lang: str, flavor: str, highlight: bool = True) -> str:
    return derivetex.derive(derivation=name, lang=lang, highlight=highlight,
                            flavor=flavor).to_markdown()


def formulas(blocks) -> list[tuple[str, bool]]:
    return [(b.tex, b.display) for b in blocks]


@pytest.mark.parametrize("flavor", FLAVORED)
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_flavor_finds_the_marked_formulas_and_un_marks(case, flavor):
    marked = markdown(*case, flavor)
    katex = markdown(*case, "katex")
    assert marked != katex and MARK.search(marked)
    expected = formulas(math_blocks_from_markdown(katex))
    found = formulas(flavor_math(marked, flavor))
    assert found == expected
    assert any(MARK.search(tex) for tex, _ in found), "the platform would see no mark"
    assert unmarked(marked) == markdown(*case, flavor, False)


@pytest.fixture(scope="module")
def verdicts():
    """Every formula of every flavored, marked document as its platform finds it, in one
    gate run (KaTeX strict and MathJax 3)."""
    require_tool("renderers")
    found = {(case, flavor): flavor_math(markdown(*case, flavor), flavor, f"{case} {flavor} ")
             for case in CASES for flavor in FLAVORED}
    blocks = [b for doc in found.values() for b in doc]
    blocks = [type(b)(f"{i} {b.id}", b.tex, b.display) for i, b in enumerate(blocks)]
    results = check_math(blocks)
    by_doc, start = {}, 0
    for key, doc in found.items():
        by_doc[key] = results[start:start + len(doc)]
        start += len(doc)
    return by_doc


@pytest.mark.parametrize("flavor", FLAVORED)
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_marked_flavored_formulas_render_in_katex_strict_and_mathjax(verdicts, case, flavor):
    results = verdicts[case, flavor]
    assert len(results) >= 3
    assert [r.describe() for r in results if not r.ok] == []


@pytest.mark.parametrize("case", [("multiclass", "ja"), ("gaussian-kl", "en"),
                                  ("sigmoid-derivative", "en")],
                         ids=["multiclass-ja", "gaussian-kl-en", "sigmoid-en"])
def test_marked_html_renders_in_chromium_with_its_colours(case, tmp_path):
    require_tool("chromium")
    page = tmp_path / "page.html"
    page.write_text(str(derivetex.derive(derivation=case[0], lang=case[1], highlight=True)
                        .render("html")), encoding="utf-8")
    dom = dump_dom(page)
    assert math_errors_in_dom(dom) == []
    assert dom.count('class="katex"') >= 3
    assert any(_rgb(hex) in dom or f"#{hex}".lower() in dom.lower()
               for hex in PALETTE.values()), "no mark's colour in the rendered page"


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"


@cache
def series_tex(highlight: bool) -> str:
    return str(render_series(series_parts("en", highlight=highlight), "en", "tex"))


def test_the_marked_series_un_marks_to_the_plain_series():
    marked, plain = series_tex(True), series_tex(False)
    assert TEX_PREAMBLE in marked and TEX_PREAMBLE not in plain
    assert len(MARK.findall(marked)) >= 50
    assert unmarked(marked.replace(TEX_PREAMBLE, "")) == plain


def test_the_marked_series_compiles_in_lualatex_with_the_plain_glyphs(tmp_path):
    require_tool("lualatex")
    require_tool("pdftotext")
    glyphs = []
    for highlight in (True, False):  # colour and underlines add no letter (taller rows
        pdf = tmp_path / f"series-{highlight}.pdf"
        pdf.write_bytes(render_series(series_parts("en", highlight=highlight), "en", "pdf"))
        text = pdf_text(pdf)
        assert "??" not in text  # every \eqref resolved
        # move page breaks, so page numbers differ: 32 pages against 31; they also stretch
        # some \left( from pieces, which pdftotext shows as glyphs of their own)
        glyphs.append(sorted(ch for ch in text if ch.isalpha()))
    assert glyphs[0] == glyphs[1]
    assert len(glyphs[0]) > 5000


def test_the_marked_series_html_renders_in_chromium(tmp_path):
    require_tool("chromium")
    page = tmp_path / "series.html"
    page.write_text(str(render_series(series_parts("en", highlight=True), "en", "html")),
                    encoding="utf-8")
    dom = dump_dom(page)
    assert math_errors_in_dom(dom) == []
    assert any(_rgb(hex) in dom for hex in PALETTE.values())

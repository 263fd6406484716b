"""`derivetex series`: every part in order, each a section numbered on its own, cross-references
that resolve in every format, real renderers only, and the output passes its own verify."""

from __future__ import annotations

import re
from functools import cache

import pytest

from derivetex.api import SERIES_FORMATS, series_parts
from derivetex.cli import main
from derivetex.config import DERIVATIONS
from derivetex.render.series import render_series
from derivetex.tools.browser import dump_dom, math_errors_in_dom
from derivetex.tools.lualatex import pdf_text
from derivetex.tools.mathcheck import check_math, math_blocks_from_markdown
from derivetex.tools.requirements import require_tool
from derivetex.verify import audit_text

LANGS = ("ja", "en")


@cache
def parts(lang: str):
    return series_parts(lang)


@cache
def rendered(lang: str, fmt: str) -> str | bytes:
    return render_series(parts(lang), lang, fmt)


@pytest.mark.parametrize("lang", LANGS)
def test_every_derivation_is_a_part_numbered_on_its_own(lang):
    names = [derivation.name for derivation, _ in parts(lang)]
    assert names == list(DERIVATIONS)
    md = str(rendered(lang, "md"))
    for number in range(1, len(names) + 1):
        assert f"\n## {number}. " in md and f"\\tag{{{number}.1}}" in md
    assert "\\tag{5.1}" not in md.split("\n## 5. ")[0]  # the article's own numbering is gone


@pytest.mark.parametrize("lang", LANGS)
def test_links_in_markdown_and_html_have_their_targets(lang):
    md, page = str(rendered(lang, "md")), str(rendered(lang, "html"))
    md_targets = set(re.findall(r'<a id="([^"]+)"></a>', md))
    assert set(re.findall(r"\]\(#([^)]+)\)", md)) <= md_targets
    assert "eq-binary-cross_entropy" in md_targets
    page_targets = set(re.findall(r' id="([^"]+)"', page))
    assert set(re.findall(r'href="#([^"]+)"', page)) <= page_targets
    assert '<a href="#eq-softmax-gradient-softmax_derivative">(5.1)</a>' in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_resolves_its_cross_references(lang, tmp_path):
    require_tool("lualatex")
    require_tool("pdftotext")
    pdf = tmp_path / "series.pdf"
    pdf.write_bytes(rendered(lang, "pdf"))  # type: ignore[arg-type]
    text = pdf_text(pdf)
    assert "??" not in text
    assert "(3.2)" in text and "(5.1)" in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_formula_renders_in_katex_and_mathjax(lang):
    require_tool("renderers")
    blocks = math_blocks_from_markdown(str(rendered(lang, "md")), f"series-{lang} ")
    assert [r.describe() for r in check_math(blocks) if not r.ok] == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_renders_offline_in_chromium(lang, tmp_path):
    require_tool("chromium")
    page = tmp_path / "series.html"
    page.write_text(str(rendered(lang, "html")), encoding="utf-8")
    assert math_errors_in_dom(dump_dom(page)) == []


@pytest.mark.parametrize("fmt", ["md", "tex"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_series_verifies_clean(lang, fmt):
    summary = audit_text(str(rendered(lang, fmt)), fmt).summary()
    # no error; the catalog's second part leaves some rows unchecked (tests/specs/
    # test_spec_own_output.py: CATALOG_READ_IN_PART), the first part none
    assert summary["error"] == 0, summary
    assert summary["ok"] >= 100


def test_the_cli_writes_the_series_and_refuses_json(tmp_path, capsys):
    """The command end to end, once (it derives every part): json refused, md written, and
    --flavor gives exactly the flavored form of what render_series gives."""
    from derivetex.render.flavors import apply_flavor

    assert SERIES_FORMATS == ("md", "tex", "pdf", "html")
    assert main(["series", "--format", "json", "-o", str(tmp_path / "o")]) == 2
    assert "series writes md, tex, pdf, html, not 'json'" in capsys.readouterr().err
    assert main(["series", "--lang", "en", "--format", "md", "--flavor", "qiita",
                 "-o", str(tmp_path / "o")]) == 0
    written = (tmp_path / "o" / "series.en.md").read_text(encoding="utf-8")
    assert written.startswith("# ")
    assert written == apply_flavor(str(rendered("en", "md")), "qiita")


@pytest.mark.parametrize("flavor", ["mathjax", "qiita", "github"])
def test_each_flavor_of_the_series_gives_its_platform_the_same_formulas(flavor):
    """`series --flavor`: the platform finds exactly the formulas of the KaTeX form (MathJax's
    own FindTeX for mathjax, run in Node), and they render in KaTeX and MathJax."""
    if flavor == "mathjax":
        require_tool("renderers")
    from derivetex.render.flavors import apply_flavor
    from derivetex.tools.flavorcheck import flavor_math

    katex = str(rendered("en", "md"))
    expected = [(b.tex, b.display) for b in math_blocks_from_markdown(katex)]
    written = apply_flavor(katex, flavor)
    assert written != katex
    found = flavor_math(written, flavor)
    assert [(b.tex, b.display) for b in found] == expected
    require_tool("renderers")
    assert not [r for r in check_math(found) if not r.ok]

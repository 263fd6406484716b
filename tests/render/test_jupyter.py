"""What Jupyter/IPython shows for `derivetex.derive(...)`: Markdown, LaTeX and HTML reprs.

The HTML repr is rendered in Chromium in test_html.py; here: the right kind of string, and
the LaTeX repr's formulas pass the same render gate as the Markdown.
"""

from __future__ import annotations

import re

import IPython.lib.pretty
import pytest
from tests.render.variants import LANGS, document

import derivetex
import derivetex.render.wording
from derivetex.tools.mathcheck import MathBlock, check_math, math_blocks_from_markdown
from derivetex.tools.requirements import require_tool

DISPLAY = re.compile(r"\$\$\n(.*?)\n\$\$", re.DOTALL)


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_repr_is_the_markdown_output(lang):
    doc = document(lang, "article")
    assert doc._repr_markdown_() == doc.to_markdown()


@pytest.mark.parametrize("variant", ["article", "K-symbolic"])
def test_latex_repr_holds_every_display_formula_with_its_tag(variant):
    doc = document("ja", variant)
    latex = doc._repr_latex_()
    shown = DISPLAY.findall(latex)
    expected = [b.tex for b in math_blocks_from_markdown(doc.to_markdown()) if b.display]
    assert shown == expected
    assert DISPLAY.sub("", latex).strip() == ""  # nothing but display math
    assert r"\tag{5.1}" in latex and r"\tag{5.2}" in latex


def test_latex_repr_renders_in_mathjax_and_katex():
    require_tool("renderers")
    latex = document("en", "article")._repr_latex_()
    blocks = [MathBlock(f"repr #{i}", tex, True) for i, tex in enumerate(DISPLAY.findall(latex))]
    assert blocks
    assert [r.describe() for r in check_math(blocks) if not r.ok] == []


@pytest.mark.parametrize("lang", LANGS)
def test_html_repr_is_a_fragment_without_katex_its_math_delimited(lang):
    doc = document(lang, "article")
    fragment = doc._repr_html_()
    assert fragment.startswith(f'<div class="derivetex" lang="{lang}">')
    assert fragment.rstrip().endswith("</div>")
    assert "<!DOCTYPE" not in fragment
    assert "katex.render(" not in fragment and "@font-face" not in fragment
    inline = re.findall(r'<span class="math inline">\\\((.*?)\\\)</span>', fragment)
    display = re.findall(r'<div class="math display"[^>]*>\\\[(.*?)\\\]</div>', fragment,
                         re.DOTALL)
    assert len(inline) + len(display) + fragment.count('<td class="math inline">') == len(
        math_blocks_from_markdown(doc.to_markdown()))


def test_the_html_file_still_carries_katex():
    page = document("en", "article").render("html")
    assert "katex.render(" in page and "@font-face" in page


@pytest.mark.parametrize("lang", LANGS)
def test_plain_repr_is_the_rows_in_plain_text(lang):
    doc = document(lang, "article")
    pretty = IPython.lib.pretty.pretty(doc)
    assert "Document(" not in pretty and "derivation=" not in pretty
    lines = pretty.splitlines()
    assert lines[0] == derivetex.render.wording.CATALOGS[lang].title
    assert "log(L) = log(y[1]**t[1]*y[2]**t[2]*y[3]**t[3])" in lines
    assert any(line.strip() == "= t[1]*log(y[1]) + t[2]*log(y[2]) + t[3]*log(y[3])"
               for line in lines)
    assert "E = 1.108663" in lines
    assert repr(doc) == f"<derivetex.Document multiclass ({lang}), 18 steps>"


def test_plain_repr_elides_long_rows():
    pretty = IPython.lib.pretty.pretty(derivetex.derive(K="50", lang="en"))
    assert "t[1]*log(y[1]) + t[2]*log(y[2]) + ... + t[50]*log(y[50])" in pretty
    assert "t[3]*log(y[3])" not in pretty


@pytest.mark.parametrize("flavor", ["mathjax", "qiita", "github"])
def test_latex_repr_is_the_same_in_every_flavor(flavor):
    assert derivetex.derive(flavor=flavor)._repr_latex_() == derivetex.derive()._repr_latex_()

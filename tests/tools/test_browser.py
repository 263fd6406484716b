"""Headless Chromium loads a local page with math; screenshot and DOM checks see the result."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from derivetex.tools.browser import (
    count_math_nodes,
    dump_dom,
    math_errors_in_dom,
    screenshot_html,
)
from derivetex.tools.images import is_blank_png
from derivetex.tools.requirements import require_tool

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

# Native MathML: renders with no script and no network.
PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>math</title></head>
<body style="font-size:32px">
<p>交差エントロピー</p>
<math display="block"><mrow><mo>-</mo><mi>log</mi><mi>L</mi><mo>=</mo>
<munderover><mo>&#x2211;</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow><mi>K</mi></munderover>
<msub><mi>t</mi><mi>k</mi></msub><mi>log</mi><msub><mi>y</mi><mi>k</mi></msub></mrow></math>
</body></html>
"""

BROKEN = """<!DOCTYPE html><html><body>
<span class="katex-error" title="ParseError: Undefined control sequence">\\foo</span>
<math><merror><mtext>Undefined control sequence</mtext></merror></math>
</body></html>
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    require_tool("chromium")
    path = tmp_path_factory.mktemp("html") / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_screenshot_of_math_page_is_not_blank(page, tmp_path):
    png = screenshot_html(page, tmp_path / "page.png", window=(600, 300))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(png, ARTIFACTS / "tools-browser-page.png")  # kept for a human to look at
    assert not is_blank_png(png)


def test_dom_after_load_has_the_math_and_no_errors(page):
    dom = dump_dom(page)
    assert count_math_nodes(dom) == 1
    assert math_errors_in_dom(dom) == []


def test_error_nodes_are_found():
    errors = math_errors_in_dom(BROKEN)
    assert errors == ["katex-error: ParseError: Undefined control sequence", "<merror>"]


def test_katex_output_counts_once_per_formula():
    katex_like = (
        '<span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span>'
        '<span class="katex-html">x</span></span><math><mi>y</mi></math>'
    )
    assert count_math_nodes(katex_like) == 2

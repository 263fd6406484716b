"""Labels on real blog pages: MathJax 3 and KaTeX auto-render, run in Chromium, find no math
and no link in a label, while the article's own math still renders (so the check can fail)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import derivetex
from derivetex.tools.browser import dump_dom
from derivetex.tools.requirements import RENDERERS_DIR, require_tool

ATTACKS = [
    r"\(\href{javascript:alert(1)}{x}\)",
    r"$\href{javascript:alert(2)}{y}$",
    r"$$\href{javascript:alert(3)}{z}$$",
    r"\[\href{javascript:alert(4)}{w}\]",
    r"\begin{equation}\href{javascript:alert(5)}{v}\end{equation}",
]
MODULES = RENDERERS_DIR / "node_modules"
MATHJAX = """<script>
window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']]}};</script>
<script src="MODULES/mathjax-full/es5/tex-chtml.js"></script>"""
KATEX = """<script src="MODULES/katex/dist/katex.min.js"></script>
<script src="MODULES/katex/dist/contrib/auto-render.min.js"></script>
<script>renderMathInElement(document.body, {trust: true, throwOnError: false, delimiters: [
  {left: '$$', right: '$$', display: true}, {left: '$', right: '$', display: false},
  {left: '\\\\(', right: '\\\\)', display: false}, {left: '\\\\[', right: '\\\\]', display: true},
  {left: '\\\\begin{equation}', right: '\\\\end{equation}', display: true}]});</script>"""
RENDERERS = {"mathjax": MATHJAX, "katex-auto-render": KATEX}


class _Audit(HTMLParser):
    """Counts javascript: URLs anywhere, math nodes in all, and math nodes in label cells."""

    def __init__(self) -> None:
        super().__init__()
        self.links = self.math = self.label_math = 0
        self.column = 0
        self.label_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = [value or "" for _, value in attrs]
        self.links += any(v.strip().lower().startswith("javascript:") for v in values)
        classes = (dict(attrs).get("class") or "").split()
        is_math = tag == "mjx-container" or "katex" in classes
        self.math += is_math
        if self.label_depth:
            self.label_depth += 1
            self.label_math += is_math
        if tag == "tr":
            self.column = 0
        elif tag in ("td", "th"):
            self.column += 1
            if self.column == 2 and tag == "td":
                self.label_depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.label_depth:
            self.label_depth -= 1


def audit(dom: str) -> _Audit:
    found = _Audit()
    found.feed(dom)
    found.close()
    return found


def page(body: str, renderer: str, head: str = "") -> str:
    scripts = RENDERERS[renderer].replace("MODULES", MODULES.resolve().as_uri())
    return f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>{body}' \
           f"{scripts}</body></html>"


def markdown_page(markdown: str, renderer: str) -> str:
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    return page(html, renderer)


def derivetex_page(document: str, renderer: str) -> str:
    """derivetex's own HTML page with a blog's auto-render added at the end of the body."""
    scripts = RENDERERS[renderer].replace("MODULES", MODULES.resolve().as_uri())
    return document.replace("</body>", f"{scripts}</body>")


def rendered(tmp_path: Path, html: str, name: str) -> _Audit:
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    return audit(dump_dom(path, budget_ms=8000, timeout=120))


@pytest.fixture(scope="module")
def document() -> derivetex.Document:
    return derivetex.derive(labels=ATTACKS, lang="en")


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
@pytest.mark.parametrize("source", ["markdown", "html"])
def test_labels_never_become_math_or_links(
    tmp_path: Path, document: derivetex.Document, source: str, renderer: str
) -> None:
    require_tool("chromium")
    require_tool("renderers")
    if source == "markdown":
        html = markdown_page(document.to_markdown(), renderer)
    else:
        html = derivetex_page(str(document.render("html")), renderer)
    result = rendered(tmp_path, html, f"{source}-{renderer}")
    assert result.math > 5, "the renderer did not run: the article's own math is missing"
    assert result.links == 0
    assert result.label_math == 0


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_the_check_sees_a_live_link_in_markdown_escaping_alone(
    tmp_path: Path, renderer: str
) -> None:
    """The previous escaping (Markdown specials only) on the same page gives live math."""
    require_tool("chromium")
    require_tool("renderers")
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|$~])", r"\\\1", ATTACKS[0])
    table = f"| k | label |\n|---|---|\n| $y_1$ | {escaped} |\n"
    result = rendered(tmp_path, markdown_page(table, renderer), f"control-{renderer}")
    assert result.label_math == 1 and result.links >= 1

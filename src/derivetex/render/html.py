"""Derivation -> one self-contained HTML page (or a Jupyter fragment) that renders offline.

The page carries the vendored KaTeX (``templates/html/vendor``: JS and CSS with the fonts as
``data:`` URIs) and draws each formula in the browser with ``katex.render`` into an element
whose TeX is escaped text. Embedding ``renderToString`` output instead would let the HTML
parser misread KaTeX's MathML (docs/renderers.md); rendering with the DOM API avoids that
and needs no Node at run time.

The prose of the wording catalogs carries inline math as ``$…$``, written for Markdown;
``prose_html`` turns it into escaped text plus math elements, so the page shows exactly the
formulas the Markdown output shows.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

from derivetex.config import Config
from derivetex.engine import Derivation
from derivetex.errors import DerivetexError
from derivetex.render.context import build_context
from derivetex.render.environment import render_template, templates_dir

INLINE_MATH = re.compile(r"\$([^$]+)\$")
#: Context entries that are prose with inline math (strings, or a tuple of them).
PROSE_KEYS = ("title", "intro", "verified_note", "zero_log_note", "result", "table_head")


def render_html(derivation: Derivation, config: Config) -> str:
    """A whole page: doctype, head, the article and the KaTeX that draws it."""
    return _render(derivation, config, standalone=True)


def render_html_fragment(derivation: Derivation, config: Config) -> str:
    """The same article as one ``<div>`` for Jupyter output, carrying no KaTeX of its own.

    Embedding KaTeX put ~645 KB of CSS and fonts into every cell's output; Jupyter front ends
    typeset math in HTML output themselves (MathJax), so each formula is left as its TeX
    between ``\\(`` ``\\)`` or ``\\[`` ``\\]``, the delimiters they look for."""
    return delimit_math(_render(derivation, config, standalone=False, katex=False))


#: Our own math elements (the templates' and ``math_span``'s): their TeX is escaped text, so
#: it holds no ``<`` and the element ends at the first closing tag of its kind.
MATH_ELEMENT = re.compile(r'(<(span|td|div) class="math (inline|display)"[^>]*>)(.*?)(</\2>)',
                          re.DOTALL)
DELIMITERS = {"inline": ("\\(", "\\)"), "display": ("\\[", "\\]")}


def delimit_math(page: str) -> str:
    """Each math element's TeX wrapped in the delimiters a page-wide typesetter finds."""

    def wrap(match: re.Match[str]) -> str:
        opening, _, kind, tex, closing = match.groups()
        left, right = DELIMITERS[kind]
        return f"{opening}{left}{tex.strip()}{right}{closing}"

    return MATH_ELEMENT.sub(wrap, page)


#: An inline formula with the punctuation written against it, before or after: ``t_{k}:``,
#: ``(5.1)``, ``y_{k}、``. The math span's TeX is escaped text (no ``<``).
WITH_PUNCTUATION = re.compile(
    r'([(\[（「『]*)(<span class="math inline">[^<]*</span>)([:;,.!?)\]、。，．：；）」』]*)')


def keep_punctuation(page: str) -> str:
    """Each inline formula and the punctuation against it in one ``nobreak`` span, so a
    colon after the formula never starts a line (a browser may end a line after the
    formula's box, before the character that follows it, and a rule on the formula's own
    white-space does not reach that point); the page's CSS keeps the span on one line."""

    def keep(match: re.Match[str]) -> str:
        before, math, after = match.groups()
        return f'<span class="nobreak">{before}{math}{after}</span>' if before or after else math

    return WITH_PUNCTUATION.sub(keep, page)


def _render(derivation: Derivation, config: Config, standalone: bool, katex: bool = True) -> str:
    if derivation.spec is not None:
        from derivetex.render.spec_context import spec_context

        context = spec_context(derivation, config, "html")
        context["heading"], context["title"] = context["title"], context.pop("title_text")
        context["c"] = dict(context)
        template = "html/spec.html.j2"
    else:
        context = html_context(build_context(derivation, config, "html"))
        template = f"html/{derivation.name}.html.j2"
    css, js = vendored_katex() if katex else ("", "")
    context.update(standalone=standalone, katex_css=css, katex_js=js)
    return keep_punctuation(render_template(template, "html", context))


def html_context(context: dict[str, Any]) -> dict[str, Any]:
    """The format-neutral context with its prose turned into safe HTML."""
    out = dict(context)
    for key in PROSE_KEYS:
        value = out.get(key)
        if isinstance(value, str):
            out[key] = prose_html(value)
        elif isinstance(value, tuple):
            out[key] = tuple(prose_html(item) for item in value)
    out["blocks"] = [
        {**block, "lead": prose_html(block["lead"]) if block["lead"] else None}
        for block in context["blocks"]
    ]
    return out


def prose_html(text: str) -> str:
    """Escape ``text`` for HTML; each ``$tex$`` becomes ``<span class="math inline">``."""
    pieces = INLINE_MATH.split(text)
    return "".join(
        html.escape(piece, quote=False) if index % 2 == 0 else math_span(piece)
        for index, piece in enumerate(pieces)
    )


def math_span(tex: str) -> str:
    return f'<span class="math inline">{html.escape(tex, quote=False)}</span>'


@cache
def vendored_katex() -> tuple[str, str]:
    """The vendored KaTeX CSS and JS, read once from the installed templates."""
    vendor = templates_dir() / "html" / "vendor"
    css = (vendor / "katex.inline.css").read_text(encoding="utf-8")
    js = (vendor / "katex.min.js").read_text(encoding="utf-8")
    if "</style" in css.lower() or "</script" in js.lower() or "<!--" in js:
        raise DerivetexError("the vendored KaTeX would end its own <style>/<script> element")
    return css, js

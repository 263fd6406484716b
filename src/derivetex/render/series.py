"""``derivetex series``: the whole series as one document, each part a section with its own
equation numbers (part p tags (p.1), (p.2), ...), cross-references resolved in every format.

Render receives the parts it renders: ``api.series_parts`` derives and verifies each shipped
spec in series order (multiclass first) exactly as ``derive`` does, so render never calls back
into the API that calls it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from derivetex.config import Config
from derivetex.engine import Derivation
from derivetex.render.context import build_context
from derivetex.render.environment import ESCAPERS, render_template
from derivetex.render.highlight import TEX_PREAMBLE
from derivetex.render.html import html_context, keep_punctuation, vendored_katex
from derivetex.render.pdf import compile_tex
from derivetex.render.spec_context import spec_context
from derivetex.render.wording import CATALOGS

FOLDERS = {"md": "md", "tex": "tex", "pdf": "tex", "html": "html"}


def render_series(parts: list[tuple[Derivation, Config]], lang: str, fmt: str) -> str | bytes:
    """The series in ``fmt`` (md, tex, pdf or html)."""
    words = CATALOGS[lang]
    escape = ESCAPERS[fmt]
    context: dict[str, Any] = {
        "lang": lang, "title": escape(words.series_title), "intro": escape(words.series_intro),
        "parts": [_part(number, derivation, config, fmt)
                  for number, (derivation, config) in enumerate(parts, start=1)],
        "verified_note": words.verified_note,
        "highlight_preamble": (TEX_PREAMBLE if any(config.highlight for _, config in parts)
                               else None),
    }
    if fmt == "html":
        css, js = vendored_katex()
        context.update(standalone=True, katex_css=css, katex_js=js)
    text = render_template(f"{FOLDERS[fmt]}/series.{FOLDERS[fmt]}.j2", fmt, context)
    if fmt == "html":
        return keep_punctuation(text)
    return compile_tex(text) if fmt == "pdf" else text


def _part(number: int, derivation: Derivation, config: Config, fmt: str) -> dict[str, Any]:
    if derivation.spec is None:
        c = build_context(derivation, replace(config, chapter=number), fmt)
        if fmt == "html":
            c = html_context(c)
        return {"number": number, "kind": "multiclass", "title": c["title"], "c": c,
                "anchor": f"part-{derivation.name}"}
    c = spec_context(derivation, config, fmt)
    return {"number": number, "kind": "spec", "title": c["title"], "c": c,
            "anchor": f"part-{derivation.name}"}

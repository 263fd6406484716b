"""The vendored KaTeX of the HTML pages is the version the render gate pins, fonts inlined."""

from __future__ import annotations

import json

from derivetex.render.environment import templates_dir
from derivetex.tools.requirements import RENDERERS_DIR

VENDOR = templates_dir() / "html" / "vendor"


def test_vendored_katex_is_the_pinned_version():
    pinned = json.loads((RENDERERS_DIR / "package.json").read_text())["dependencies"]["katex"]
    assert (VENDOR / "KATEX_VERSION").read_text().strip() == pinned


def test_vendored_css_carries_its_fonts():
    css = (VENDOR / "katex.inline.css").read_text(encoding="utf-8")
    assert css.count("data:font/woff2;base64,") >= 20
    assert "url(fonts/" not in css

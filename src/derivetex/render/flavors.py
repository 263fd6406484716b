"""Platform flavors: how a blog's Markdown marks math, and derivetex's Markdown in that form.

The templates write the KaTeX form (``$…$`` inline, ``$$`` lines around a display); a flavor
swaps those delimiters and nothing else, so the formulas are the same bytes on every platform.
Which renderer each platform runs, and how the test suite checks it, is in the README's table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivetex.config import FLAVORS as FLAVOR_NAMES
from derivetex.render.environment import neutral_openers


@dataclass(frozen=True)
class Flavor:
    """One platform's math syntax: inline delimiters and the lines around a display formula."""

    name: str
    platforms: str
    renderer: str
    inline: tuple[str, str]
    display: tuple[str, str]


FLAVORS: dict[str, Flavor] = {
    flavor.name: flavor
    for flavor in (
        Flavor("katex", "Zenn; Hugo, Jekyll, MkDocs with KaTeX", "KaTeX",
               ("$", "$"), ("$$", "$$")),
        Flavor("mathjax", "sites running MathJax with its default delimiters", "MathJax",
               ("\\(", "\\)"), ("$$", "$$")),
        Flavor("qiita", "Qiita", "MathJax", ("$", "$"), ("```math", "```")),
        Flavor("github", "GitHub", "MathJax", ("$`", "`$"), ("$$", "$$")),
    )
}
assert tuple(FLAVORS) == FLAVOR_NAMES, "config.FLAVORS and the records here name the same set"

DISPLAY_LINE = "$$"
_INLINE = re.compile(r"(?<!\\)\$([^$\n]+)\$")
"""Inline math in derivetex's own Markdown: user text never holds an unescaped ``$``
(``render/environment.py`` writes a label's ``$`` as ``<span>\\$</span>``)."""


def apply_flavor(markdown: str, name: str) -> str:
    """derivetex's Markdown (KaTeX form) with its math delimiters written the ``name`` way,
    and no template engine's opening pair (``environment.neutral_openers``): every Markdown
    document derivetex writes passes here last."""
    flavor = FLAVORS[name]
    markdown = neutral_openers(markdown)
    if name == "katex":
        return markdown
    lines = markdown.split("\n")
    in_display = False
    for number, line in enumerate(lines):
        if line == DISPLAY_LINE:
            lines[number] = flavor.display[1 if in_display else 0]
            in_display = not in_display
        elif not in_display:
            lines[number] = _INLINE.sub(
                lambda m: f"{flavor.inline[0]}{m.group(1)}{flavor.inline[1]}", line
            )
    return "\n".join(lines)

"""Markdown dialects as plain Markdown, line for line (no line added or removed).

Every rewrite keeps the line count, so a finding's line is the writer's line:

- all Markdown: front matter blanked; Hugo ``{{< katex >}}`` shortcodes as ``$``/``$$``;
  MkDocs admonition bodies (``!!!``/``???``, indented) moved to the margin, so their math is
  not read as an indented code block;
- Quarto (``.qmd``) and R Markdown (``.Rmd``), both Pandoc: fenced divs (``::: {.callout}``)
  blanked, the equation label after a display (``$$ {#eq-loss}``) and bookdown's
  ``(\\#eq:loss)`` inside one removed. Their code chunks (```` ```{r} ````, ```` ```{python} ````)
  are fences, which the Markdown reader leaves alone;
- MDX (``.mdx``): ``import``/``export`` statements and ``{/* comments */}`` blanked; JSX
  elements are HTML blocks to the Markdown reader.
"""

from __future__ import annotations

import re

_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s*[A-Za-z]")
_SHORTCODE = re.compile(r"\{\{<\s*(/?)\s*katex(\s+display)?\s*>\}\}")
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCED_DIV = re.compile(r"^[ \t]*:::+.*$", re.MULTILINE)
_PANDOC_LABEL = re.compile(r"(\$\$)[ \t]*\{#[A-Za-z][\w:.-]*\}[ \t]*$", re.MULTILINE)
_BOOKDOWN_LABEL = re.compile(r"\(\\#eq:[\w:.-]+\)")
_ESM = re.compile(r"^(?:import|export)\b[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*", re.MULTILINE)
_JSX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.DOTALL)

MARKDOWN_KINDS = ("md", "qmd", "rmd", "mdx")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def as_markdown(text: str, kind: str = "md") -> str:
    """``text``, a document of ``kind`` (one of ``MARKDOWN_KINDS``), as plain Markdown."""
    text = _FRONT_MATTER.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    if kind in ("qmd", "rmd"):
        text = _FENCED_DIV.sub("", text)
        text = _PANDOC_LABEL.sub(r"\1", text)
        text = _BOOKDOWN_LABEL.sub(_blank, text)
    elif kind == "mdx":
        text = _JSX_COMMENT.sub(_blank, text)
        text = _ESM.sub(_blank, text)
    return _admonitions(_shortcodes(text))


def _shortcodes(text: str) -> str:
    shortcodes: list[bool] = []

    def shortcode(match: re.Match[str]) -> str:
        if not match.group(1):
            shortcodes.append(bool(match.group(2)))
            return "$$" if match.group(2) else "$"
        return "$$" if (shortcodes.pop() if shortcodes else False) else "$"

    return _SHORTCODE.sub(shortcode, text)


def _admonitions(text: str) -> str:
    lines = text.split("\n")
    inside = False
    for number, line in enumerate(lines):
        if _ADMONITION.match(line):
            inside = True
            lines[number] = ""
        elif inside and (line.startswith("    ") or line.startswith("\t") or not line.strip()):
            lines[number] = line[4:] if line.startswith("    ") else line.lstrip("\t")
        else:
            inside = False
    return "\n".join(lines)

"""The Jinja set-up: LaTeX-friendly delimiters, StrictUndefined, and one escaping filter.

Delimiters follow nbconvert's LaTeX exporter (`((* *))`, `((( )))`, `((= =))`) so templates do
not fight LaTeX braces. All user text (class names) goes through the `user` filter, whose
escaping depends on the format being written, so it can never inject LaTeX, Markdown or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

TEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "%": r"\%", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}
MD_SPECIALS = re.compile(r"([\\`*_{}#+\-.!|$~])")
MD_ENTITIES = {"(": "&#40;", ")": "&#41;", "[": "&#91;", "]": "&#93;"}
"""Brackets as entities, not ``\\(``: a backslash before them would write MathJax's own
delimiters ``\\(`` ``\\[`` into the page's text (the ``mathjax`` flavor's inline form)."""
MATH_STARTERS = ("\\", "$")
MD_PROSE_SPECIALS = re.compile(r"([\\`*{}$~])")
MD_LOOSE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
MD_LINE_START = re.compile(r"^(\s*)([#+\-=|])")
MD_NUMBERED = re.compile(r"^(\s*\d+)([.])")
MD_CLOSING_HASHES = re.compile(r"(\s)(#+)(?=\s*$)")
"""In a heading, a run of ``#`` at the end is a closing sequence and would vanish."""
MD_BRACE_THEN = re.compile(r"\\\{([%#])")
"""An escaped ``{`` before ``%`` or ``#``: ``\\{%`` would still hold Liquid's ``{%``."""
TAG_OPENER = re.compile(r"(?<!\\textcolor)(?<!\\color)\{(?=[{%#])")
"""``{{``, ``{%`` and ``{#``: what a template engine run over a post opens a tag with (see
``neutral_openers``). A colour argument is not one: ``\\textcolor{#0072B2}`` (``--highlight``)
takes no space, and no spelling of a hex colour without its ``#`` works in both KaTeX and
MathJax (KaTeX takes ``0072B2``, MathJax does not)."""


def escape_tex(text: str) -> str:
    """Text safe inside a LaTeX paragraph or table cell."""
    return "".join(TEX_SPECIALS.get(ch, ch) for ch in _printable(text))


def escape_md(text: str) -> str:
    """Text safe in a Markdown table cell: no markup, no math, no HTML (see ``_isolated``)."""
    return _isolated(_printable(text), _markdown_text)


def escape_md_prose(text: str) -> str:
    """A paragraph or heading of Markdown (a spec's title, intro, leads): the same guarantees
    as ``escape_md`` (no markup, no math, no HTML), with only the characters escaped that would
    change the Markdown there, so ``cross-entropy.`` stays as written (``escaping``)."""
    return _isolated(_printable(text), _markdown_prose)


def escape_html(text: str) -> str:
    """Text safe in HTML, and no math for an auto-render run over the page (``_isolated``)."""
    import html  # only the html format needs it

    return _isolated(_printable(text), lambda piece: html.escape(piece, quote=True))


def neutral_openers(markdown: str) -> str:
    r"""A Markdown document with no ``{{``, ``{%`` or ``{#``: a space between the two.

    Posts go to sites that run a template engine over the Markdown first: Jekyll's Liquid
    (``{{ … }}``, ``{% … %}``), Hugo's shortcodes (``{{< … >}}``, ``{{% … %}}``), Eleventy's
    Nunjucks and MkDocs' macros (Jinja: also ``{# … #}``). Each reads from an opening pair
    through its closing pair, and a closing pair with no opening one (the ``}}`` of
    ``\frac{1}{\sqrt{2}}``) is plain text to all of them, so writing no opening pair is enough.
    User words never hold one (``escape_md``, ``escape_md_prose`` write ``\{\%`` and
    ``\{\#``); this pass is for the math, where a space between two braces is no-op in TeX,
    KaTeX and MathJax (``\mathrm{{7}}`` becomes ``\mathrm{ {7}}``, the same formula). Text
    arguments, where a space shows, hold no ``{{`` (``specs.safe_latex.text_arguments``).
    Every Markdown output (``derive``, ``render``, ``series``, the notebook) passes here, in
    ``render.flavors.apply_flavor``. ``hardening/test_liquid.py``.
    """
    return TAG_OPENER.sub("{ ", markdown)


def _markdown_text(text: str) -> str:
    return _entities(MD_BRACE_THEN.sub(r"\\{\\\1", MD_SPECIALS.sub(r"\\\1", text)))


def _markdown_prose(text: str) -> str:
    """Escapes for running text: emphasis, code, strike-through and (for Liquid sites)
    braces anywhere, and a ``%`` or ``#`` after one (``neutral_openers``); ``_`` only where
    it could open or close emphasis (not inside ``x_1``); a list, heading or numbered-list
    marker only where it would start one."""
    escaped = MD_PROSE_SPECIALS.sub(r"\\\1", text)
    escaped = MD_LOOSE_UNDERSCORE.sub(r"\\_", escaped)
    escaped = MD_LINE_START.sub(r"\1\\\2", escaped)
    escaped = MD_NUMBERED.sub(r"\1\\\2", escaped)
    escaped = MD_CLOSING_HASHES.sub(lambda m: m.group(1) + "\\#" * len(m.group(2)), escaped)
    return _entities(MD_BRACE_THEN.sub(r"\\{\\\1", escaped))


def _entities(escaped: str) -> str:
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(MD_ENTITIES.get(ch, ch) for ch in escaped)


def _isolated(text: str, escape: Callable[[str], str]) -> str:
    """``escape(text)`` with every ``\\`` and ``$`` in a ``<span>`` of its own.

    Blogs run MathJax or KaTeX auto-render over the whole page. Every math delimiter they
    know (``$``, ``$$``, ``\\(``, ``\\[``, ``\\begin{...}``) starts with one of these two
    characters, and neither renderer matches a delimiter across an element boundary, so a
    label shows the same characters but can never become math (or a ``\\href`` link).
    """
    return "".join(
        f"<span>{escape(piece)}</span>" if piece in MATH_STARTERS else escape(piece)
        for piece in re.split(r"([\\\\$])", text)
        if piece
    )


def _printable(text: str) -> str:
    """Control characters and line breaks become spaces: a label is one line of text."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


ESCAPERS: dict[str, Callable[[str], str]] = {
    "md": escape_md, "tex": escape_tex, "pdf": escape_tex, "html": escape_html,
}
PROSE_ESCAPERS: dict[str, Callable[[str], str]] = {**ESCAPERS, "md": escape_md_prose}
"""Running text (a spec's prose) rather than a table cell: Markdown escapes only what acts."""


def templates_dir() -> Path:
    """The installed templates (inside the wheel), or the checkout's top-level folder."""
    installed = Path(__file__).parent.parent / "templates"  # importlib.resources' answer
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "templates"


@cache
def environment(fmt: str) -> jinja2.Environment:
    """The environment for one output format; the sandbox also guards user-supplied templates."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        block_start_string="((*",
        block_end_string="*))",
        variable_start_string="(((",
        variable_end_string=")))",
        comment_start_string="((=",
        comment_end_string="=))",
    )
    env.filters["user"] = ESCAPERS[fmt]
    return env


def render_template(name: str, fmt: str, context: dict[str, object]) -> str:
    return environment(fmt).get_template(name).render(**context)

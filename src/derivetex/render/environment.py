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


def escape_tex(text: str) -> str:
    """Text safe inside a LaTeX paragraph or table cell."""
    return "".join(TEX_SPECIALS.get(ch, ch) for ch in _printable(text))


def escape_md(text: str) -> str:
    """Text safe in a Markdown table cell: no markup, no math, no HTML (see ``_isolated``)."""
    return _isolated(_printable(text), _markdown_text)


def escape_html(text: str) -> str:
    """Text safe in HTML, and no math for an auto-render run over the page (``_isolated``)."""
    import html  # only the html format needs it

    return _isolated(_printable(text), lambda piece: html.escape(piece, quote=True))


def _markdown_text(text: str) -> str:
    escaped = MD_SPECIALS.sub(r"\\\1", text)
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

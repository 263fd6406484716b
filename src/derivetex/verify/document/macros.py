r"""Macros a document defines for itself, expanded before its math is read.

LaTeX papers and MathJax posts define shorthands -- ``\newcommand{\E}{\mathbb{E}}``,
``\newcommand{\ex}[2]{#1^{(#2)}}``, ``\DeclareMathOperator{\softmax}{softmax}``,
``\def\R{\mathbb{R}}`` -- and write their equations with them. Each use is replaced by the
definition's body (arguments put in), so the reader sees what the writer's readers see. The
definitions themselves are blanked (newlines kept, so every line number stays right). A macro
with an optional argument, or one whose expansion does not settle, is left as it is. Macros
from a preamble the writer names (``--preamble course.sty``, see ``preamble``) are known
before the document's own, which win where both define a name (as a later ``\renewcommand``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

NEWCOMMAND = re.compile(
    r"\\(?:re|provide)?newcommand\*?\s*(?:\{\s*(\\[A-Za-z]+)\s*\}|(\\[A-Za-z]+))"
    r"\s*(?:\[\s*(\d)\s*\])?\s*(\[)?"
)
DEF = re.compile(r"\\def\s*(\\[A-Za-z]+)\s*((?:#\d)*)\s*(?=\{)")
OPERATOR = re.compile(r"\\DeclareMathOperator(\*?)\s*\{\s*(\\[A-Za-z]+)\s*\}\s*(?=\{)")
ROUNDS = 10
"""Expansions inside expansions, at most (a macro using another)."""
GROWTH = 4
"""An expansion may make the text at most this many times longer (a macro that recurses)."""


@dataclass(frozen=True)
class Macro:
    arguments: int
    body: str


def braced(text: str, at: int) -> tuple[str, int] | None:
    """The content of the brace group opening at ``text[at]`` and the position after it."""
    if at >= len(text) or text[at] != "{":
        return None
    depth = 0
    for position in range(at, len(text)):
        char = text[position]
        if char == "\\":
            continue
        if char == "{" and text[position - 1 : position] != "\\":
            depth += 1
        elif char == "}" and text[position - 1 : position] != "\\":
            depth -= 1
            if depth == 0:
                return text[at + 1 : position], position + 1
    return None


def skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


def definitions(text: str) -> tuple[dict[str, Macro], list[tuple[int, int]]]:
    """The macros ``text`` defines and the spans of their definitions."""
    found: dict[str, Macro] = {}
    spans: list[tuple[int, int]] = []
    for match in NEWCOMMAND.finditer(text):
        name = match.group(1) or match.group(2)
        body = braced(text, skip_space(text, match.end()))
        if body is None:
            continue
        spans.append((match.start(), body[1]))
        if match.group(4) is None:  # an optional argument's default: not expanded
            found[name] = Macro(int(match.group(3) or 0), body[0].replace("\n", " "))
    for match in DEF.finditer(text):
        body = braced(text, match.end())
        if body is not None:
            spans.append((match.start(), body[1]))
            found[match.group(1)] = Macro(match.group(2).count("#"), body[0].replace("\n", " "))
    for match in OPERATOR.finditer(text):
        body = braced(text, match.end())
        if body is not None:
            spans.append((match.start(), body[1]))
            word = body[0].replace("\n", " ")
            found[match.group(2)] = Macro(0, f"\\operatorname{{{word}}}")
    return found, spans


def _use(text: str, at: int, macro: Macro) -> tuple[str, int] | None:
    """The expansion of the use ending its name at ``at``, and where the use ends."""
    body, position = macro.body, at
    for number in range(1, macro.arguments + 1):
        position = skip_space(text, position)
        group = braced(text, position)
        if group is None:
            if position >= len(text) or text[position] in "{}\\":
                return None
            group = (text[position], position + 1)  # \ex xi: one-token arguments
        body = body.replace(f"#{number}", group[0])
        position = group[1]
    return body, position


def _expand_once(text: str, macros: dict[str, Macro]) -> str:
    names = "|".join(re.escape(name[1:]) for name in sorted(macros, key=len, reverse=True))
    pattern = re.compile(rf"\\({names})(?![A-Za-z])")
    pieces: list[str] = []
    cut = 0
    for match in pattern.finditer(text):
        if match.start() < cut:
            continue
        used = _use(text, match.end(), macros["\\" + match.group(1)])
        if used is None:
            continue
        body, end = used
        pieces += [text[cut : match.start()], body]  # as TeX does: no group added
        cut = end
    pieces.append(text[cut:])
    return "".join(pieces)


def expand(text: str, known: Mapping[str, Macro] | None = None) -> str:
    """``text`` with the macros it defines (and the ``known`` ones, a preamble's) expanded and
    its definitions blanked."""
    own, spans = definitions(text)
    macros = {**(known or {}), **own}
    if not spans and not macros:
        return text
    chars = list(text)
    for start, end in spans:
        for position in range(start, end):
            if chars[position] != "\n":
                chars[position] = " "
    text = "".join(chars)
    if not macros:
        return text
    limit = GROWTH * len(text) + 1000
    for _ in range(ROUNDS):
        expanded = _expand_once(text, macros)
        if expanded == text:
            return text
        if len(expanded) > limit:
            return text  # a macro that keeps growing: leave the uses as written
        text = expanded
    return text

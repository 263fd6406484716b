r"""A spec's prose (title, intro, lead, note, why, legend) printed for one format.

Prose is user input. It is split at ``$...$``: the words go through the format's one escaping
filter; in the math, every text command's argument is read as characters
(``specs.safe_latex.text_arguments``), the rest is read by the reader and printed by our
printer, and every name kept is checked (``check_names``), so no prose can inject LaTeX,
Markdown, HTML or template code. ``check_prose`` runs these over every prose field first, so
a refusal names the field it is in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from derivetex.errors import InputError
from derivetex.model.functions import read_sigmoid
from derivetex.reader import Unreadable, parse
from derivetex.render.environment import PROSE_ESCAPERS, escape_tex
from derivetex.render.spec_printer import spec_latex
from derivetex.specs.reading import declared_names
from derivetex.specs.safe_latex import IN_WEB_TEXT, check_names, text_arguments
from derivetex.specs.schema import Spec, Texts

INLINE_MATH = re.compile(r"\$([^$]*)\$")
REFERENCE = re.compile(r"\{eq:([a-z][a-z0-9_-]*)\}")
"""``{eq:chain}`` in prose: the chain's equation number, linked (``\\eqref`` in LaTeX)."""
WEB = frozenset(["md", "html"])


def check_prose(spec: Spec, fmt: str) -> None:
    """Read the math of every prose field once, so a refusal names its field."""
    for field, texts in _prose_fields(spec):
        for lang in ("ja", "en"):
            for piece in INLINE_MATH.findall(texts.get(lang)):
                prose_math(piece, spec, fmt in WEB, f"{spec.source}: {field}")


def _prose_fields(spec: Spec) -> Iterator[tuple[str, Texts]]:
    yield "title", spec.title
    if spec.intro is not None:
        yield "intro", spec.intro
    for chain in spec.chains:
        for name, texts in (("lead", chain.lead), ("note", chain.note)):
            if texts is not None:
                yield f"{chain.key}.{name}", texts
        for row in chain.rows:
            if row.why is not None:
                yield f"{row.key}.why", row.why


def math_words(words: str, web: bool) -> str:
    r"""Words inside a formula: ``\text{...}``, escaped; for the web ``<`` and ``>`` are set
    apart as ``\lt`` and ``\gt``, so a page without a math renderer shows no live HTML."""
    if not web:
        return rf"\text{{{escape_tex(words)}}}"
    return "".join(
        IN_WEB_TEXT[piece] if piece in IN_WEB_TEXT else rf"\text{{{escape_tex(piece)}}}"
        for piece in re.split(r"([<>])", words) if piece
    )


def math_text(text: str, spec: Spec, web: bool = False) -> str:
    """Prose inside a formula (a justification): words in \\text{}, escaped; math re-read."""
    pieces = INLINE_MATH.split(text)
    return "".join(
        math_words(piece, web) if index % 2 == 0
        else prose_math(piece, spec, web, f"{spec.source}: why")
        for index, piece in enumerate(pieces) if piece
    )


def prose(texts: Texts | None, lang: str, fmt: str, spec: Spec,
          tags: dict[str, str] | None = None, field: str = "prose") -> str:
    """A paragraph: words escaped for ``fmt``, each ``$...$`` re-read and re-printed, each
    ``{eq:chain}`` the chain's number as a cross-reference."""
    if texts is None:
        return ""
    escape = PROSE_ESCAPERS[fmt]
    pieces = INLINE_MATH.split(texts.get(lang))
    out: list[str] = []
    where = f"{spec.source}: {field}"
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            words = REFERENCE.split(piece)
            out.extend(escape(w) if i % 2 == 0 else reference(w, spec, tags or {}, fmt)
                       for i, w in enumerate(words))
        elif fmt == "html":
            math = prose_math(piece, spec, True, where)
            out.append(f'<span class="math inline">{html.escape(math)}</span>')
        else:
            out.append(f"${prose_math(piece, spec, fmt in WEB, where)}$")
    return "".join(out)


def anchor(spec: Spec, chain: str) -> str:
    """The label of a chain's equation: ``eq-binary-cross_entropy``."""
    return f"eq-{spec.name}-{chain}"


def reference(chain: str, spec: Spec, tags: dict[str, str], fmt: str) -> str:
    """``(5.2)`` linked to its equation: ``\\eqref`` in LaTeX, a link in Markdown and HTML."""
    if chain not in tags:
        raise InputError(f"{spec.source}: {{eq:{chain}}} names no tagged chain (tagged: "
                         f"{', '.join(sorted(tags)) or 'none'})")
    target = anchor(spec, chain)
    if fmt in ("tex", "pdf"):
        return rf"\eqref{{{target}}}"
    if fmt == "html":
        return f'<a href="#{target}">({tags[chain]})</a>'
    return f"[({tags[chain]})](#{target})"


def prose_math(text: str, spec: Spec, web: bool, field: str) -> str:
    """Inline math of the spec's prose: text arguments as characters, the rest only what the
    reader reads, printed by our printer, every name checked."""
    source = text_arguments(text, web, field)
    try:
        parts = [parse(part)[0] for part in _split_relation(source)]
    except (Unreadable, RecursionError) as error:
        raise InputError(f"{field}: cannot read the math ${text}$ in its prose: "
                         f"{error}") from None
    names = declared_names(spec)
    for part in parts:
        check_names(part, field, web)
    return " = ".join(spec_latex(names.declare(read_sigmoid(part))) for part in parts)


def _split_relation(text: str) -> list[str]:
    """``N = 3`` is two sides; an ``=`` inside braces (``\\sum_{k=1}``) is not a relation."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "=" and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts if text.strip() else ["0"]

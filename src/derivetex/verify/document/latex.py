"""Find the math of a LaTeX document: a small scanner, since no LaTeX parser is a dependency.

Comments and verbatim environments (``verbatim``, ``lstlisting``, ``minted``, ``comment``) are
blanked first, offsets kept; then each opener (``$``, ``$$``, ``\\[``, ``\\(``, a display
environment) is paired with its next closer. ``\\section`` and its kin start sections.
"""

from __future__ import annotations

import bisect
import re

from derivetex.verify.document.blocks import MathBlock, line_of, line_starts, with_parents

DISPLAY_ENVIRONMENTS = (
    "equation|align|aligned|gather|gathered|multline|flalign|alignat|eqnarray|split"
)
_TEX_OPENER = re.compile(
    r"\\begin\{(?P<env>(?:" + DISPLAY_ENVIRONMENTS + r")\*?)\}(?:\{\d+\})?"
    r"|(?P<dd>\$\$)|(?P<br>\\\[)|(?P<par>\\\()|(?P<d>\$)"
)
_TEX_VERBATIM_OPENER = re.compile(r"\\begin\{(?P<env>verbatim|lstlisting|minted|comment)\*?\}")
_TEX_SECTION = re.compile(
    r"\\(part|chapter|section|subsection|subsubsection|paragraph|frametitle|begin\{frame\})"
    r"(?![A-Za-z])"  # \\part, not the \\partial of every derivative
)
_TEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_TEX_LEVELS = {
    "part": 1, "chapter": 2, "section": 3, "subsection": 4, "subsubsection": 5,
    "paragraph": 6, "begin{frame}": 7, "frametitle": 7,
}  # fmt: skip
_CLOSER = {"dd": "$$", "br": "\\]", "par": "\\)", "d": "$"}


class _Closers:
    """Where each closing delimiter occurs, found once, so pairing an opener is a bisection:
    a document of a million unclosed ``\\[`` is read in linear time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, list[int]] = {}

    def next(self, closer: str, after: int) -> int | None:
        if closer not in self.found:
            self.found[closer] = [m.start() for m in re.finditer(re.escape(closer), self.text)]
        positions = self.found[closer]
        index = bisect.bisect_left(positions, after)
        return positions[index] if index < len(positions) else None


def _blank_span(chars: list[str], start: int, end: int) -> None:
    for at in range(start, end):
        if chars[at] != "\n":
            chars[at] = " "


def _blank_verbatim(text: str) -> str:
    """Verbatim, listings and comment environments blanked (offsets kept), linearly."""
    chars = list(text)
    closers = _Closers(text)
    cursor = 0
    while (match := _TEX_VERBATIM_OPENER.search(text, cursor)) is not None:
        env = match.group(0)[len("\\begin{") : -1]
        close = closers.next(f"\\end{{{env}}}", match.end())
        if close is None:
            cursor = match.end()
            continue
        end = close + len(f"\\end{{{env}}}")
        _blank_span(chars, match.start(), end)
        cursor = end
    return "".join(chars)


def _tex_math(text: str) -> list[tuple[int, str, bool]]:
    """(offset, body, display) of every math span, pairing each opener with its next closer."""
    closers = _Closers(text)
    found: list[tuple[int, str, bool]] = []
    cursor = 0
    while (match := _TEX_OPENER.search(text, cursor)) is not None:
        kind = match.lastgroup or "env"
        if kind == "d" and (match.start() > 0 and text[match.start() - 1] == "$"):
            cursor = match.end()
            continue
        closer = _CLOSER.get(kind) or f"\\end{{{match.group('env')}}}"
        close = closers.next(closer, match.end())
        if close is None or (kind == "d" and close == match.end()):
            cursor = match.end()
            continue
        found.append((match.end(), text[match.end() : close], kind not in ("par", "d")))
        cursor = close + len(closer)
    return found


def latex_blocks(text: str) -> list[MathBlock]:
    """Every math span of a LaTeX document, with its line and section."""
    cleaned = _TEX_COMMENT.sub(lambda m: " " * len(m.group(0)), _blank_verbatim(text))
    cleaned = cleaned.replace(r"\$", "  ")
    starts = line_starts(cleaned)
    found = list(_TEX_SECTION.finditer(cleaned))
    sections = [m.start() for m in found]
    blocks: list[MathBlock] = []
    for start, body, display in _tex_math(cleaned):
        section = bisect.bisect_left(sections, start)
        blocks.append(MathBlock(body, line_of(start, starts), display, section))
    return with_parents(blocks, [_TEX_LEVELS[m.group(1)] for m in found])

r"""Find the math of a reStructuredText page (Sphinx): ``.. math::`` directives and the
``:math:`…``` role, with closed numeric claims in its prose.

A small line scanner, as for LaTeX (docutils is not a dependency): a directive's body is the
lines indented under it. Code (``.. code-block::``, a paragraph ending in ``::``), comments
(``..`` without a directive) and other literal blocks are skipped; the bodies of other
directives (``.. note::``) are read as prose. Blank lines inside a ``math`` body separate its
equations, as Sphinx renders them. A title is a line underlined (and maybe overlined) with a
punctuation character; levels follow the order in which the adornments first appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from derivetex.verify.document.blocks import MathBlock, with_parents
from derivetex.verify.document.prose_claims import claim_blocks

_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+([A-Za-z][\w:-]*)::(.*)$")
_COMMENT = re.compile(r"^(\s*)\.\.(?:\s|$)")
_OPTION = re.compile(r"^\s*:[\w-]+:")
_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}\s*$")
_ROLE = re.compile(r":math:`([^`]+)`")
_LITERAL = re.compile(r"``.+?``|:[\w-]+:`[^`]*`|`[^`]*`_*")
_EMPHASIS = re.compile(r"\*{1,2}(?=[^\s*])([^*]*?[^\s*])\*{1,2}")
_CODE_DIRECTIVES = {"code-block", "code", "sourcecode", "literalinclude", "highlight", "raw"}


@dataclass
class _Page:
    lines: list[str]
    blocks: list[MathBlock] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    adornments: list[tuple[str, bool]] = field(default_factory=list)
    section: int = 0


def rst_blocks(text: str) -> list[MathBlock]:
    """Every math block of a reStructuredText page, in source order."""
    page = _Page(text.split("\n"))
    index = 0
    while index < len(page.lines):
        index = _step(page, index)
    page.blocks.sort(key=lambda block: block.line)
    return with_parents(page.blocks, page.levels)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _body_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the last line of the body indented deeper than ``indent``."""
    end = start
    for index in range(start, len(lines)):
        if lines[index].strip() and _indent(lines[index]) <= indent:
            break
        end = index + 1
    return end


def _step(page: _Page, index: int) -> int:
    """Read the construct at line ``index``; the index of the next line to read."""
    line = page.lines[index]
    directive = _DIRECTIVE.match(line)
    if directive is not None:
        indent, name = len(directive.group(1)), directive.group(2)
        end = _body_end(page.lines, index + 1, indent)
        if name == "math":
            _math_directive(page, index, end, directive.group(3))
            return end
        if name in _CODE_DIRECTIVES:
            return end
        return index + 1  # .. note:: and the like: the body is prose, read line by line
    if _COMMENT.match(line):
        return _body_end(page.lines, index + 1, _indent(line))
    if _title(page, index):
        return index + 2
    _prose_line(page, index)
    if line.rstrip().endswith("::") and not _OPTION.match(line):
        return _body_end(page.lines, index + 1, _indent(line))  # a literal block follows
    return index + 1


def _title(page: _Page, index: int) -> bool:
    """Whether line ``index`` is a title (its underline on the next line); records it."""
    lines = page.lines
    if index + 1 >= len(lines) or not lines[index].strip() or _ADORNMENT.match(lines[index]):
        return False
    under = _ADORNMENT.match(lines[index + 1])
    if under is None or len(lines[index + 1].strip()) < len(lines[index].strip()) - 1:
        return False
    over = index > 0 and lines[index - 1].strip() == lines[index + 1].strip()
    style = (under.group(1), over)
    if style not in page.adornments:
        page.adornments.append(style)
    page.section += 1
    page.levels.append(page.adornments.index(style) + 1)
    return True


def _math_directive(page: _Page, index: int, end: int, argument: str) -> None:
    """One display block per equation of a ``.. math::`` (blank lines separate them)."""
    pieces: list[tuple[int, list[str]]] = []
    if argument.strip():
        pieces.append((index + 1, [argument]))
    current: list[str] = []
    first = 0
    for number in range(index + 1, end):
        line = page.lines[number]
        if not current and _OPTION.match(line):
            continue
        if line.strip():
            if not current:
                first = number + 1
            current.append(line.strip())
        elif current:
            pieces.append((first, current))
            current = []
    if current:
        pieces.append((first, current))
    for first_line, rows in pieces:
        page.blocks.append(MathBlock("\n".join(rows), first_line, True, page.section))


def _prose_line(page: _Page, index: int) -> None:
    """The ``:math:`` roles of a line of prose, and its closed numeric claims."""
    line = page.lines[index]
    for role in _ROLE.finditer(line):
        page.blocks.append(MathBlock(role.group(1), index + 1, False, page.section))
    prose = _EMPHASIS.sub(r" \1 ", _LITERAL.sub(" § ", line))
    if not _ADORNMENT.match(line) and not _OPTION.match(line):
        page.blocks.extend(claim_blocks([(index + 1, prose)], page.section))

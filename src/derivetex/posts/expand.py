"""Render one post: every block's derivation, in the post's flavor, between its markers.

Equation tags go on across the blocks of a post: a second block of chapter 5 starts at
(5.3) when the first took (5.1) and (5.2). Every block is derived (and so verified) before
the post's new text exists; a block that fails is an InputError naming file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from derivetex.api import derive
from derivetex.config import build_config
from derivetex.errors import DerivetexError
from derivetex.posts.blocks import BEGIN, END, Block, block_options, find_blocks
from derivetex.posts.frontmatter import flavor_of, front_matter_lines
from derivetex.render.formats import render_markdown


@dataclass(frozen=True)
class Expansion:
    """A block and the generated part it should have (marker lines included)."""

    block: Block
    text: str
    flavor: str

    def state(self, lines: list[str]) -> str:
        """``fresh``, ``stale`` (the generated part differs) or ``missing`` (none yet)."""
        if self.block.generated is None:
            return "missing"
        start, end = self.block.generated
        return "fresh" if "".join(lines[start:end]) == self.text else "stale"


def expansions(text: str, path: str, flavor: str | None = None) -> list[Expansion]:
    """What every block of the post renders to now; ``flavor`` unless the post names one."""
    chosen = flavor_of(text, path) or flavor or "katex"
    next_tag: dict[int | None, int] = {}
    last_chapter: int | None = None
    found = []
    for block in find_blocks(text, path, front_matter_lines(text)):
        where = block.where(path)
        try:
            options = block_options(block.source, where, Path(path).parent)
        except DerivetexError as error:
            if str(error).startswith(where):
                raise
            raise type(error)(f"{where}: derivetex block: {error}") from None
        try:
            if options.get("chapter") is None and next_tag:  # a spec goes on in the post's
                options = {**options, "chapter": last_chapter}  # chapter, not alone at (1)
            config = build_config(**options, formats=["md"], output="-", flavor=chosen)
            config = replace(config, first_tag=next_tag.get(config.chapter, 1))
            document = derive(config)
        except DerivetexError as error:
            raise type(error)(f"{where}: derivetex block: {error}") from None
        tags = sum(1 for chain in document.derivation.chains if chain.tag)
        next_tag[config.chapter] = config.first_tag + tags
        last_chapter = config.chapter
        markdown = render_markdown(document.derivation, config, standalone=False)
        found.append(Expansion(block, f"{BEGIN}\n\n{markdown}\n{END}\n", chosen))
    return found


def lines_of(text: str) -> list[str]:
    """The post's lines, each with its own line end (the last may have none)."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def expanded(text: str, found: list[Expansion]) -> str:
    """``text`` with every generated part replaced or, where missing, put after its fence."""
    lines = lines_of(text)
    for expansion in reversed(found):  # from the bottom, so earlier line numbers hold
        block = expansion.block
        if block.generated is not None:
            start, end = block.generated
            lines[start:end] = [expansion.text]
        else:
            at = block.after_fence
            if not lines[at - 1].endswith("\n"):
                lines[at - 1] += "\n"
            lines[at:at] = ["\n", expansion.text]
    return "".join(lines)

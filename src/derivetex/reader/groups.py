r"""Look ahead into a bracket before deciding what the name in front of it does.

``KL[p \| q]`` and ``\mathrm{z}(u, v)`` are applications whatever the name: a divergence bar
or a comma at the bracket's top level has no meaning in a product (a number times a pair is
not a number), so only the application reading is left.
"""

from __future__ import annotations

from derivetex.reader.tokens import Token

_OPENERS = {"(", "[", "{", r"\{"}
_CLOSERS = {")", "]", "}", r"\}"}
DIVERGENCE_BARS = frozenset({r"\|", r"\Vert", r"\parallel"})


def top_level_inside(tokens: list[Token], at: int) -> list[str] | None:
    """The texts at depth 0 inside the bracket opening at ``tokens[at]`` (inner brackets
    left out), or ``None`` when it does not close."""
    texts: list[str] = []
    depth = 0
    for token in tokens[at + 1 :]:
        if token.text in _CLOSERS:
            if depth == 0:
                return texts
            depth -= 1
        elif token.text in _OPENERS:
            depth += 1
        elif depth == 0:
            texts.append(token.text)
    return None


def lists_arguments(tokens: list[Token], at: int) -> bool:
    """``(u, v)`` after a name: arguments, since a product with a pair means nothing."""
    inside = top_level_inside(tokens, at)
    return inside is not None and "," in inside


def divergence_follows(tokens: list[Token], at: int) -> bool:
    """``[p \\| q]`` after a name: the two arguments of a divergence."""
    inside = top_level_inside(tokens, at)
    return inside is not None and bool(DIVERGENCE_BARS & set(inside))


def set_builder(tokens: list[Token], at: int) -> bool:
    """``\\{ i \\mid p_i \\neq 0 \\}`` (or with ``|``, ``:``): a set written by a condition."""
    inside = top_level_inside(tokens, at)
    return inside is not None and bool({r"\mid", "|", ":"} & set(inside))

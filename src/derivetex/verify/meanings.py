r"""Meanings ML writing gives a notation without defining it, used unless the document does.

``\sigma(z)`` is the logistic sigmoid in a document that speaks of the sigmoid (or logistic)
function; ``\mathcal{N}(x \mid \mu, \sigma^2)`` is the normal density, its second parameter
the variance. A definition in the document still wins. Each is built only for a document
that uses it: building ``exp`` makes SymPy import its combinatorics, 20 ms a run.
"""

from __future__ import annotations

import re
from functools import cache

import sympy

_MENTIONS_SIGMOID = re.compile(r"sigmoid|logistic|シグモイド|ロジスティック", re.IGNORECASE)


@cache
def _sigmoid() -> sympy.Lambda:
    x = sympy.Symbol("x")
    return sympy.Lambda(x, 1 / (1 + sympy.exp(-x)))


@cache
def _gaussian() -> sympy.Lambda:
    x, m, v = sympy.symbols("x m v")
    return sympy.Lambda(
        (x, m, v), sympy.exp(-((x - m) ** 2) / (2 * v)) / sympy.sqrt(2 * sympy.pi * v)
    )


def built_in(text: str) -> dict[str, sympy.Lambda]:
    """The meanings ``text`` may rely on, keyed by the reader's function names."""
    meanings: dict[str, sympy.Lambda] = {}
    if r"\mathcal{N}" in text or r"\mathcal N" in text:
        meanings[r"\mathcal{N}(|,"] = _gaussian()
    if _MENTIONS_SIGMOID.search(text):
        meanings[r"\sigma("] = _sigmoid()
    return meanings

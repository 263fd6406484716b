r"""Meanings ML writing gives a notation without defining it, used unless the document does.

``\sigma(z)`` is the logistic sigmoid in a document that speaks of the sigmoid (or logistic)
function; in one that speaks of softmax, ``\mathrm{softmax}(z)_i``, ``\sigma_i(z)`` and
``\sigma(z)_i`` are the softmax's i-th component e^{z_i} / Σ_j e^{z_j}, over as many components
as a bound ``#classes`` says (checked at 1..6 like any unwritten bound);
``\mathcal{N}(x \mid \mu, \sigma^2)`` is the normal density, its second parameter the
variance; in one that speaks of entropy or divergence, H(p), H(p, q) and D_KL(p ‖ q) are
their discrete definitions (``verify.information``). A definition in the document still
wins. Meanings are keyed by the reader's function name and the number of arguments. Each is
built only for a document that uses it: building ``exp`` makes SymPy import its
combinatorics, 20 ms a run.
"""

from __future__ import annotations

import re
from functools import cache

import sympy

from derivetex.verify.readings import information
from derivetex.verify.readings.information import Meaning

_MENTIONS_SIGMOID = re.compile(r"sigmoid|logistic|シグモイド|ロジスティック", re.IGNORECASE)
_MENTIONS_INFORMATION = re.compile(
    r"entropy|divergence|Kullback|\bKL\b|D_\{?\\?(?:mathrm|text)?\{?KL|エントロピー|ダイバージェンス",
    re.IGNORECASE,
)
_LOG2 = re.compile(r"\\log_\{?2\}?|\\lg\b")
_MENTIONS_SOFTMAX = re.compile(r"soft-?max|ソフトマックス", re.IGNORECASE)
SOFTMAX_BOUND = sympy.Symbol("#classes")


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


@cache
def _softmax() -> sympy.Lambda:
    i, z, j = sympy.symbols("i z j")
    components = sympy.IndexedBase(z)
    total = sympy.Sum(sympy.exp(components[j]), (j, 1, SOFTMAX_BOUND))
    return sympy.Lambda((i, z), sympy.exp(components[i]) / total)


def built_in(text: str) -> dict[str, Meaning]:
    """The meanings ``text`` may rely on, keyed ``name/arity`` (``\\sigma(/1``)."""
    meanings: dict[str, Meaning] = {}
    if _MENTIONS_INFORMATION.search(text):
        meanings.update(information.meanings())
    if r"\mathcal{N}" in text or r"\mathcal N" in text:
        meanings[r"\mathcal{N}(|,/3"] = _gaussian()
    if _MENTIONS_SIGMOID.search(text):
        meanings[r"\sigma(/1"] = _sigmoid()
    if _MENTIONS_SOFTMAX.search(text):
        for name in (r"\sigma(", "softmax(", r"\mathrm{softmax}(", r"\operatorname{softmax}("):
            meanings[f"{name}/2"] = _softmax()
    return meanings


def random_variable_meanings(
    text: str, meanings: dict[str, Meaning], base: int | None = None
) -> list[dict[str, Meaning]] | None:
    """``meanings`` with entropies of random variables and their probabilities read over one
    joint distribution (``verify.random_variables``), for a document whose entropies are of
    random variables; ``None`` for any other. In natural logarithms, and also in bits for a
    document that writes log₂; only in ``base`` when the settings state one."""
    if not _MENTIONS_INFORMATION.search(text):
        return None
    from derivetex.verify.readings import random_variables  # only documents about information

    variables = random_variables.variables_in(text)
    if variables is None:
        return None
    bases: list[int | None] = [None, 2] if _LOG2.search(text) else [None]
    if base is not None:
        bases = [base]
    found = []
    for base in bases:
        variant = dict(meanings)
        for key, meaning in random_variables.meanings(*variables, base=base).items():
            variant[key] = _first_of(meaning, meanings.get(key))
        found.append(variant)
    return found


def _first_of(meaning: Meaning, fallback: Meaning | None) -> Meaning:
    """``meaning`` where it applies (H of a random variable), else ``fallback`` (H of a
    distribution p)."""
    if fallback is None:
        return meaning

    def either(*args: sympy.Basic) -> sympy.Expr | None:
        found = meaning(*args)
        return found if found is not None else fallback(*args)

    return either


def in_base(meanings: dict[str, Meaning], base: int | None) -> dict[str, Meaning]:
    """``meanings`` with the logarithms of derivetex's own definitions (H, KL) to ``base``,
    the settings' base of a bare ``\\log``; as they are for None."""
    if base is None:
        return meanings
    from derivetex.judge.diagnosis import to_base

    def rebased(meaning: Meaning) -> Meaning:
        if isinstance(meaning, sympy.Lambda):
            return meaning  # sigmoid, Gaussian, softmax: no logarithm

        def taken(*args: sympy.Basic) -> sympy.Expr | None:
            found = meaning(*args)
            return None if found is None else to_base(found, base)

        return taken

    return {key: rebased(meaning) for key, meaning in meanings.items()}

"""Recognise a link that replaces symbols by numbers: ``t_{1} \\log y_{1} = 1 \\cdot 0.33``.

The two sides are compared as sequences of atoms (symbols and numbers) in writing order; if
they line up except where a symbol on the left faces a number on the right, those pairs are
proposed as bindings. The proposal is only a guess: the caller accepts it only if the left
side with the bindings applied equals the right side.
"""

from __future__ import annotations

import re

import sympy

from derivetex.verify.readings.side import read

_ATOM = re.compile(r"\\[A-Za-z]+|[A-Za-z](?:_(?:\{[^{}]*\}|[A-Za-z0-9]))?|\d+(?:\.\d+)?|\.\d+")
_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "iota",
    "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "phi", "varphi", "chi",
    "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega",
}  # fmt: skip
_NUMBER = re.compile(r"\d+(?:\.\d+)?|\.\d+")


def atoms(latex: str) -> list[str]:
    """Symbols and numbers in writing order, subscripts braced (``y_1`` -> ``y_{1}``)."""
    found: list[str] = []
    for token in _ATOM.findall(latex):
        if token.startswith("\\") and token[1:] not in _GREEK:
            continue
        found.append(re.sub(r"_([A-Za-z0-9])$", r"_{\1}", token))
    return found


def propose(left: str, right: str) -> dict[sympy.Basic, sympy.Rational] | None:
    """Bindings symbol -> number that turn ``left`` into ``right`` atom by atom, if any."""
    a, b = atoms(left), atoms(right)
    if len(a) != len(b):
        return None
    pairs: dict[str, str] = {}
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if _NUMBER.fullmatch(x) or not _NUMBER.fullmatch(y) or pairs.get(x, y) != y:
            return None
        pairs[x] = y
    bindings: dict[sympy.Basic, sympy.Rational] = {}
    for name, number in pairs.items():
        symbol = read(name).expr
        if symbol is None or symbol.is_number:
            return None
        bindings[symbol] = sympy.Rational(number)
    return bindings or None

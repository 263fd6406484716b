r"""``\lim_{x \to 0^+} x \log x``: a limit of an expression in its one variable, taken.

Written in ML notes for conventions such as 0 log 0 = 0. The limit is read only when it is a
number SymPy finds exactly -- the body uses no name but the variable, no sum or unknown
function -- and is finite; anything else is left unread rather than guessed.
"""

from __future__ import annotations

import sympy
from sympy.calculus.accumulationbounds import AccumBounds
from sympy.core.function import AppliedUndef

from derivetex.reader.tokens import Token

ARROWS = frozenset({r"\to", r"\rightarrow", r"\longrightarrow", r"\searrow", r"\nearrow"})
_SIDES = {"+": "+", "-": "-"}
MAX_OPERATIONS = 30
"""A longer body is not given to SymPy's limit, which can take long on nested exponentials."""


class NoLimit(Exception):
    """The limit is not a number this reader can take with certainty."""


def approach(under: list[Token]) -> tuple[list[Token], list[Token], str]:
    """The variable's tokens, the point's tokens and the side (``+``, ``-`` or ``+-``) of
    the subscript ``x \\to 0^{+}``."""
    texts = [t.text for t in under]
    cuts = [i for i, text in enumerate(texts) if text in ARROWS]
    if len(cuts) != 1:
        raise NoLimit("a limit whose subscript is not 'variable \\to point'")
    (cut,) = cuts
    variable, point = under[:cut], under[cut + 1 :]
    side = "+-"
    tail = [t.text for t in point[-4:]]
    if tail[-2:-1] == ["^"] and tail[-1] in _SIDES:
        side, point = _SIDES[tail[-1]], point[:-2]
    elif tail[-4:] in (["^", "{", "+", "}"], ["^", "{", "-", "}"]):
        side, point = tail[-2], point[:-4]
    if not variable or not point:
        raise NoLimit("a limit without its variable or its point")
    return variable, point, side


def take(body: sympy.Expr, variable: sympy.Basic, point: sympy.Expr, side: str) -> sympy.Expr:
    """The limit's exact value."""
    if not isinstance(variable, sympy.Symbol):
        raise NoLimit("a limit in something other than a name")
    if body.free_symbols - {variable} or point.free_symbols:
        raise NoLimit("a limit of an expression with other names")
    if body.atoms(sympy.Sum, sympy.Product, sympy.Integral, sympy.Derivative, AppliedUndef):
        raise NoLimit("a limit of an expression this reader does not take")
    if sympy.count_ops(body) > MAX_OPERATIONS:
        raise NoLimit("a limit of an expression too long to take here")
    try:
        value = sympy.limit(body, variable, point, side)
    except (NotImplementedError, ValueError, TypeError, RecursionError) as error:
        raise NoLimit(f"SymPy cannot take the limit ({type(error).__name__})") from error
    if value.has(sympy.Limit, AccumBounds) or not value.is_finite:
        raise NoLimit("a limit that is not a finite number")
    return sympy.sympify(value)

"""A summand evaluated at every index of a long range at once, in floats, column by column.

Walking the tree once per term costs ~10 µs a term; evaluating each node once for the whole
range (a list of floats per node, `map` over it) costs well under 1 µs a term, which is what
lets every one of 10 000 terms be checked at every random point. The semantics are those of
the term-by-term walk in `numeric`: a factor that is exactly zero makes its term zero
(0 * log 0 = 0), a logarithm of a non-positive number is an error.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

import mpmath
import sympy as sp

from derivetex.model.logs import LogBase
from derivetex.model.values import Column

Values = list[Any]


class Unsupported(Exception):
    """A node this evaluator leaves to the term-by-term walk."""


Constant = Callable[[sp.Expr], Any]
"""The float value of a node free of the index: the caller's walk computes it (columns sit
below `numeric`, which calls them; nothing here reaches back into it)."""


def summand_values(
    body: sp.Expr, index: sp.Symbol, low: int, high: int, env: dict[Any, Any],
    constant: Constant,
) -> Values:
    """The float value of ``body`` at index = low .. high; ``env`` as in `numeric.evaluate`,
    ``constant`` the value of a part that does not depend on the index.

    Raises ValueError where a term takes the logarithm of a non-positive number."""
    values = _column(body, index, range(low, high + 1), env, constant)
    if any(v is _UNDEFINED for v in values):
        raise ValueError("log of a non-positive number")
    return values


_UNDEFINED: Any = object()
"""A term's value where it is not defined (log 0): an error unless a zero factor absorbs it."""


def _column(
    node: sp.Expr, index: sp.Symbol, span: range, env: dict[Any, Any], constant: Constant
) -> Values:
    if node == index:
        return [float(i) for i in span]
    if isinstance(node, sp.Indexed):
        if node.indices != (index,):
            raise Unsupported(node)
        name = node.base.label.name
        column = getattr(env, "column", None)  # a Point draws a whole column at once
        return column(name, span) if column else [env[(name, i)] for i in span]
    if isinstance(node, Column):
        if node.index != index:
            raise Unsupported(node)
        floats = node.floats
        return [floats[i - 1] for i in span]
    if index not in node.free_symbols:
        return [constant(node)] * len(span)

    def part(child: sp.Expr) -> Values:
        return _column(child, index, span, env, constant)

    if isinstance(node, sp.Add):
        parts = [part(arg) for arg in node.args]
        rows = zip(*parts, strict=True)
        return [_UNDEFINED if _UNDEFINED in row else math.fsum(row) for row in rows]
    if isinstance(node, sp.Mul):
        return _product_column([part(arg) for arg in node.args])
    if isinstance(node, sp.Pow):
        return _binary(pow, part(node.base), part(node.exp))
    if isinstance(node, sp.log):
        return [_log(x) for x in part(node.args[0])]
    if isinstance(node, LogBase):
        return _binary(operator.truediv, [_log(x) for x in part(node.args[0])],
                       [_log(x) for x in part(node.args[1])])
    if isinstance(node, sp.exp):
        return [x if x is _UNDEFINED else math.exp(x)
                for x in part(node.args[0])]
    raise Unsupported(node)


def _log(x: Any) -> Any:
    return math.log(x) if x is not _UNDEFINED and x > 0 else _UNDEFINED


def _binary(op: Callable[[Any, Any], Any], left: Values, right: Values) -> Values:
    return [_UNDEFINED if a is _UNDEFINED or b is _UNDEFINED else op(a, b)
            for a, b in zip(left, right, strict=True)]


def _product_column(parts: list[Values]) -> Values:
    """Factor by factor, a zero factor absorbing an undefined one (0 * log 0 = 0)."""
    out: Values = []
    for row in zip(*parts, strict=True):
        if 0 in row:
            out.append(0.0)
        elif _UNDEFINED in row:
            out.append(_UNDEFINED)
        else:
            value = row[0]
            for v in row[1:]:
                value = value * v
            out.append(value)
    return out


def product(values: Values) -> Any:
    """The product of many floats without leaving the float range on the way: mantissa and
    binary exponent kept apart (exact: scaling by 2 loses nothing), an mpmath number when the
    result itself is beyond floats (10 000 random factors easily are)."""
    mantissa, exponent = 1.0, 0
    for v in values:
        if v == 0:
            return 0.0
        mantissa, shift = math.frexp(mantissa * v)
        exponent += shift
    if -1000 < exponent < 1000:
        return math.ldexp(mantissa, exponent)
    return mpmath.ldexp(mpmath.mpf(mantissa), exponent)

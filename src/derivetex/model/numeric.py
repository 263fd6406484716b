"""Numeric evaluation of our expression trees, term by term, in two independent arithmetics.

`lambdify` of a 10 000-term sum fails with RecursionError and `evalf` is slow there, so we walk
the tree ourselves: once with IEEE floats (math.fsum, math.log) and once with mpmath at 40
digits. Two different ways, so a printed number is computed twice. Where floats overflow
(a random point raised to a power in the thousands) the float walk is redone in mpmath.

0 * log(0) is taken as 0 (the limit of t log t and the usual convention for labels t_k = 0).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import mpmath
import sympy as sp

from derivetex.errors import LimitExceeded
from derivetex.model import columns
from derivetex.model.arithmetic import FLOAT, MPMATH, Arithmetic
from derivetex.model.logs import LogBase
from derivetex.model.values import Column
from derivetex.model.written import LAZY_ABOVE

MAX_ITERATIONS = 1_000_000
"""Cap on the terms a Sum/Product may expand to while evaluating."""


class Point(dict[Any, Any]):
    """Values for symbols and indexed atoms, drawn from `draw` the first time each is needed.

    Keys are symbols, or (base name, integer index) for indexed atoms, so a sum over k can
    bind k and look y_k up without building SymPy objects.
    """

    def __init__(
        self, draw: Callable[[], float] | None = None,
        draw_many: Callable[[int], list[float]] | None = None,
    ) -> None:
        super().__init__()
        self._draw = draw
        self._draw_many = draw_many
        """n values at once, the same as n calls of draw."""
        self._columns: dict[tuple[str, range], list[Any]] = {}

    def __missing__(self, key: object) -> Any:
        if self._draw is None:
            raise KeyError(f"no value for {key}")
        value = self[key] = self._draw()
        return value

    def column(self, name: str, span: range) -> list[Any]:
        """The values of name_i for i in span, the missing ones drawn in that order (one
        call for 10 000 values: the per-key lookup was a third of a large check)."""
        cached = self._columns.get((name, span))
        if cached is not None:  # the other side of a comparison: the same values
            return cached
        keys = [(name, i) for i in span]
        get = self.get
        values: list[Any] = [get(key) for key in keys]
        if self._draw_many is not None and all(v is None for v in values):
            values = list(self._draw_many(len(keys)))
            self.update(zip(keys, values, strict=True))
        elif None in values:
            values = [self[key] for key in keys]
        self._columns[(name, span)] = values
        return values


def evaluate(expr: sp.Expr, env: Mapping[Any, Any], arith: Arithmetic = FLOAT) -> Any:
    """The value of expr; env maps symbols and (base name, index) pairs to numbers."""
    point = env if isinstance(env, Point) else Point()
    if point is not env:
        point.update(env)
    with mpmath.workdps(40):
        try:
            return _eval(expr, point, arith)
        except OverflowError:
            if arith is not FLOAT:
                raise
            # A float left the IEEE range (3.0 ** 2000 at a random point): redo it in mpmath,
            # whose exponents are unbounded. The value is an mpf, compared like a float.
            return _eval(expr, point, MPMATH)


def _eval(expr: sp.Expr, env: Point, arith: Arithmetic) -> Any:
    if isinstance(expr, sp.Indexed):
        base, index = expr.args  # args, not .base/.indices: this is the hot path at K = 10 000
        position = int(index) if index.is_Integer else int(_eval(index, env, arith))
        return env[(base.args[0].name, position)]
    if isinstance(expr, sp.Symbol):
        return env[expr]
    if isinstance(expr, Column):
        return arith.number(expr.values[int(_eval(expr.index, env, arith)) - 1])
    if expr.is_Number:
        return arith.number(expr)
    if isinstance(expr, sp.Add):
        return arith.fsum([_eval(a, env, arith) for a in expr.args])
    if isinstance(expr, sp.Mul):
        return _eval_mul(expr, env, arith)
    if isinstance(expr, sp.Pow):
        return arith.power(_eval(expr.base, env, arith), _eval(expr.exp, env, arith))
    if isinstance(expr, sp.log):
        return arith.log(_eval(expr.args[0], env, arith))
    if isinstance(expr, LogBase):
        return arith.log(_eval(expr.args[0], env, arith)) / arith.log(
            _eval(expr.args[1], env, arith)
        )
    if isinstance(expr, (sp.Sum, sp.Product)):
        return _eval_series(expr, env, arith)
    if isinstance(expr, sp.exp):
        return arith.exp(_eval(expr.args[0], env, arith))
    if isinstance(expr, sp.factorial):
        return arith.factorial(_eval(expr.args[0], env, arith))
    if expr is sp.pi:
        return arith.number(sp.pi)
    if expr is sp.E:
        return arith.number(sp.E)
    raise KeyError(f"cannot evaluate {expr}")


def _eval_mul(expr: sp.Mul, env: Point, arith: Arithmetic) -> Any:
    """Product of the factors; a factor that is exactly zero wins (0 * log 0 = 0)."""
    if any(factor.is_Number and factor == 0 for factor in expr.args):
        return arith.number(sp.Integer(0))
    values = [_eval(factor, env, arith) for factor in expr.args]
    if any(v == 0 for v in values):
        return arith.number(sp.Integer(0))
    result = values[0]
    for v in values[1:]:
        result = result * v
    return result


def _eval_series(expr: sp.Expr, env: Point, arith: Arithmetic) -> Any:
    *inner, (index, lower, upper) = expr.limits
    if inner:  # sum_n sum_k f: the outer index n runs over the inner sum
        expr = expr.func(expr.func(expr.function, *inner), (index, lower, upper), evaluate=False)
    low, high = int(_eval(lower, env, arith)), int(_eval(upper, env, arith))
    if high - low + 1 > MAX_ITERATIONS:
        raise LimitExceeded(f"a sum or product of {high - low + 1} terms is over the cap")
    if arith is FLOAT and not inner and high - low + 1 > LAZY_ABOVE:
        try:  # every term at once, column by column: ~20x faster on long ranges
            values = columns.summand_values(expr.function, index, low, high, env,
                                            lambda node: _eval(node, env, FLOAT))
        except columns.Unsupported:
            pass
        else:
            return math.fsum(values) if isinstance(expr, sp.Sum) else columns.product(values)
    values = []
    outer = env.get(index)
    for i in range(low, high + 1):
        env[index] = i
        values.append(_eval(expr.function, env, arith))
    if outer is None:
        del env[index]
    else:
        env[index] = outer
    if isinstance(expr, sp.Sum):
        return arith.fsum(values)
    result = arith.number(sp.Integer(1))
    for v in values:
        result = result * v
    return result

"""The two arithmetics every numeric evaluation uses: IEEE floats and 40-digit mpmath.

They live below both evaluators (`numeric`, the term-by-term walk, and `columns`, a whole
range of terms at once), so neither needs the other's private parts to compute a number.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy as sp


@dataclass(frozen=True)
class Arithmetic:
    """The operations one evaluation uses."""

    name: str
    number: Callable[[sp.Expr], Any]
    log: Callable[[Any], Any]
    fsum: Callable[[list[Any]], Any]
    power: Callable[[Any, Any], Any]
    exp: Callable[[Any], Any]
    factorial: Callable[[Any], Any]


def _float_number(expr: sp.Expr) -> float:
    if expr.is_Integer:
        return float(int(expr))
    return float(expr)


def _float_log(x: float) -> float:
    if x <= 0:
        raise ValueError(f"log of a non-positive number {x}")
    if isinstance(x, mpmath.mpf):  # a product beyond the float range (columns.product)
        return float(mpmath.log(x))
    return math.log(x)


def _mp_number(expr: sp.Expr) -> Any:
    if isinstance(expr, sp.Rational):
        return mpmath.mpf(int(expr.p)) / int(expr.q)
    return mpmath.mpf(str(sp.Float(expr, 40)))


def _mp_log(x: Any) -> Any:
    if x <= 0:
        raise ValueError(f"log of a non-positive number {x}")
    return mpmath.log(x)


FLOAT = Arithmetic(
    "float", _float_number, _float_log, math.fsum, lambda a, b: a**b, math.exp,
    lambda x: math.gamma(x + 1),
)
MPMATH = Arithmetic(
    "mpmath", _mp_number, _mp_log, mpmath.fsum, lambda a, b: mpmath.power(a, b), mpmath.exp,
    mpmath.factorial,
)

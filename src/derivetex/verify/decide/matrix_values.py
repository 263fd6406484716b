"""Values of matrix expressions at random matrices, with their shapes checked.

Plain floats in lists: the matrices are 3×3 and the vectors have 3 components, so the
arithmetic is a few hundred multiplications and needs neither SymPy nor NumPy.

A scalar written as a name or a number is ``plain``; a 1×1 that came out of products
(``\\mathbf{x}^\\top\\Sigma^{-1}\\mathbf{x}``) is a matrix that happens to be 1×1. Both scale
anything they multiply, but only a plain scalar may be added to a matrix, and then the
meaning (λI or every entry) is unclear: :class:`Unclear`. A product or a sum whose shapes
cannot meet is :class:`ShapeMismatch` -- ``firm`` when a capital matrix or a transpose is
involved, so that bold lower-case letters that a writer uses for matrices (``\\mathbf{w}``)
never make a mismatch on their own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


class Unclear(ValueError):
    """The value is not determined by the notation (a scalar added to a matrix)."""


class ShapeMismatch(ValueError):
    def __init__(self, message: str, firm: bool) -> None:
        super().__init__(message)
        self.firm = firm


@dataclass(frozen=True)
class Value:
    rows: int
    cols: int
    data: tuple[tuple[float, ...], ...]
    plain: bool = False
    firm: bool = False
    """Whether a capital matrix or a transpose went into it (its shape is certain)."""
    slack: tuple[tuple[float, ...], ...] | None = None
    """How far each entry may be off: half a unit of the last digit a written-out matrix
    shows for it (``None``: exact)."""

    @property
    def shape(self) -> str:
        return "scalar" if self.plain else f"{self.rows}×{self.cols}"

    @property
    def scalar(self) -> float | None:
        return self.data[0][0] if self.rows == self.cols == 1 else None


def scalar(x: float) -> Value:
    return Value(1, 1, ((x,),), plain=True)


def matrix(rows: list[list[float]], firm: bool) -> Value:
    return Value(len(rows), len(rows[0]), tuple(tuple(r) for r in rows), firm=firm)


def add(a: Value, b: Value) -> Value:
    firm = a.firm or b.firm
    if (a.plain or b.plain) and (a.rows, a.cols) != (b.rows, b.cols):
        raise Unclear("a scalar added to a matrix")
    if (a.rows, a.cols) != (b.rows, b.cols):
        raise ShapeMismatch(f"adds a {a.shape} and a {b.shape}", firm)
    data = tuple(
        tuple(x + y for x, y in zip(ra, rb, strict=True))
        for ra, rb in zip(a.data, b.data, strict=True)
    )
    return Value(a.rows, a.cols, data, a.plain and b.plain, firm)


def _scaled(k: float, a: Value, plain: bool, firm: bool) -> Value:
    return Value(a.rows, a.cols, tuple(tuple(k * x for x in r) for r in a.data), plain, firm)


def multiply(a: Value, b: Value) -> Value:
    """A 1×1 scales the other factor; otherwise the shapes must meet."""
    firm = a.firm or b.firm
    if a.scalar is not None:
        return _scaled(a.scalar, b, a.plain and b.plain, firm)
    if b.scalar is not None:
        return _scaled(b.scalar, a, False, firm)
    if a.cols != b.rows:
        raise ShapeMismatch(f"multiplies a {a.shape} by a {b.shape}", firm)
    data = tuple(
        tuple(math.fsum(a.data[i][k] * b.data[k][j] for k in range(a.cols)) for j in range(b.cols))
        for i in range(a.rows)
    )
    return Value(a.rows, b.cols, data, firm=firm)


def transpose(a: Value) -> Value:
    if a.plain:
        return a
    data = tuple(tuple(a.data[i][j] for i in range(a.rows)) for j in range(a.cols))
    return Value(a.cols, a.rows, data, firm=True)


def inverse(a: Value) -> Value:
    if a.rows == a.cols == 1:
        if a.data[0][0] == 0:
            raise ZeroDivisionError("inverse of 0")
        return Value(1, 1, ((1 / a.data[0][0],),), a.plain, a.firm)
    if a.rows != a.cols:
        raise ShapeMismatch(f"inverts a {a.shape}", a.firm)
    n = a.rows
    work = [list(a.data[i]) + [1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(work[r][col]))
        if abs(work[pivot][col]) < 1e-12:
            raise ZeroDivisionError("a singular matrix")
        work[col], work[pivot] = work[pivot], work[col]
        head = work[col][col]
        work[col] = [x / head for x in work[col]]
        for r in range(n):
            if r != col:
                factor = work[r][col]
                work[r] = [x - factor * y for x, y in zip(work[r], work[col], strict=True)]
    return Value(n, n, tuple(tuple(row[n:]) for row in work), firm=True)


def determinant(a: Value) -> Value:
    if a.rows != a.cols:
        raise ShapeMismatch(f"the determinant of a {a.shape}", a.firm)
    if a.rows == 1:
        return scalar(abs(a.data[0][0]) if a.plain else a.data[0][0])
    n, work, det = a.rows, [list(r) for r in a.data], 1.0
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(work[r][col]))
        if work[pivot][col] == 0:
            return scalar(0.0)
        if pivot != col:
            work[col], work[pivot] = work[pivot], work[col]
            det = -det
        det *= work[col][col]
        for r in range(col + 1, n):
            factor = work[r][col] / work[col][col]
            work[r] = [x - factor * y for x, y in zip(work[r], work[col], strict=True)]
    return scalar(det)


def scalar_function(name: str, a: Value) -> Value:
    """log, exp or sqrt of a scalar (of a matrix it would be elementwise or a matrix
    function: unclear)."""
    x = a.scalar
    if x is None:
        raise Unclear(f"{name} of a matrix")
    fn = {"log": math.log, "exp": math.exp, "sqrt": math.sqrt}[name]
    return Value(1, 1, ((fn(x),),), a.plain, a.firm)


def norm(a: Value) -> Value:
    """The Euclidean norm of a vector (Frobenius of a matrix; |x| of a scalar)."""
    size = math.sqrt(math.fsum(x * x for row in a.data for x in row))
    return Value(1, 1, ((size,),), a.plain, a.firm)


def trace(a: Value) -> Value:
    if a.rows != a.cols:
        raise ShapeMismatch(f"the trace of a {a.shape}", a.firm)
    return Value(1, 1, ((math.fsum(a.data[i][i] for i in range(a.rows)),),), a.plain, a.firm)


def close(a: Value, b: Value, tolerance: float = 1e-9) -> bool:
    """Same shape (a 1×1 and a scalar agree) and every entry equal to ``tolerance``,
    relatively, or within the rounding a written-out matrix shows."""
    if (a.rows, a.cols) != (b.rows, b.cols):
        return False
    return all(
        math.isclose(
            x, y, rel_tol=tolerance, abs_tol=max(_slack(a, i, j), _slack(b, i, j), tolerance)
        )
        for i, (ra, rb) in enumerate(zip(a.data, b.data, strict=True))
        for j, (x, y) in enumerate(zip(ra, rb, strict=True))
    )


def _slack(a: Value, i: int, j: int) -> float:
    return 0.0 if a.slack is None else a.slack[i][j]

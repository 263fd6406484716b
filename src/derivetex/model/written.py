"""Long written-out rows kept as their summand and index range.

`t_1 log y_1 + ... + t_n log y_n` for n = 10 000 is 10 000 SymPy terms: seconds to build
(a `log` node alone costs ~0.1 ms) and tens of MB to hold. A `WrittenSum` keeps the summand
`t_k log y_k` and the range 1..n instead. It *is* the Sum it subclasses (same value, same free
symbols, `doit` writes it out); only the printer shows it written out, and it builds just the
terms it shows. A rule applied to the summand applies to every term at once. Values put in
(t_1 .. t_n = 0, ..., 1) live in a `Column` (`model.values`) that the summand looks up by its
index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any

import sympy as sp

from derivetex.model.symbols import indexed
from derivetex.model.values import Column, IndexedValues

LAZY_ABOVE = 20
"""Rows of more terms than this are kept as summand and range (as in the term-by-term checks,
which start above 40 indexed atoms: 20 terms of y_k^{t_k})."""


class WrittenOut:
    """What WrittenSum and WrittenProduct share: the terms, built one at a time on demand."""

    args: tuple[sp.Expr, ...]
    function: sp.Expr
    limits: tuple[tuple[sp.Expr, sp.Expr, sp.Expr], ...]
    join: type[sp.Add] | type[sp.Mul]
    neutral: sp.Expr

    def __new__(cls, function: sp.Expr, *limits: Any) -> Any:
        """Built directly: Sum's own constructor searches the summand for piecewise parts,
        walking every value of its columns (0.25 s for 10 000 values)."""
        row = sp.Expr.__new__(cls, function, *(sp.Tuple(*limit) for limit in limits))
        row.is_commutative = function.is_commutative
        return row

    @property
    def index(self) -> sp.Symbol:
        return self.limits[0][0]

    @property
    def low(self) -> int:
        return int(self.limits[0][1])

    @property
    def high(self) -> int:
        return int(self.limits[0][2])

    @property
    def count(self) -> int:
        """How many terms the row has."""
        return self.high - self.low + 1

    @cached_property
    def _atoms(self) -> tuple[list[sp.Indexed], list[Column]]:
        body = self.function
        named = [a for a in body.atoms(sp.Indexed) if a.indices == (self.index,)]
        return named, list(_columns(body))

    def term(self, position: int) -> sp.Expr:
        """The term at index ``position``, built unevaluated (as the rules build rows)."""
        named, columns = self._atoms
        mapping: dict[sp.Basic, sp.Expr] = {a: indexed(a.base, position) for a in named}
        mapping.update({c: c.values[position - 1] for c in columns})
        mapping[self.index] = sp.Integer(position)
        return put_in(self.function, mapping)

    @property
    def terms(self) -> Terms:
        return Terms(self)

    def written(self) -> sp.Expr:
        """Every term built: the row as a plain SymPy Add or Mul (slow for long rows)."""
        return self.join(*self.terms, evaluate=False)

    def doit(self, **hints: Any) -> sp.Expr:
        return self.written().doit(**hints)

    def shape_keys(self) -> list[tuple[object, ...]]:
        """What decides the shape of each term, in order: the class of each value put in
        (one pass over each column)."""
        columns = [c.classes[self.low - 1:self.high] for c in self._atoms[1]]
        return list(zip(*columns, strict=True)) if columns else [()] * self.count

    def shape(self, key: tuple[object, ...]) -> sp.Expr:
        """The summand with every value of class ``key`` put in: 0, 1, -1 as themselves,
        other numbers as a positive or negative unknown (a proof for it holds for each)."""
        mapping: dict[sp.Basic, sp.Expr] = {}
        for column, value_class in zip(self._atoms[1], key, strict=True):
            mapping[column] = _stand_in(column, value_class)
        return put_in(self.function, mapping)


def _stand_in(column: Column, value_class: object) -> sp.Expr:
    if isinstance(value_class, int):
        return sp.Integer(value_class)
    if value_class in ("+", "-"):
        return sp.Dummy(str(column.name), positive=value_class == "+",
                        negative=value_class == "-")
    return value_class


class WrittenSum(WrittenOut, sp.Sum):
    """a_1 + a_2 + ... + a_n, kept as the summand a_k and the range (it is Σ_{k=1}^{n} a_k)."""

    join = sp.Add
    neutral = sp.Integer(0)


class WrittenProduct(WrittenOut, sp.Product):
    """a_1 a_2 ... a_n, kept as the factor a_k and the range (it is Π_{k=1}^{n} a_k)."""

    join = sp.Mul
    neutral = sp.Integer(1)


class Terms(Sequence[sp.Expr]):
    """The terms of a written-out row, each built when it is asked for."""

    def __init__(self, row: WrittenOut) -> None:
        self._row = row

    def __len__(self) -> int:
        return self._row.count

    def __getitem__(self, position: Any) -> Any:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self._row.term(self._row.low + position)

    def __iter__(self) -> Iterator[sp.Expr]:
        return (self._row.term(i) for i in range(self._row.low, self._row.high + 1))


def is_lazy(n: int) -> bool:
    """Whether a row of ``n`` terms is kept as summand and range."""
    return n > LAZY_ABOVE


def with_values(row: WrittenOut, values: Mapping[sp.Basic, sp.Expr]) -> sp.Expr:
    """The row with each whole column of ``values`` put in for its name (y_k -> the values
    of y_1..y_n, looked up by k); the row itself when no column covers its range."""
    if not isinstance(values, IndexedValues):
        return row
    mapping: dict[sp.Basic, sp.Expr] = {}
    for atom in row._atoms[0]:
        column = values.column(atom.base)
        if column is not None and row.low == 1 and row.high <= len(column):
            mapping[atom] = Column(sp.Symbol(str(atom.base.label)), column, row.index)
    if not mapping:
        return row
    return type(row)(put_in(row.function, mapping), *row.limits)


def put_in(expr: sp.Expr, mapping: Mapping[sp.Basic, sp.Expr]) -> sp.Expr:
    """``expr`` with ``mapping`` applied top-down, rebuilt unevaluated (SymPy would reorder
    and simplify; the row keeps the shape the derivation wrote)."""
    if expr in mapping:
        return mapping[expr]
    if not expr.args or isinstance(expr, (sp.Indexed, sp.Tuple, Column)):
        return expr
    args = tuple(put_in(arg, mapping) for arg in expr.args)
    if args == expr.args:
        return expr
    if isinstance(expr, (sp.Add, sp.Mul, sp.Pow, sp.Function)):
        return expr.func(*args, evaluate=False)
    return expr.func(*args)


def _columns(expr: sp.Basic) -> Iterator[Column]:
    if isinstance(expr, Column):
        yield expr
        return
    if isinstance(expr, (sp.Indexed, sp.Tuple)):
        return
    for arg in expr.args:
        yield from _columns(arg)


def has_values(row: WrittenOut) -> bool:
    """Whether values were put into the row (its terms are numbers, not one template)."""
    return bool(row._atoms[1])


def rewrite_terms(row: WrittenOut, rewrite: Callable[[sp.Expr], sp.Expr]) -> sp.Expr:
    """``rewrite`` applied to each term of a row with values put in, the terms that become
    the neutral element (0 of a sum, 1 of a product) left out. Each shape is tried once,
    on its stand-in; only the terms that stay are built. The row itself if nothing changes."""
    if not has_values(row):
        return row
    keys = row.shape_keys()
    shapes = {key: row.shape(key) for key in dict.fromkeys(keys)}
    rewritten = {key: rewrite(shape) for key, shape in shapes.items()}
    if all(rewritten[key] == shape for key, shape in shapes.items()):
        return row
    kept = [rewrite(row.term(position)) for position, key in enumerate(keys, start=row.low)
            if rewritten[key] != row.neutral]
    if not kept:
        return row.neutral
    return kept[0] if len(kept) == 1 else row.join(*kept, evaluate=False)


def has_written(expr: sp.Basic) -> bool:
    """Whether ``expr`` holds a row kept as summand and range."""
    if isinstance(expr, WrittenOut):
        return True
    if isinstance(expr, (sp.Indexed, sp.Tuple, Column)):
        return False
    return any(has_written(arg) for arg in expr.args)


def every_term_written(expr: sp.Expr) -> sp.Expr:
    """``expr`` with every lazy row built term by term (the slow, general form)."""
    if isinstance(expr, WrittenOut):
        return every_term_written(expr.written())
    if not has_written(expr):
        return expr
    args = tuple(every_term_written(arg) for arg in expr.args)
    if isinstance(expr, (sp.Add, sp.Mul, sp.Pow, sp.Function)):
        return expr.func(*args, evaluate=False)
    return expr.func(*args)

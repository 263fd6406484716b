"""Values put into long rows as whole columns: t_1 .. t_n given once, looked up by the index.

Building the n names y_1 .. y_n to key a dict costs 25 µs each; a column keyed by its base
(y) and read by the index of the term costs nothing until a term is built.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import sympy as sp

from derivetex.model.symbols import indexed


class Column(sp.Expr):
    """values[index - 1]: the value put in for name_index, one value for each term of a row."""

    is_commutative = True

    def __new__(cls, name: sp.Symbol, values: sp.Tuple, index: sp.Expr) -> Any:
        if index.is_Integer:
            return values[int(index) - 1]
        return super().__new__(cls, name, values, index)

    @property
    def name(self) -> sp.Symbol:
        return self.args[0]

    @property
    def values(self) -> sp.Tuple:
        return self.args[1]

    @property
    def index(self) -> sp.Expr:
        return self.args[2]

    @property
    def free_symbols(self) -> set[sp.Basic]:  # not the 10 000 numbers of the values
        return self.index.free_symbols

    @property
    def classes(self) -> tuple[object, ...]:
        """Each value as its shape class: 0, 1 and -1 exactly, other numbers by sign only."""
        return _derived(self.values)[1]

    @property
    def floats(self) -> list[float]:
        return _derived(self.values)[2]


_DERIVED: dict[int, tuple[sp.Tuple, tuple[object, ...], list[float]]] = {}
"""Classes and floats of the value tuples in use, by identity: the same column is put into
several rows, and a SymPy Tuple's hash is recomputed over all its values at each lookup."""


def _derived(values: sp.Tuple) -> tuple[sp.Tuple, tuple[object, ...], list[float]]:
    hit = _DERIVED.get(id(values))
    if hit is None or hit[0] is not values:
        if len(_DERIVED) > 16:
            _DERIVED.clear()
        hit = _DERIVED[id(values)] = (
            values, tuple(_value_class(v) for v in values), [float(v) for v in values])
    return hit


def _value_class(value: sp.Expr) -> object:
    if value.is_Rational:  # numerator and denominator as ints: SymPy's == is 50x slower
        p, q = int(value.p), int(value.q)
        return p if q == 1 and p in (0, 1, -1) else "+" if p > 0 else "-"
    if value.is_Number:
        return "+" if value > 0 else "-"
    return value


class IndexedValues(Mapping[sp.Basic, sp.Expr]):
    """{y_1: v_1, ..., y_n: v_n} for whole columns, without building the n indexed names
    (25 µs each): a lookup reads the index of the key."""

    def __init__(self, columns: Mapping[sp.IndexedBase, Sequence[sp.Expr]]) -> None:
        self._columns = {base: sp.Tuple(*values) for base, values in columns.items()}

    def column(self, base: sp.Basic) -> sp.Tuple | None:
        return self._columns.get(base)

    @property
    def bases(self) -> tuple[sp.IndexedBase, ...]:
        return tuple(self._columns)

    def __or__(self, other: IndexedValues) -> IndexedValues:
        return IndexedValues({**self._columns, **other._columns})

    def __getitem__(self, key: sp.Basic) -> sp.Expr:
        if isinstance(key, sp.Indexed) and len(key.indices) == 1 and key.indices[0].is_Integer:
            values = self._columns.get(key.base)
            position = int(key.indices[0])
            if values is not None and 1 <= position <= len(values):
                return values[position - 1]
        raise KeyError(key)

    def __contains__(self, key: Any) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def __len__(self) -> int:
        return sum(len(values) for values in self._columns.values())

    def __iter__(self) -> Iterator[sp.Basic]:
        for base, values in self._columns.items():
            yield from (indexed(base, i) for i in range(1, len(values) + 1))

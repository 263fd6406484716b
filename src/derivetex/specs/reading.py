"""A spec's LaTeX read by the same reader ``verify`` uses, then given the spec's assumptions.

The reader knows nothing of positivity; a spec declares it (``x = { positive = true }``), and
the names in every row are swapped for declared ones. ``\\sigma(u)`` in a row is the logistic
sigmoid (``model.functions``). The swap rebuilds nodes unevaluated, so
``\\log e^{-\\lambda}`` stays as written instead of collapsing to ``-\\lambda``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef

from derivetex.engine.strategies import rebuild
from derivetex.model.functions import read_sigmoid, sigmoid
from derivetex.model.symbols import ProbabilitySymbol
from derivetex.reader import Unreadable, parse
from derivetex.specs.loader import SpecError
from derivetex.specs.safe_latex import check_names
from derivetex.specs.schema import Spec


@dataclass(frozen=True)
class Names:
    """The declared names: plain symbols and indexed bases, by the name the reader gives."""

    symbols: dict[str, sp.Symbol]
    bases: dict[str, sp.IndexedBase]
    keys: dict[str, str]
    """The spec's key of each symbol (``lambda``) -> the reader's name of it (``\\lambda``)."""

    def declare(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` with every name swapped for its declared (assumed) version, the limits
        of sums included; nodes are rebuilt unevaluated so the row keeps its shape."""
        if isinstance(expr, sp.Indexed):
            base = self.bases.get(str(expr.base.label))
            indices = tuple(self.declare(i) for i in expr.indices)
            return base[indices] if base is not None else expr.func(expr.base, *indices)
        if isinstance(expr, sp.Symbol):
            return self.symbols.get(expr.name, expr)
        if not expr.args:
            return expr
        return rebuild(expr, tuple(self.declare(a) for a in expr.args))


def declared_names(spec: Spec) -> Names:
    """Sympy names for the spec's symbols, with their assumptions."""
    symbols: dict[str, sp.Symbol] = {}
    bases: dict[str, sp.IndexedBase] = {}
    keys: dict[str, str] = {}
    for symbol in spec.symbols:
        flags = {a: True for a in symbol.assumptions}
        if symbol.index:
            flags.update(integer=True, positive=True)
        reader_name = keys[symbol.name] = _reader_name(spec, symbol.latex, symbol.key)
        if symbol.indexed:
            bases[reader_name] = sp.IndexedBase(reader_name, **flags)
        elif symbol.range == (0, 1) and not symbol.index:
            flags.pop("positive", None)
            symbols[reader_name] = ProbabilitySymbol(reader_name, **flags)
        else:
            symbols[reader_name] = sp.Symbol(reader_name, **flags)
    return Names(symbols, bases, keys)


def _reader_name(spec: Spec, latex: str, key: str) -> str:
    try:
        expr, _ = parse(latex)
    except Unreadable as error:
        raise SpecError(f"{spec.where(key)}.latex: cannot read {latex!r}: {error}") from None
    if not isinstance(expr, sp.Symbol):
        raise SpecError(f"{spec.where(key)}.latex: {latex!r} is not a single name")
    check_names(expr, f"{spec.where(key)}.latex", web=True)
    return expr.name


def read_row(spec: Spec, names: Names, latex: str, key: str) -> sp.Expr:
    """One row of user LaTeX, read and declared; unreadable text names its key."""
    try:
        expr, notes = parse(latex)
    except Unreadable as error:
        raise SpecError(f"{spec.where(key)}: cannot read {latex!r}: {error}") from None
    except RecursionError:
        raise SpecError(f"{spec.where(key)}: nested too deeply") from None
    if notes.vector or notes.literals:
        raise SpecError(f"{spec.where(key)}: write exact numbers, not rounded decimals or "
                        "vectors, in a row")
    check_names(expr, f"{spec.source}: {key}", web=True)
    return names.declare(read_sigmoid(expr))


class Definitions(dict[sp.Expr, sp.Expr]):
    """Definitions in force; one of an indexed name with a letter index (``y_{i} = ...``)
    defines every ``y_{k}`` too, with the index put in, and one of a function of a name
    (``\\sigma(z) = ...``) defines it at every argument."""

    def _applied(self, node: sp.Function) -> sp.Expr | None:
        for key, value in self.items():
            if (isinstance(key, (sigmoid, AppliedUndef)) and key.func == node.func
                    and len(key.args) == len(node.args)
                    and all(isinstance(a, sp.Symbol) for a in key.args)):
                return value.xreplace(dict(zip(key.args, node.args, strict=True)))
        return None

    def get(self, node: sp.Expr, default: sp.Expr | None = None) -> sp.Expr | None:
        found = super().get(node)
        if found is None and isinstance(node, sp.Function) and node.args:
            found = self._applied(node)
        if found is not None or not isinstance(node, sp.Indexed):
            return found if found is not None else default
        for key, value in self.items():
            if (isinstance(key, sp.Indexed) and key.base == node.base
                    and len(key.indices) == len(node.indices)
                    and all(isinstance(i, sp.Symbol) for i in key.indices)):
                return value.xreplace(dict(zip(key.indices, node.indices, strict=True)))
        return default

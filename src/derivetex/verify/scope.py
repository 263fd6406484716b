"""What a document has established so far: definitions, and values bound in its blocks.

A bare symbol defined by the first row of a chain (``L = ...``) is a definition, kept for the
rest of the document. Values -- from ``K = 6``, from a link that substitutes numbers for
symbols, or from a sum that only holds for one K -- are bindings. A binding applies to every
later link of its own block. When the block ends it becomes an *earlier value*, kept for the
rest of the document (a later binding of the same symbol replaces it), and earlier values are
used only for a link that states a number: a numeric claim (``E = 1.108663``), or a link one
side of which is a number while the other becomes one with those values. A general equation,
with symbols on both sides, is never checked at earlier values, only symbolically.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from derivetex.errors import LimitExceeded
from derivetex.verify import numeric as num

MAX_EXPANSIONS = 12

Values = dict[sympy.Basic, sympy.Basic]


@dataclass(frozen=True)
class Definition:
    """``symbol = expr`` as written on ``line``; ``latex`` is the right-hand side."""

    symbol: sympy.Symbol
    expr: sympy.Expr
    line: int
    latex: str


@dataclass
class Scope:
    """Definitions and earlier values for the whole document; bindings for the current block.

    ``origin`` is the general expression and values of the block's last substitution (for
    diagnosing a wrong claim); ``earlier_origin`` is the last one of an earlier block.
    """

    definitions: dict[sympy.Symbol, Definition] = field(default_factory=dict)
    bindings: Values = field(default_factory=dict)
    origin: tuple[sympy.Expr, Values] | None = None
    earlier: Values = field(default_factory=dict)
    earlier_origin: tuple[sympy.Expr, Values] | None = None

    def new_block(self) -> None:
        """The block's bindings become earlier values; definitions stay as they are."""
        self.earlier.update(self.bindings)
        if self.origin is not None:
            self.earlier_origin = self.origin
        self.bindings = {}
        self.origin = None

    def expand(self, expr: sympy.Expr) -> sympy.Expr:
        """Replace defined symbols by their definitions, repeatedly (capped)."""
        for _ in range(MAX_EXPANSIONS):
            hits = {s: d.expr for s, d in self.definitions.items() if s in expr.free_symbols}
            if not hits:
                return expr
            expr = sympy.sympify(expr.xreplace(hits))
        raise LimitExceeded(f"definitions nest more than {MAX_EXPANSIONS} deep")

    def resolve(self, expr: sympy.Expr) -> sympy.Expr:
        """Definitions expanded, then this block's bindings applied."""
        return num.substitute(self.expand(expr), self.bindings)

    def with_earlier_values(self, expr: sympy.Expr) -> tuple[sympy.Expr, Values]:
        """``expr`` (resolved) with sums written out and every value known put in.

        This block's bindings win over earlier values; the earlier values used are returned,
        for the message. A value can bring new names (K = 3 writes out t_1, t_2, t_3), so
        this repeats, at most once per known value.
        """
        known = {**self.earlier, **self.bindings}
        used: Values = {}
        for _ in range(len(known) + 1):
            written = num.expand_bounds(expr, {})
            wanted = {s for s in num.unknowns(written) | num.bound_symbols(written) if s in known}
            if not wanted:
                return written, used
            used.update({s: self.earlier[s] for s in wanted if s not in self.bindings})
            expr = num.substitute(written, {s: known[s] for s in wanted})
        raise LimitExceeded("values that keep bringing new names")

    def used(self, *exprs: sympy.Expr) -> list[Definition]:
        """The definitions a check relies on directly, for the message."""
        names: set[sympy.Basic] = set()
        for expr in exprs:
            names |= expr.free_symbols
        return [d for s, d in self.definitions.items() if s in names]

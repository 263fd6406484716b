"""What a document has established so far: definitions and the values bound in a block.

A bare symbol defined by the first row of a chain (``L = ...``) is a definition, kept for the
rest of the document. Values -- from ``K = 6``, from a link that substitutes numbers for
symbols, or from a sum that only holds for one K -- are bindings, kept for the current block.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from derivetex.errors import LimitExceeded

MAX_EXPANSIONS = 12


@dataclass(frozen=True)
class Definition:
    """``symbol = expr`` as written on ``line``; ``latex`` is the right-hand side."""

    symbol: sympy.Symbol
    expr: sympy.Expr
    line: int
    latex: str


@dataclass
class Scope:
    """Definitions for the whole document, bindings and the last substitution for a block."""

    definitions: dict[sympy.Symbol, Definition] = field(default_factory=dict)
    bindings: dict[sympy.Basic, sympy.Basic] = field(default_factory=dict)
    origin: tuple[sympy.Expr, dict[sympy.Basic, sympy.Basic]] | None = None

    def new_block(self) -> None:
        """Bindings do not outlive their block; definitions do."""
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
        return sympy.sympify(self.expand(expr).xreplace(self.bindings))

    def used(self, *exprs: sympy.Expr) -> list[Definition]:
        """The definitions a check relies on directly, for the message."""
        names: set[sympy.Basic] = set()
        for expr in exprs:
            names |= expr.free_symbols
        return [d for s, d in self.definitions.items() if s in names]

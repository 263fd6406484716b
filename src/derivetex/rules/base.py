"""A rewrite rule is data: a name, the LaTeX statement shown as justification, side conditions,
the relation its steps claim, and a pure function that rewrites one node.

A rule that does not apply returns its input unchanged; the engine decides whether a step happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import sympy as sp

Relation = Literal["equals", "defines", "generalises", "substitutes", "evaluates", "solves"]
"""What a step claims about before and after, and so how the engine checks it:

- equals: before = after for all admissible values (definitions expanded);
- defines: after is the definition of the chain's left-hand side (nothing to check);
- generalises: after, instantiated at the concrete bound, is before;
- substitutes: before with the given values (or bound) put in equals after;
- evaluates: after is a rounded number within half a unit of before's exact value;
- solves: after is the value of a parameter that makes before (a derivative) zero.
"""

Strategy = Literal["root", "everywhere"]
Path = tuple[int, ...]


@dataclass(frozen=True)
class Rule:
    """A named rewrite; `rewrite(node, **params)` returns node unchanged where it does not apply."""

    name: str
    statement: str
    example: str
    relation: Relation
    rewrite: Callable[..., sp.Expr]
    strategy: Strategy = "everywhere"
    conditions: tuple[str, ...] = ()

    def apply(self, expr: sp.Expr, **params: Any) -> sp.Expr:
        """Apply the rewrite to expr by the rule's strategy."""
        from derivetex.engine.strategies import at_root, everywhere

        walk = at_root if self.strategy == "root" else everywhere
        return walk(lambda node: self.rewrite(node, **params), expr)

    def apply_at(self, expr: sp.Expr, **params: Any) -> tuple[sp.Expr, tuple[Path, ...]]:
        """``apply``, with the paths of the nodes it rewrote (the root's ``()`` for a rule
        applied at the root)."""
        from derivetex.engine.strategies import everywhere_at

        if self.strategy == "root":
            new = self.rewrite(expr, **params)
            return new, (() if new is expr or new == expr else ((),))
        found: list[Path] = []
        new = everywhere_at(lambda node: self.rewrite(node, **params), expr, found)
        return new, tuple(found)

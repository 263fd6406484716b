"""Finding which registered rule, or short sequence of rules, takes one row to the next.

Like Lean's ``simp?``: the row is the user's, the engine answers with the rules it used. A
sequence justifies a row when applying its rules in turn to the previous row gives the row
in the same form (up to the order of terms and multiplying out); mathematical equality alone
is not enough, since every true step would then be "justified" by any rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from derivetex.errors import LimitExceeded
from derivetex.rules.base import Rule

MAX_SEQUENCE = 3
MAX_TRIES = 5000
"""Rule applications one search may make; hitting it is a LimitExceeded, not a silent miss."""


@dataclass(frozen=True)
class Move:
    """A rule with the parameters it is tried with (``index=k`` for collect_sum)."""

    rule: Rule
    params: Mapping[str, Any] = field(default_factory=dict)

    def apply(self, expr: sp.Expr) -> sp.Expr:
        return self.rule.apply(expr, **self.params)


def canonical(expr: sp.Basic) -> sp.Basic:
    """expr rebuilt with sums and products evaluated (flattened, ordered) and functions not,
    so ``\\log e^{a}`` keeps its shape while ``a + b`` and ``b + a`` meet."""
    if not expr.args or isinstance(expr, (sp.Indexed, sp.Symbol)):
        return expr
    if isinstance(expr, sp.Mul):  # 2 (a + b) written inside a product stays a factor
        return sp.Mul(*(canonical(a) for a in _factors(expr)))
    args = [canonical(a) for a in expr.args]
    if isinstance(expr, (sp.Add, sp.Mul, sp.Pow)):
        return expr.func(*args)
    if isinstance(expr, sp.Function):
        return expr.func(*args, evaluate=False)
    return expr.func(*args)


def _factors(product: sp.Expr) -> list[sp.Expr]:
    """The factors of a product with unevaluated products inside it flattened."""
    if not isinstance(product, sp.Mul):
        return [product]
    return [f for arg in product.args for f in _factors(arg)]


def same_form(a: sp.Expr, b: sp.Expr) -> bool:
    """a and b written alike: equal once ordered, or once products are multiplied out."""
    ca, cb = canonical(a), canonical(b)
    if ca == cb:
        return True
    difference = sp.expand(ca - cb, deep=False, log=False, power_exp=False, power_base=False)
    return bool(difference == 0)


def find_sequence(
    before: sp.Expr, after: sp.Expr, moves: Sequence[Move]
) -> tuple[Move, ...] | None:
    """The shortest sequence of moves (at most MAX_SEQUENCE) taking before to after's form."""
    tries = 0
    frontier: list[tuple[tuple[Move, ...], sp.Expr]] = [((), before)]
    for _ in range(MAX_SEQUENCE):
        next_frontier = []
        for sequence, expr in frontier:
            for move, result in _applicable(expr, moves):
                tries += 1
                if tries > MAX_TRIES:
                    raise LimitExceeded(f"rule search passed {MAX_TRIES} applications")
                if same_form(result, after):
                    return (*sequence, move)
                next_frontier.append(((*sequence, move), result))
        frontier = next_frontier
    return None


def nearest(before: sp.Expr, after: sp.Expr, moves: Sequence[Move]) -> sp.Expr | None:
    """Of what the moves make of ``before`` (up to MAX_SEQUENCE), the result closest to
    ``after``: what the writer most likely meant, shown when a row does not follow."""
    best: tuple[int, sp.Expr] | None = None
    frontier = [before]
    tries = 0
    for _ in range(MAX_SEQUENCE):
        next_frontier = []
        for expr in frontier:
            for _move, result in _applicable(expr, moves):
                tries += 1
                if tries > MAX_TRIES:
                    return best[1] if best else None
                distance = _distance(result, after)
                if best is None or distance < best[0]:
                    best = (distance, result)
                next_frontier.append(result)
        frontier = next_frontier
    return best[1] if best else None


def _distance(a: sp.Expr, b: sp.Expr) -> int:
    """How many subtrees one of a, b has and the other lacks (0: the same tree)."""
    subtrees_a = set(sp.preorder_traversal(canonical(a)))
    subtrees_b = set(sp.preorder_traversal(canonical(b)))
    return len(subtrees_a ^ subtrees_b)


def _applicable(expr: sp.Expr, moves: Sequence[Move]) -> Iterator[tuple[Move, sp.Expr]]:
    for move in moves:
        result = move.apply(expr)
        if result is not expr and result != expr:
            yield move, result

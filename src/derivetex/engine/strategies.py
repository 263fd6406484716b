"""How rules are applied to a tree, kept apart from the mathematics (as in sympy.strategies).

Nodes are rebuilt unevaluated so that the order and shape the derivation wrote survive.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

NodeRule = Callable[[sp.Expr], sp.Expr]


def rebuild(node: sp.Expr, args: tuple[sp.Expr, ...]) -> sp.Expr:
    """node with new args, without SymPy's automatic evaluation or reordering."""
    if args == node.args:
        return node
    if isinstance(node, (sp.Add, sp.Mul, sp.Pow, sp.Function)):
        return node.func(*args, evaluate=False)
    return node.func(*args)


def at_root(rule: NodeRule, expr: sp.Expr) -> sp.Expr:
    """Apply rule to the whole expression only."""
    return rule(expr)


def everywhere(rule: NodeRule, expr: sp.Expr) -> sp.Expr:
    """Top-down: where the rule changes a node, keep the result and do not descend into it."""
    new = rule(expr)
    if new is not expr and new != expr:
        return new
    if not expr.args or isinstance(expr, (sp.Indexed, sp.Tuple)):
        return expr
    args = tuple(everywhere(rule, arg) for arg in expr.args)
    return rebuild(expr, args)


Path = tuple[int, ...]
"""Where a node sits in a tree: the argument index at each level down from the root."""


def everywhere_at(rule: NodeRule, expr: sp.Expr, found: list[Path], path: Path = ()) -> sp.Expr:
    """``everywhere``, also appending to ``found`` the path of each node the rule changed
    (what ``--highlight`` marks); the result is the same tree ``everywhere`` gives."""
    new = rule(expr)
    if new is not expr and new != expr:
        found.append(path)
        return new
    if not expr.args or isinstance(expr, (sp.Indexed, sp.Tuple)):
        return expr
    args = tuple(everywhere_at(rule, arg, found, (*path, i)) for i, arg in enumerate(expr.args))
    return rebuild(expr, args)

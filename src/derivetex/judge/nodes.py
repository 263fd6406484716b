"""``expr.atoms(*types)`` in half of SymPy's time: the checks ask it thousands of times a run
(a sixth of verify's audit of the reference article went into SymPy's recursive generators).

The same nodes are met in the same order -- pre-order; a node's ``args``, or a lattice's
argument set; the items of a plain iterable -- so the set is built by the same insertions
and iterates alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sympy.core.basic import Basic
from sympy.utilities.iterables import iterable


def atoms(expr: Any, *types: type) -> set[Any]:
    """What ``expr.atoms(*types)`` returns (``types`` given: classes, not instances)."""
    if not isinstance(expr, Basic) or type(expr).atoms is not Basic.atoms:
        return expr.atoms(*types)  # a matrix's own atoms()
    found: set[Any] = set()
    _collect(expr, types, found.add)
    return found


def in_preorder(expr: Any, *types: type) -> list[Any]:
    """The nodes of ``types`` in the order ``sympy.preorder_traversal(expr)`` meets them
    (a subtree written twice, twice), without its generator per node."""
    found: list[Any] = []
    _collect(expr, types, found.append)
    return found


def _collect(expr: Any, types: tuple[type, ...], add: Callable[[Any], None]) -> None:
    def walk(nodes: Iterable[Any]) -> None:
        for node in nodes:
            if isinstance(node, types):
                add(node)
            if isinstance(node, Basic):
                if node.args:
                    walk(node._argset if hasattr(node, "_argset") else node.args)
            elif iterable(node):
                walk(node)

    walk((expr,))

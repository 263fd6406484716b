"""A name indexed on one side of a link and bare on the other.

``\\sum_{i} y_{i} \\log \\hat{y}_{i} = y \\log \\hat{y} + (1 - y) \\log (1 - \\hat{y})`` restates
a sum over classes in the binary notation (y_1 = y, y_0 = 1 - y); ``\\sum_i (w x_i - y_i) x``
drops an index under a sum, a slip the corpora judge minor. Either way the link relates the
family y_i to a letter y the other side never indexes, and what y means there is not written:
a link that fails so is left unchecked (reason ``index-dropped``, record R406), never an error.
A link whose sides both use y_i, or both use bare y, is judged as before, and so is a bare
name inside an application (``\\sigma_c(z)`` beside z_i: the vector and its components).
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed

from derivetex.verify.links.rows import Link
from derivetex.verify.readings.side import read


def dropped_indices(link: Link, functions: frozenset[str]) -> list[str]:
    """The names written indexed on one side only and bare on the other side only."""
    sides = [read(latex, functions).expr for latex in (link.left.latex, link.right.latex)]
    if any(side is None for side in sides):
        return []
    indexed = [_indexed_names(side) for side in sides]
    bare = [_bare_names(side) for side in sides]
    found = (indexed[0] - indexed[1] - bare[0]) & (bare[1] - bare[0])
    found |= (indexed[1] - indexed[0] - bare[1]) & (bare[0] - bare[1])
    return sorted(found)


def _indexed_names(expr: sympy.Basic) -> set[str]:
    return {str(node.base.label) for node in expr.atoms(Indexed)}


def _bare_names(expr: sympy.Basic) -> set[str]:
    """Plain names outside applications: in ``\\sigma_c(z)`` the z is the vector whose
    components are z_i (the usual notation of a softmax), not a bare letter for them."""
    labels = {node.base.label for node in expr.atoms(Indexed)}
    bounds = {v for node in expr.atoms(sympy.Sum, sympy.Product) for v in node.variables}
    return {str(s) for s in _outside_applications(expr) - labels - bounds}


def _outside_applications(expr: sympy.Basic) -> set[sympy.Symbol]:
    if isinstance(expr, sympy.Symbol):
        return {expr}
    if isinstance(expr, (AppliedUndef, Indexed)):
        return set()
    found: set[sympy.Symbol] = set()
    for arg in expr.args:
        found |= _outside_applications(arg)
    return found

r"""Make derivatives and opaque terms evaluable, so a = b can be judged at points.

A derivative whose body depends on its variable is carried out (SymPy differentiates, with
``KroneckerDelta`` for indexed names). One whose body does not visibly depend on it
(``\frac{\partial E}{\partial a_k}`` with E undefined) is an *opaque term*, like an undefined
application ``p(x \mid \theta)`` or an expectation: each distinct one becomes one unknown, so
the structure around it can still be checked. Two sides that relate different opaque terms
cannot be judged (nothing says how ``H(p)`` and ``\mathbb{E}[\log p]`` relate).
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef


def _depends(body: sympy.Expr, variable: sympy.Basic) -> bool:
    if variable in body.free_symbols:
        return True
    if isinstance(variable, sympy.Indexed):
        return any(
            isinstance(item, sympy.Indexed) and item.base == variable.base
            for item in body.atoms(sympy.Indexed)
        )
    return False


def carry_out(expr: sympy.Expr) -> sympy.Expr:
    """Every derivative that can be taken, taken; the rest left as written."""
    derivatives = [d for d in sympy.preorder_traversal(expr) if isinstance(d, sympy.Derivative)]
    for node in reversed(derivatives):  # innermost first
        if node not in expr.atoms(sympy.Derivative):
            continue
        variables = [v for v, _ in node.variable_count]
        if all(_depends(node.expr, v) for v in variables) and not node.expr.atoms(AppliedUndef):
            expr = expr.xreplace({node: node.doit()})
        elif all(_depends(node.expr, v) for v in variables):
            expr = expr.xreplace({node: node.doit(deep=False)})
    return sympy.sympify(expr)


def opaque(expr: sympy.Basic) -> set[sympy.Basic]:
    """The opaque terms of ``expr``: undefined applications and derivatives left as written."""
    found: set[sympy.Basic] = set()
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Derivative):
            found.add(node)
        elif isinstance(node, AppliedUndef) and not any(
            isinstance(parent, sympy.Derivative) and node in parent.args for parent in found
        ):
            found.add(node)
    return found


def as_unknowns(expr: sympy.Expr) -> sympy.Expr:
    """Each opaque term replaced by a symbol of its own (the same term, the same symbol)."""
    mapping = {term: sympy.Symbol(f"⟨{sympy.srepr(term)}⟩") for term in _outermost(expr)}
    return sympy.sympify(expr.xreplace(mapping)) if mapping else expr


def _outermost(expr: sympy.Basic) -> list[sympy.Basic]:
    if isinstance(expr, (sympy.Derivative, AppliedUndef)):
        return [expr]
    found: list[sympy.Basic] = []
    for arg in expr.args:
        found.extend(_outermost(arg))
    return found


def evaluable(expr: sympy.Expr) -> sympy.Expr:
    """Derivatives carried out, then what is left opaque turned into unknowns."""
    return as_unknowns(carry_out(expr))

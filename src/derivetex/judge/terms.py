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


def depends(body: sympy.Expr, variable: sympy.Basic) -> bool:
    """Whether ``body`` visibly depends on ``variable`` (y_i on y_k: the same indexed name)."""
    return _depends(body, variable)


def carry_out(expr: sympy.Expr) -> sympy.Expr:
    """Every derivative that can be taken, taken; the rest left as written."""
    derivatives = [d for d in sympy.preorder_traversal(expr) if isinstance(d, sympy.Derivative)]
    for node in reversed(derivatives):  # innermost first
        if node not in expr.atoms(sympy.Derivative):
            continue
        variables = [v for v, _ in node.variable_count]
        fresh = _fresh_indices(node.expr, variables)
        if fresh is not node.expr:
            new = sympy.Derivative(fresh, *node.variable_count)
            expr, node = expr.xreplace({node: new}), new
        if node.expr.is_number:
            expr = expr.xreplace({node: sympy.Integer(0)})  # the derivative of a constant
        elif all(_depends(node.expr, v) for v in variables) and not node.expr.atoms(AppliedUndef):
            expr = expr.xreplace({node: node.doit()})
        elif all(_depends(node.expr, v) for v in variables):
            expr = expr.xreplace({node: node.doit(deep=False)})
    return sympy.sympify(expr)


def _fresh_indices(body: sympy.Expr, variables: list[sympy.Basic]) -> sympy.Expr:
    """Sums in ``body`` whose index is also an index of a variable (∂/∂a_k of Σ_k ...) get a
    fresh index, so the derivative does not confuse the two k."""
    taken = {i for v in variables if isinstance(v, sympy.Indexed) for i in v.indices}
    if not taken:
        return body

    def renamed(node: sympy.Sum) -> sympy.Expr:
        index, low, high = node.limits[0]
        fresh = sympy.Dummy(str(index))
        return type(node)(node.function.xreplace({index: fresh}), (fresh, low, high))

    return body.replace(
        lambda e: isinstance(e, (sympy.Sum, sympy.Product)) and e.limits[0][0] in taken, renamed
    )


def opaque(expr: sympy.Basic) -> set[sympy.Basic]:
    """The opaque terms of ``expr``: undefined applications and derivatives left as written."""
    found: set[sympy.Basic] = set()
    for node in sympy.preorder_traversal(expr):
        if (
            isinstance(node, sympy.Derivative)
            or isinstance(node, AppliedUndef)
            and not any(
                isinstance(parent, sympy.Derivative) and node in parent.args for parent in found
            )
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

r"""``wx`` (or ``w \cdot x``) differentiated by a component ``w_1``: a dot product.

Slides and notes write the logistic model as σ(wx) and then differentiate by w_1, with x_1
on the other side: w and x are vectors and wx is Σ_j w_j x_j. Read as a product of two
scalars, the derivative by w_1 is 0 and the link cannot be checked. Only the component
differentiated by matters: wx = w_1 x_1 + ρ, where ρ (the other terms) does not depend on
w_1. The reading is taken only when the link differentiates by w_k and also writes x_k,
so a product of two plain scalars elsewhere is never changed.
"""

from __future__ import annotations

import sympy
from sympy.tensor.indexed import Indexed, IndexedBase


def as_dot_products(a: sympy.Expr, b: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """Both sides with each product w·x written w_k x_k + ρ, where the link differentiates
    by w_k and writes x_k (one k for the whole link); unchanged otherwise."""
    variables = {
        v
        for side in (a, b)
        for d in side.atoms(sympy.Derivative)
        for v in d.variables
        if isinstance(v, Indexed) and len(v.indices) == 1
    }
    if len(variables) != 1:
        return a, b
    (variable,) = variables
    k = variable.indices[0]
    w = sympy.Symbol(str(variable.base.label))
    written = {i for side in (a, b) for i in side.atoms(Indexed) if i.indices == (k,)}
    plain = _plain_symbols(a) | _plain_symbols(b)
    partners = [
        sympy.Symbol(str(i.base.label))
        for i in written
        if i.base != variable.base and sympy.Symbol(str(i.base.label)) in plain
    ]
    if len(partners) != 1 or w not in plain:
        return a, b
    x = partners[0]
    rest = sympy.Symbol(f"ρ_{{{w}{x}}}", positive=True)
    dot = IndexedBase(str(w))[k] * IndexedBase(str(x))[k] + rest

    def rewrite(expr: sympy.Expr) -> sympy.Expr:
        return expr.replace(
            lambda e: isinstance(e, sympy.Mul) and w in e.args and x in e.args,
            lambda e: sympy.Mul(*(f for f in e.args if f not in (w, x))) * dot,
        )

    new_a, new_b = rewrite(a), rewrite(b)
    if w in _plain_symbols(new_a) | _plain_symbols(new_b):
        return a, b  # w alone somewhere: not only inside w·x
    return new_a, new_b


def _plain_symbols(expr: sympy.Basic) -> set[sympy.Basic]:
    """Symbols used as themselves, not as the base of an indexed name."""
    if isinstance(expr, sympy.Symbol):
        return {expr}
    if isinstance(expr, (Indexed, IndexedBase)):
        return set()
    found: set[sympy.Basic] = set()
    for arg in expr.args:
        found |= _plain_symbols(arg)
    return found

"""A partial derivative holds the other variables fixed.

A section that differentiates by θ_j (``\\partial J / \\partial \\theta_j``) treats θ as a
variable of the problem. When it later writes ``\\theta_j = n_j / \\lambda`` (the stationary
point it solved for), that is a condition between variables, not θ as a function of λ: in
``\\partial J / \\partial \\lambda`` the writer holds θ fixed, as the Lagrange method does. A
link that fails with such a definition put in is checked again with it left out (record R405,
confirm-only): holding, with neither side vanishing, it is ``ok`` with a note. A name the section
never differentiates by keeps its definition (``\\hat{y} = w x`` inside ``\\partial / \\partial
w`` is the chain rule, not a fixed variable).
"""

from __future__ import annotations

import sympy
from sympy.tensor.indexed import Indexed

from derivetex.verify.links.rows import Link
from derivetex.verify.readings.side import read
from derivetex.verify.scope import Definition, Scope


def differentiated_by(links: list[Link], functions: frozenset[str]) -> frozenset[str]:
    """The names (bases of indexed ones) that some link of a section differentiates by."""
    names: set[str] = set()
    for link in links:
        for latex in (link.left.latex, link.right.latex):
            expr = read(latex, functions).expr
            if expr is not None:
                names |= {_name(v) for d in expr.atoms(sympy.Derivative) for v in d.variables}
    return frozenset(names)


def with_variables_held_fixed(
    link: Link, scope: Scope, variables: frozenset[str]
) -> tuple[Scope, list[Definition]] | None:
    """A copy of ``scope`` without the definitions of ``variables`` that depend on what
    ``link`` differentiates by, and those definitions; ``None`` when there are none."""
    functions = scope.function_names()
    by: set[sympy.Basic] = set()
    for latex in (link.left.latex, link.right.latex):
        expr = read(latex, functions).expr
        if expr is not None:
            by |= {v for d in expr.atoms(sympy.Derivative) for v in d.variables}
    if not by:
        return None
    dropped = {
        key: d for key, d in scope.definitions.items()
        if _name(d.symbol) in variables and _name(d.symbol) not in {_name(v) for v in by}
        and _depends_on(d.expr, by)
    }
    if not dropped:
        return None
    trial = scope.borrowing({})
    trial.definitions = {k: d for k, d in trial.definitions.items() if k not in dropped}
    return trial, list(dropped.values())


def _name(node: sympy.Basic) -> str:
    if isinstance(node, Indexed):
        return str(node.base.label)
    if isinstance(node, sympy.Function):
        return str(node.func)
    return str(node)


def _depends_on(expr: sympy.Expr, variables: set[sympy.Basic]) -> bool:
    atoms = expr.free_symbols | expr.atoms(Indexed)
    return any(v in atoms for v in variables)

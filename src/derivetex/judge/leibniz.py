r"""Read Leibniz notation as the chain rule needs it: ``\frac{\partial L}{\partial p_j}`` says
that L depends on p_j.

A derivative of an undefined name stays opaque (nothing says L depends on x), so
``\frac{\partial L}{\partial x_i} = \sum_j \frac{\partial L}{\partial p_j}
\frac{\partial p_j}{\partial x_i}`` relates different opaque terms and cannot be judged. The
derivatives a link writes are its own statement of what depends on what: a name that is the
whole body of a derivative by v (``\frac{du}{dg}``, ``\frac{d}{dg} \ln u``: one name in the
body, index letters aside) depends on v. A dependency implied by a longer path (L on x_i
through p_j) is not also a direct one. Each such name becomes an undefined function of what it
depends on (L(p_1(x_1), p_2(x_1))), and SymPy's chain rule carries the derivatives out.

This reading is an assumption about the writer's intent, so a link it proves is ``ok`` but a
link it fails is left as it was: it confirms, it never accuses. It knows only the dependencies
the link writes: a chain written out by hand that drops every trace of one intermediate
(∂L/∂x = ∂L/∂p_2 ∂p_2/∂x where L also depends on p_1) reads as L depending on p_2 alone.
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed

Name = sympy.Symbol | Indexed
Dependencies = dict[sympy.Basic, list[sympy.Basic]]


def dependencies(*exprs: sympy.Expr) -> Dependencies:
    """What each name depends on, from the opaque derivatives of ``exprs`` (reduced: no
    direct edge where a longer path exists); empty when there is nothing to read."""
    edges: dict[sympy.Basic, set[sympy.Basic]] = {}
    letters = {i for expr in exprs for item in expr.atoms(Indexed) for i in item.indices}
    for expr in exprs:
        for node in expr.atoms(sympy.Derivative):
            names = _names(node.expr) - letters
            if len(names) != 1:
                continue
            (name,) = names
            for variable in node.variables:
                if isinstance(variable, (sympy.Symbol, Indexed)) and variable != name:
                    edges.setdefault(name, set()).add(variable)
    if _cyclic(edges):
        return {}
    return {
        name: sorted((v for v in targets if not _reachable_otherwise(edges, name, v)), key=str)
        for name, targets in edges.items()
    }


def as_functions(expr: sympy.Expr, depends_on: Dependencies) -> sympy.Expr:
    """``expr`` with each dependent name an undefined function of what it depends on."""
    applied: dict[sympy.Basic, sympy.Expr] = {}

    def function_of(name: sympy.Basic) -> sympy.Expr:
        if name not in depends_on:
            return name
        if name not in applied:
            arguments = [function_of(v) for v in depends_on[name]]
            applied[name] = sympy.Function(f"{name}")(*arguments)
        return applied[name]

    for name in depends_on:
        function_of(name)
    return sympy.sympify(expr.xreplace(applied))


def describe(depends_on: Dependencies, show: object) -> str:
    """``L of p_{1}, p_{2}; p_{1} of x_{1}`` for the message."""
    shown = [
        f"{show(name)} of {', '.join(show(v) for v in targets)}"  # type: ignore[operator]
        for name, targets in sorted(depends_on.items(), key=lambda pair: str(pair[0]))
        if targets
    ]
    return "; ".join(shown)


def _names(body: sympy.Basic) -> set[sympy.Basic]:
    """The names a derivative's body is made of; none if it holds an application."""
    if body.atoms(AppliedUndef) or body.atoms(sympy.Derivative):
        return set()
    found: set[sympy.Basic] = set(body.atoms(Indexed))
    inner = {s for item in found for s in item.free_symbols}
    found |= {s for s in body.free_symbols if isinstance(s, sympy.Symbol) and s not in inner}
    return found


def _reachable_otherwise(
    edges: dict[sympy.Basic, set[sympy.Basic]], start: sympy.Basic, goal: sympy.Basic
) -> bool:
    """Whether ``goal`` is reachable from ``start`` by a path of two or more edges."""
    seen: set[sympy.Basic] = set()
    frontier = [v for v in edges.get(start, ()) if v != goal]
    while frontier:
        node = frontier.pop()
        if node == goal:
            return True
        if node in seen:
            continue
        seen.add(node)
        frontier.extend(edges.get(node, ()))
    return False


def _cyclic(edges: dict[sympy.Basic, set[sympy.Basic]]) -> bool:
    """Whether some name depends on itself (u on v and v on u: no function reading)."""
    state: dict[sympy.Basic, int] = {}

    def visit(node: sympy.Basic) -> bool:
        if state.get(node) == 1:
            return True
        if state.get(node) == 2:
            return False
        state[node] = 1
        if any(visit(v) for v in edges.get(node, ())):
            return True
        state[node] = 2
        return False

    return any(visit(name) for name in list(edges))

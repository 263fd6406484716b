r"""Make derivatives and opaque terms evaluable, so a = b can be judged at points.

A derivative whose body depends on its variable is carried out (SymPy differentiates, with
``KroneckerDelta`` for indexed names). One whose body does not visibly depend on it
(``\frac{\partial E}{\partial a_k}`` with E undefined) is an *opaque term*, like an undefined
application ``p(x \mid \theta)`` or an expectation: each distinct one becomes one unknown, so
the structure around it can still be checked. Two sides that relate different opaque terms
cannot be judged (nothing says how ``H(p)`` and ``\mathbb{E}[\log p]`` relate).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

import sympy
from sympy.core.function import AppliedUndef

from derivetex.judge.memo import remembered
from derivetex.judge.nodes import atoms, in_preorder


def _depends(body: sympy.Expr, variable: sympy.Basic) -> bool:
    if variable in body.free_symbols:
        return True
    if isinstance(variable, sympy.Indexed):
        return any(
            isinstance(item, sympy.Indexed) and item.base == variable.base
            for item in atoms(body, sympy.Indexed)
        )
    return False


def depends(body: sympy.Expr, variable: sympy.Basic) -> bool:
    """Whether ``body`` visibly depends on ``variable`` (y_i on y_k: the same indexed name)."""
    return _depends(body, variable)


_OTHERS_FIXED: ContextVar[bool] = ContextVar("others_fixed", default=False)
"""Within :func:`holding_others_fixed`: a partial derivative holds every other name fixed."""


@contextmanager
def holding_others_fixed() -> Iterator[None]:
    """Within the block, a derivative whose body does not depend on its variable (and applies
    no unknown function) is 0, as a partial derivative holds the other variables fixed; outside
    it such a derivative is an opaque term (an undefined name may depend on the variable)."""
    token = _OTHERS_FIXED.set(True)
    try:
        yield
    finally:
        _OTHERS_FIXED.reset(token)


def carry_out(expr: sympy.Expr) -> sympy.Expr:
    """Every derivative that can be taken, taken; the rest left as written."""
    return _carry_out(expr, _OTHERS_FIXED.get())


@remembered
def _carry_out(expr: sympy.Expr, others_fixed: bool) -> sympy.Expr:
    special = in_preorder(expr, sympy.Derivative, sympy.Subs, sympy.Integral, AppliedUndef)
    if not special:  # most sides: nothing to differentiate, no expectation to spread
        return sympy.sympify(expr)
    derivatives = [d for d in special if isinstance(d, sympy.Derivative)]
    for node in reversed(derivatives):  # innermost first
        if node not in atoms(expr, sympy.Derivative):
            continue
        variables = [v for v, _ in node.variable_count]
        fresh = _fresh_indices(node.expr, variables)
        if fresh is not node.expr:
            new = sympy.Derivative(fresh, *node.variable_count)
            expr, node = expr.xreplace({node: new}), new
        if node.expr.has(sympy.Integral):
            continue  # differentiating under the integral sign would integrate: left opaque
        if node.expr.is_number:
            expr = expr.xreplace({node: sympy.Integer(0)})  # the derivative of a constant
        elif all(_depends(node.expr, v) for v in variables) and not atoms(node.expr, AppliedUndef):
            expr = expr.xreplace({node: node.doit()})
        elif all(_depends(node.expr, v) for v in variables):
            expr = expr.xreplace({node: node.doit(deep=False)})
        elif others_fixed and not atoms(node.expr, AppliedUndef):
            expr = expr.xreplace({node: node.doit()})
    points = [s for s in atoms(expr, sympy.Subs) if not s.expr.has(sympy.Derivative)]
    if points:  # f'(0) once f' is known: put the point in
        expr = expr.xreplace({s: s.doit() for s in points})
    return linear_expectations(sympy.sympify(expr))


_EXPECTATION = re.compile(r"(\\mathbb\{E\}|E)(_|\[)")


def linear_expectations(expr: sympy.Expr) -> sympy.Expr:
    """Each expectation as a sum of expectations of single terms with their numeric
    coefficients taken out: E[log(p/q)] = E[log p] - E[log q], E[-2 f] = -2 E[f].

    Linearity holds for every distribution, so two sides that differ only by it compare
    equal; the logarithm of a quotient or product of applications (densities, probabilities:
    positive) is split first."""
    found: dict[sympy.Basic, sympy.Expr] = {}
    for node in atoms(expr, AppliedUndef):
        if _EXPECTATION.match(node.func.__name__) and node.args:
            found[node] = _spread(node.args[-1], partial(_expectation, node), sympy.Integer(1))
    for node in atoms(expr, sympy.Integral):
        found[node] = _spread(node.function, partial(_integral, node), None)
    if not found:
        return expr
    return sympy.sympify(expr.xreplace(found))


def _expectation(node: sympy.Basic, body: sympy.Expr) -> sympy.Expr:
    return node.func(*node.args[:-1], body)


def _integral(node: sympy.Integral, body: sympy.Expr) -> sympy.Expr:
    return sympy.Integral(body, *node.limits)


def _spread(
    body: sympy.Expr, rebuild: Callable[[sympy.Expr], sympy.Expr], of_one: sympy.Expr | None
) -> sympy.Expr:
    """``rebuild`` (an expectation or an integral of a body) taken term by term; ``of_one`` is
    its value for the body 1, if it has one (E[1] = 1)."""
    inside = {a: sympy.Dummy(positive=True) for a in atoms(body, AppliedUndef)}
    split = sympy.expand(sympy.expand_log(body.xreplace(inside), deep=True))
    split = split.xreplace({dummy: a for a, dummy in inside.items()})
    total = sympy.Integer(0)
    for term in sympy.Add.make_args(split):
        coefficient, rest = term.as_independent(*term.free_symbols, as_Add=False)
        if of_one is not None:  # an expectation is a number: E[X E[X]] = E[X] E[X]
            numbers = [f for f in sympy.Mul.make_args(rest) if _an_expectation(f)]
            coefficient *= sympy.Mul(*numbers)
            rest = sympy.Mul(*(f for f in sympy.Mul.make_args(rest) if not _an_expectation(f)))
        whole = of_one if rest == 1 and of_one is not None else rebuild(rest)
        total += coefficient * whole
    return total


def _an_expectation(factor: sympy.Basic) -> bool:
    """An expectation, or a power of one: a number, whatever the outcome."""
    base = factor.base if isinstance(factor, sympy.Pow) and factor.exp.is_number else factor
    return isinstance(base, AppliedUndef) and _EXPECTATION.match(base.func.__name__) is not None


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
    found = atoms(expr, sympy.Derivative, sympy.Subs, sympy.Integral, AppliedUndef)
    bodies = {d.expr for d in found if isinstance(d, sympy.Derivative)}
    alone = _outside_derivatives(expr)  # p(x) itself, not only inside d/dθ p(x)
    return {node for node in found if node not in bodies or node in alone}


def _outside_derivatives(expr: sympy.Basic) -> set[sympy.Basic]:
    if isinstance(expr, AppliedUndef):
        return {expr}
    if isinstance(expr, sympy.Derivative):
        return set()
    found: set[sympy.Basic] = set()
    for arg in expr.args:
        found |= _outside_derivatives(arg)
    return found


def as_unknowns(expr: sympy.Expr) -> sympy.Expr:
    """Each opaque term replaced by a symbol of its own (the same term, the same symbol)."""
    mapping = {term: sympy.Symbol(f"⟨{sympy.srepr(term)}⟩") for term in _outermost(expr)}
    return sympy.sympify(expr.xreplace(mapping)) if mapping else expr


def _outermost(expr: sympy.Basic) -> list[sympy.Basic]:
    if isinstance(expr, (sympy.Derivative, sympy.Subs, sympy.Integral, AppliedUndef)):
        return [expr]
    found: list[sympy.Basic] = []
    for arg in expr.args:
        found.extend(_outermost(arg))
    return found


@remembered
def evaluable(expr: sympy.Expr) -> sympy.Expr:
    """Derivatives carried out, then what is left opaque turned into unknowns."""
    return as_unknowns(carry_out(expr))

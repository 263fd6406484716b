r"""A function written without its arguments: ``J`` for ``J(z)``, ``\sigma_c`` for
``\sigma_c(z)``.

Writers drop the arguments once they are clear: ``\frac{\partial J}{\partial z_i}`` after
``J(z) = -\sum_i t_i \log \sigma_i(z)``, or ``\frac{\partial \sigma_c}{\partial z_i}`` beside
``\log \sigma_c(z)`` in the same row. A name with no definition of its own is read as that
function at those arguments when the link itself applies the function (its arguments are
taken from there) and the name is not a whole side (``H(Y) = H``: H is a number there), or
else when the section defines the function (at the definition's parameters). A derivative's
variable is never rewritten. A reading from a definition confirms a link but never accuses it:
``\frac{dg}{dx}(f(w))`` is g' at f(w), not dg/dx times f(w).
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed

from derivetex.verify.scope import Scope


def function_name(node: AppliedUndef) -> str:
    """``\\sigma`` for the reader's ``\\sigma(`` (and ``p`` for ``p(|``)."""
    name = node.func.__name__
    cut = min((name.find(c) for c in "([" if c in name), default=len(name))
    return name[:cut]


class BareReading(dict[sympy.Basic, sympy.Expr]):
    """What each bare name was read as; ``from_definitions`` if any came from a definition,
    ``differentiated`` if every such name is only differentiated by the definition's own
    parameters (``\\frac{\\partial J}{\\partial w}`` after ``J(w) = …``): no other reading."""

    from_definitions: bool = False
    differentiated: bool = True


def applied_bare(
    left: sympy.Expr, right: sympy.Expr, scope: Scope
) -> tuple[sympy.Expr, sympy.Expr, BareReading]:
    """Both sides with bare function names applied, and what each name was read as."""
    in_link: dict[str, set[AppliedUndef]] = {}
    for side in (left, right):
        for node in side.atoms(AppliedUndef):
            in_link.setdefault(function_name(node), set()).add(node)
    defined = {
        function_name(d.symbol): d.symbol
        for d in scope.definitions.values()
        if isinstance(d.symbol, AppliedUndef)
    }
    known = {**scope.earlier, **scope.bindings}
    reading = BareReading()
    names = sorted(_names(left) | _names(right), key=sympy.default_sort_key)
    for node in names:  # in a fixed order: the message lists them so
        if node in known or scope.defines(node):
            continue
        found = _applied(node, in_link, defined, whole_side=node in (left, right))
        if found is None:
            found = _built_in_at_variable(node, left, right, scope)
            reading.from_definitions |= found is not None
            reading.differentiated &= found is None
        if found is not None:
            reading[node] = found
            if found in defined.values():
                reading.from_definitions = True
                reading.differentiated &= _only_differentiated(node, found, (left, right))
    if not reading:
        return left, right, reading
    return _rewritten(left, reading), _rewritten(right, reading), reading


def _names(expr: sympy.Expr) -> set[sympy.Basic]:
    found: set[sympy.Basic] = set(expr.atoms(Indexed))
    inner = {s for item in found for s in item.free_symbols}
    found |= {
        s
        for s in expr.free_symbols
        if isinstance(s, sympy.Symbol) and s not in inner and not s.name.startswith("#")
    }
    return found


def _applied(
    node: sympy.Basic,
    in_link: dict[str, set[AppliedUndef]],
    defined: dict[str, AppliedUndef],
    whole_side: bool,
) -> sympy.Expr | None:
    indices = node.indices if isinstance(node, Indexed) else ()
    name = str(node.base.label) if isinstance(node, Indexed) else str(node)
    uses = in_link.get(name, set())
    tails = {use.args[len(indices) :] for use in uses if len(use.args) > len(indices)}
    if len(tails) == 1 and not whole_side:
        use = next(iter(uses))
        return use.func(*indices, *tails.pop())
    if not uses and not indices and name in defined:
        return defined[name]
    return None


def _only_differentiated(
    node: sympy.Basic, found: sympy.Expr, sides: tuple[sympy.Expr, sympy.Expr]
) -> bool:
    """Whether ``node`` occurs only as the function of a derivative by parameters of
    ``found`` (J in dJ/dw, with J(w) defined)."""
    parameters = set(found.args)
    if not parameters or not all(isinstance(p, (sympy.Symbol, Indexed)) for p in parameters):
        return False
    marker = sympy.Dummy()
    for side in sides:
        hidden = side.replace(
            lambda e: isinstance(e, sympy.Derivative)
            and e.expr == node
            and set(e.variables) <= parameters,
            lambda e: marker,
        )
        if hidden.has(node):
            return False
    return True


def _built_in_at_variable(
    node: sympy.Basic, left: sympy.Expr, right: sympy.Expr, scope: Scope
) -> sympy.Expr | None:
    """``\\frac{d\\sigma}{da} = \\sigma(1 - \\sigma)`` in a document about the sigmoid: a
    function of one argument by its usual meaning, bare, in a link that differentiates by one
    letter, is that function of the letter (a reading that confirms, never accuses)."""
    if not isinstance(node, sympy.Symbol) or f"{node.name}(/1" not in scope.defaults:
        return None
    derivatives = {d for side in (left, right) for d in side.atoms(sympy.Derivative)}
    if not any(d.expr == node for d in derivatives):
        return None  # σ² as a variance: σ a name, never the function
    variables = {v for d in derivatives for v in d.variables}
    if len(variables) != 1:
        return None
    variable = next(iter(variables))
    if not isinstance(variable, sympy.Symbol) or variable == node:
        return None
    return sympy.Function(f"{node.name}(")(variable)


def _rewritten(expr: sympy.Basic, reading: dict[sympy.Basic, sympy.Expr]) -> sympy.Expr:
    """``expr`` with the names replaced, except as a derivative's variable."""
    if expr in reading:
        return reading[expr]
    if isinstance(expr, sympy.Subs):  # d/dσ² as d/dv at v = σ²: ℓ(σ²) is ℓ(v) inside
        inner, variables, points = expr.args
        swap = dict(zip(points, variables, strict=True))
        inside = {n: f.xreplace(swap) for n, f in reading.items()}
        return sympy.Subs(_rewritten(inner, inside), variables, points)
    if isinstance(expr, sympy.Derivative):
        return sympy.Derivative(_rewritten(expr.expr, reading), *expr.variable_count)
    if not expr.args or isinstance(expr, (Indexed, AppliedUndef)):
        return expr
    return expr.func(*(_rewritten(arg, reading) for arg in expr.args))

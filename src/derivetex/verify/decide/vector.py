"""Links about vectors and matrices, and the vector readings the scalar checks rely on.

A vector of numbers gives its components values; a vector given by its components
(``\\mathbf{x} = [x_1, x_2]^T``) has that length, and a sum past it is an error; a link read
component by component in one vector holds for every value of it; matrix algebra is checked
with its products in the order written (:mod:`matrices`); and reading vectors as scalars is
allowed only where that is exact (:func:`elementwise`).
"""

from __future__ import annotations

import re
from functools import partial

import sympy
from sympy.tensor.indexed import Indexed, IndexedBase

from derivetex.judge import numeric as num
from derivetex.judge.show import show
from derivetex.judge.terms import opaque
from derivetex.verify.decide.claim import variance_base
from derivetex.verify.decide.comparing import compare, holds_message, is_number, listing
from derivetex.verify.decide.vectors import check_components
from derivetex.verify.decide.verdict import FAILS, Answer, Make
from derivetex.verify.links.rows import Link
from derivetex.verify.readings.catalog import DEVIATION, GRADIENT
from derivetex.verify.readings.side import Reading, read
from derivetex.verify.report import OK, UNCHECKED
from derivetex.verify.scope import Scope


def elementwise(left: Reading, right: Reading, a: sympy.Expr, b: sympy.Expr) -> bool:
    """Whether reading the vectors as scalars is exact: no transpose or matrix, no tuple, and
    no product of two different vectors (``\\mathbf{p} - \\mathbf{y}``, ``\\sigma(\\mathbf{u})(1 -
    \\sigma(\\mathbf{u}))`` hold component by component; ``\\mathbf{x} \\mathbf{w}`` may be a dot
    product)."""
    if left.algebra or right.algebra:
        return False
    for side in (a, b):
        if _has_vector_literal(side):
            return False
        for product in side.atoms(sympy.Mul):
            bold = [_bold(factor) for factor in product.args]
            if sum(1 for names in bold if names) > 1 and len(set().union(*bold)) > 1:
                return False  # x w: two vectors multiplied, maybe a dot product
    return True


def _has_vector_literal(expr: sympy.Basic) -> bool:
    """A tuple that is a vector, not the limits of a sum or the variables of a derivative."""
    if isinstance(expr, sympy.Tuple):
        return True
    if isinstance(expr, (sympy.Derivative, sympy.Subs, sympy.Sum, sympy.Product, sympy.Integral)):
        return _has_vector_literal(expr.args[0])
    return any(_has_vector_literal(arg) for arg in expr.args)


def _bold(expr: sympy.Basic) -> set[sympy.Basic]:
    symbols = expr.free_symbols
    return {s for s in symbols if isinstance(s, sympy.Symbol) and s.name.startswith(_BOLD)}


_BOLD = (r"\mathbf{", r"\boldsymbol{", r"\bm{", r"\vec{", r"\mathbb{")


def components(name: sympy.Symbol, items: sympy.Tuple, scope: Scope, make: Make) -> Answer:
    """``y = (0.33, 0.32, 0.35)`` gives y_1, y_2, y_3 their values for this block."""
    if not all(is_number(item) for item in items):
        base = _named_components(items)
        if base is None:
            return make(UNCHECKED, "a vector of expressions is not checked", reason="vector")
        scope.sizes[base] = len(items)
        return make(OK, f"names the {len(items)} components of {show(name)}")
    values = {IndexedBase(name.name)[i]: item for i, item in enumerate(items.args, start=1)}
    scope.bindings.update(values)
    scope.sizes[name.name] = len(items)
    return make(OK, f"gives {listing(values)}")


def vector_value(link: Link, left: sympy.Expr, right: sympy.Expr, scope: Scope) -> bool:
    """``x_1 = (2, 3)``: a data point given as a vector of numbers, opening a chain."""
    return (
        link.opens_chain
        and isinstance(left, Indexed)
        and isinstance(right, sympy.Tuple)
        and all(is_number(item) for item in right.args)
        and not scope.defines(left)
    )


def _named_components(items: sympy.Tuple) -> str | None:
    """``x`` when the items are x_1, x_2, ..., x_n in order (``\\mathbf{x} = [x_1, x_2]^T``)."""
    bases = {item.base.label for item in items.args if isinstance(item, Indexed)}
    if len(bases) != 1 or not all(isinstance(item, Indexed) for item in items.args):
        return None
    wanted = [(sympy.Integer(i),) for i in range(1, len(items) + 1)]
    if [item.indices for item in items.args] != wanted:
        return None
    return str(bases.pop())


def beyond_components(sides: tuple[sympy.Expr, ...], scope: Scope, make: Make) -> Answer | None:
    """A sum whose written range takes a component past a vector's length (x = [x_1, x_2]
    given, then ``\\sum_{i=1}^3 w_{ik} x_i``)."""
    for side in sides:
        for node in side.atoms(sympy.Sum):
            index, _, high = node.limits[0]
            if not high.is_Integer:
                continue
            for item in node.function.atoms(Indexed):
                size = scope.sizes.get(str(item.base.label))
                if size is not None and index in item.indices and high > size:
                    message = (
                        f"{show(item.base)} has {size} components in this section, "
                        f"but the sum takes {show(item.subs(index, high))}"
                    )
                    return make(FAILS, message)
    return None


WRITTEN_OUT = sympy.Symbol("MATRIX")
"""What the reader makes of a written-out matrix: two of them are not the same matrix."""


def for_every_vector(
    link: Link, left: Reading, right: Reading, scope: Scope, make: Make
) -> Answer | None:
    """``σ(u)(1 - σ(u)) = ...`` in one vector u, where u's definition is matrix algebra: the
    link read component by component, with its names as written (not their definitions),
    holds for every u, so it holds for this one. Only confirms: a step may rely on what u is."""
    a, b = left.expr, right.expr
    if a is None or b is None or left.algebra or right.algebra:
        return None
    if not elementwise(left, right, a, b) or opaque(a) or opaque(b):
        return None
    outcome = compare(a, b, link.text, frozenset(scope.facts))
    if outcome is None or outcome[1] or not outcome[0]:
        return None
    return make(OK, holds_message(a, b, outcome[0]) + " (component by component, for any value)")


def entry_value(latex: str, scope: Scope) -> float | None:
    """An entry of a written-out matrix as a number, through the section's meanings and
    values (``\\sigma(1)`` in a document about the sigmoid); ``None`` if it is not one."""
    reading = read(latex, scope.function_names())
    if reading.expr is None or reading.vector:
        return None
    value = num.value(num.substitute(scope.resolve(reading.expr), scope.bindings), {})
    return None if value is None else float(value)


_MATRIX_MARKS = re.compile(
    r"\\(?:mathbf|bm|boldsymbol|vec|pmb|Sigma|Lambda|begin|bf)\b|\^\s*\{?\s*(?:T|\\top)\b"
)
"""What a side has before it can be matrix algebra: the matrix checks load only then."""


def learn(link: Link, scope: Scope) -> None:
    """After ``link`` defined a name: a matrix or vector name keeps its matrix expression."""
    left, right = link.left.source or link.left.latex, link.right.source or link.right.latex
    if not (_MATRIX_MARKS.search(left) or _MATRIX_MARKS.search(right) or scope.matrices):
        return
    from derivetex.verify.decide import matrices

    matrices.learn(left, right, scope.matrices, link.left.line, partial(entry_value, scope=scope))


def in_order(link: Link, scope: Scope, make: Make) -> Answer | None:
    """Matrix algebra checked with its products in the order written (:mod:`matrices`); a
    difference that is a condition, or rests on one, is not an error
    (:mod:`matrix_conditions`)."""
    from derivetex.verify.decide import matrices  # only for links that read as vectors

    given = {matrices.plain(str(k)) for k in (*scope.definitions, *scope.bindings, *scope.earlier)}
    left, right = link.left.source or link.left.latex, link.right.source or link.right.latex
    gradients = scope.allows(GRADIENT.code)
    verdict = matrices.judge(
        left,
        right,
        link.opens_chain,
        scope.matrices,
        link.right.line,
        lambda name: matrices.plain(name) in given,
        partial(entry_value, scope=scope),
        gradients,
    )
    if verdict is None:
        return None
    status, message = verdict
    taken = gradients and matrices.takes_gradient(left, right, scope.matrices)
    readings = (GRADIENT.code,) if taken else ()
    if status == "error" and not taken:
        from derivetex.verify.decide.matrix_conditions import instead_of_error

        entry = partial(entry_value, scope=scope)
        commutes = matrices.holds_as_numbers(left, right, scope.matrices, entry)
        condition = instead_of_error(link, scope, make, message, commutes)
        if condition is not None:
            return condition
    return make(FAILS if status == "error" else OK, message, readings=readings)


_GRADIENT = re.compile(
    r"\\nabla_|\\partial\s*\\(?:Sigma|Lambda|mathbf|bm|boldsymbol|vec)\b"
    r"|\{\s*d\s*\\(?:mathbf|bm|boldsymbol|vec)\b"
)
"""What a link has before it may take a gradient by a vector or a matrix."""


def gradient(link: Link, scope: Scope, make: Make) -> Answer | None:
    """``\\nabla_{\\Sigma} \\log|\\Sigma| = \\Sigma^{-1}``: a gradient by a vector or a matrix,
    judged as matrix algebra when it reads as one (R307); otherwise left to the other checks
    (the scalar reading takes Σ for a scalar)."""
    if not _GRADIENT.search(link.text) or not scope.allows(GRADIENT.code):
        return None
    found = in_order(link, scope, make)
    return found if found is not None and GRADIENT.code in found.readings else None


def tuples_agree(link: Link, left: sympy.Tuple, right: sympy.Tuple, make: Make) -> Answer:
    """``[\\frac{2.718}{23.804}, …] = [0.114, …]``: numbers, component by component."""
    outcome = check_components(sympy.Symbol("_v"), right, link.right.latex, {}, left)
    if outcome is None:
        return make(UNCHECKED, "vector or matrix algebra is not checked", reason="vector")
    ok, message = outcome
    return make(OK if ok else FAILS, message)


def vector_claim(
    link: Link, left: sympy.Expr, right: sympy.Tuple, scope: Scope, make: Make
) -> Answer:
    """A vector of numbers claimed for an expression in names with components; for
    ``\\sigma^2`` opening a chain, variances that give σ_1, σ_2, … (:func:`deviations`)."""
    given = deviations(link, left, right, scope, make)
    if given is not None:
        return given
    formula, line = scope.formulas.get(left, (left, None))
    known = {**scope.earlier, **scope.bindings}
    outcome = check_components(scope.resolve(formula), right, link.right.latex, known)
    if outcome is None:
        return make(UNCHECKED, "vector or matrix algebra is not checked", reason="vector")
    ok, message = outcome
    if line is not None:
        message += f" (with ${show(left)} = {show(formula)}$ as on line {line})"
    return make(OK if ok else FAILS, message)


def deviations(
    link: Link, left: sympy.Expr, right: sympy.Tuple, scope: Scope, make: Make
) -> Answer | None:
    """``\\sigma^2 = [0.5, 2.0]`` opening a chain: a variance per component (reading R105, as
    ``\\sigma^2 = 4`` gives σ = 2), so σ_1 = √0.5 and σ_2 = √2 for this block; None when σ
    is defined, a component already has a value in this section, or an item is not positive
    (as for a single σ: ``decide.claim.deviation_of``)."""
    base = variance_base(link, left)
    if not isinstance(base, sympy.Symbol) or not scope.allows(DEVIATION.code):
        return None
    if scope.defines(base) or not all(is_number(i) and i.is_positive for i in right.args):
        return None
    named = IndexedBase(base.name)
    values = {named[k]: sympy.sqrt(item) for k, item in enumerate(right.args, start=1)}
    if any(name in scope.bindings or scope.gave_here(name) for name in values):
        return None
    scope.bindings.update(values)
    scope.sizes[base.name] = len(values)
    message = f"gives {listing(values)} (standard deviations, σ > 0)"
    return make(OK, message, readings=(DEVIATION.code,))

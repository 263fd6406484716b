r"""Matrix equations that state a condition, and the links that may rest on one.

``\mathbf{X}^\top\mathbf{X}\mathbf{w} = \mathbf{X}^\top\mathbf{y}`` (the normal equation),
``\Sigma\mathbf{w} = \lambda\mathbf{w}`` (an eigenvector), ``\mathbf{w}^\top\mathbf{w} = 1`` (a
constraint): a lone equation between matrix expressions fails at random matrices because it
says what w must be, not what holds for every w. As for a scalar lone equation (reading
R007), it is a condition, ``unchecked``; and a later link of the section that uses a name
such a condition constrains (``\mathbf{w}^\top\Sigma\mathbf{w} = \lambda\mathbf{w}^\top
\mathbf{w} = \lambda``) may rest on it, so failing at random matrices proves nothing there
either. A link with a gradient, or whose sides cannot be formed at all, is judged as before.
"""

from __future__ import annotations

from derivetex.verify.decide.matrix_reading import NotMatrixAlgebra, read_side
from derivetex.verify.decide.matrix_tree import SCALAR, Number, Op, names
from derivetex.verify.decide.verdict import Answer, Make
from derivetex.verify.links.rows import Link
from derivetex.verify.readings.catalog import EQUATION
from derivetex.verify.report import UNCHECKED
from derivetex.verify.scope import Scope


def instead_of_error(
    link: Link, scope: Scope, make: Make, message: str, commutes: bool = False
) -> Answer | None:
    """What a matrix link the matrix check found to differ is instead, if not an error: a
    condition it states, or a step that may use one; None when it is an error. A link that
    would hold if products commuted (``commutes``: ``(AB)^T = A^T B^T``) is an error of
    order, not a condition; so is an expansion (a side that is a sum, the other no number)."""
    if "cannot be formed" in message or commutes or not scope.allows(EQUATION.code):
        return None
    named = _names(link)
    if link.opens_chain and not link.chained and _condition_shaped(link):
        for name in named:
            scope.conditions.setdefault(name, link.right.line)
        text = "an equation between matrices (a condition), not an identity"
        return make(UNCHECKED, text, reason="equation", readings=(EQUATION.code,))
    lines = sorted({scope.conditions[name] for name in named if name in scope.conditions})
    if not lines:
        return None
    where = ", ".join(str(line) for line in lines)
    text = f"{message}; but it may rest on the condition stated on line {where}"
    return make(UNCHECKED, text, reason="condition", readings=(EQUATION.code,))


def _condition_shaped(link: Link) -> bool:
    """``X^T X w = X^T y``, ``Σw = λw``, ``w^T w = 1``, ``2X^T X w - 2X^T y = 0``: each side a
    single product, or one side a number; not ``(x - μ)^T Σ (x - μ) = x^T Σ x - …``."""
    left, right = link.left.source or link.left.latex, link.right.source or link.right.latex
    try:
        sides = (read_side(left, right), read_side(right, left))
    except (NotMatrixAlgebra, RecursionError):
        return False
    if any(isinstance(side, Number) for side in sides):
        return True
    return not any(isinstance(side, Op) and side.op == "+" for side in sides)


def _names(link: Link) -> set[str]:
    """The vector and matrix names of the link (a scalar such as λ is no condition's)."""
    found: set[str] = set()
    left, right = link.left.source or link.left.latex, link.right.source or link.right.latex
    for side, other in ((left, right), (right, left)):
        try:
            found |= {n.key for n in names(read_side(side, other)) if n.kind != SCALAR}
        except (NotMatrixAlgebra, RecursionError):
            continue
    return found

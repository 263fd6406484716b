r"""The value of a matrix tree (:mod:`matrix_reading`) at one draw of its names.

A gradient (``Op("grad", (f, w))``) is taken by central differences of the 1×1 ``f`` in each
entry of ``w`` at the draw, in denominator layout (the gradient has the shape of ``w``) or,
asked for, in numerator layout (its transpose). The step is :data:`STEP` relative to the
entry, so the difference is good to about 1e-10 for the smooth functions written here; the
comparison of such a side is made to :data:`GRADIENT_TOLERANCE`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from derivetex.verify.decide import matrix_values as mv
from derivetex.verify.decide.matrix_tree import Definitions, Fixed, Literal, Name, Node, Number, Op

STEP = 1e-5
GRADIENT_TOLERANCE = 1e-6
"""Relative (and absolute, for entries near 0) agreement asked of a side with a gradient."""
DENOMINATOR, NUMERATOR = "denominator", "numerator"
MAX_DEPTH = 8


class Jacobian(ValueError):
    """A gradient of a vector or a matrix: not read (the convention may make it so, as a
    row-vector reading of ``\\mathbf{a}^\\top \\mathbf{w}`` does), so it is a reading that
    cannot be formed, neither unclear nor a mismatch."""


@dataclass(frozen=True)
class Draw:
    """The names' values at one draw, the definitions they are read through, and the layout
    gradients are written in."""

    env: dict[str, mv.Value]
    definitions: Definitions
    layout: str = DENOMINATOR
    depth: int = field(default=0)

    def at(self, key: str, value: mv.Value) -> Draw:
        return Draw({**self.env, key: value}, self.definitions, self.layout, self.depth)

    def deeper(self) -> Draw:
        if self.depth >= MAX_DEPTH:
            raise mv.Unclear("definitions nested too deep")
        return Draw(self.env, self.definitions, self.layout, self.depth + 1)


def evaluate(node: Node, draw: Draw) -> mv.Value:
    if isinstance(node, Number):
        return mv.scalar(node.value)
    if isinstance(node, Literal):
        raise mv.Unclear("a written-out matrix whose entries were not read")
    if isinstance(node, Fixed):
        if node.value is None:
            raise mv.Unclear("a written-out matrix with an entry that is not a number")
        return node.value
    if isinstance(node, Name):
        definition = draw.definitions.get(node.key)
        if definition is not None and draw.depth < MAX_DEPTH:
            return evaluate(definition.node, draw.deeper())
        if node.key not in draw.env:
            raise mv.Unclear(f"{node.shown} has no value")
        return draw.env[node.key]
    if node.op == "grad":
        assert isinstance(node.args[1], Name)  # the reader takes a name as the variable
        return gradient(node.args[0], node.args[1], draw)
    if node.op == "apply":
        return _applied(node, draw)
    args = [evaluate(arg, draw) for arg in node.args]
    return _operation(node.op, args)


def _operation(op: str, args: list[mv.Value]) -> mv.Value:
    if op == "+":
        total = args[0]
        for arg in args[1:]:
            total = mv.add(total, arg)
        return total
    if op == "*":
        product = args[0]
        for arg in args[1:]:
            product = mv.multiply(product, arg)
        return product
    if op == "neg":
        return mv.multiply(mv.scalar(-1.0), args[0])
    if op == "pow":
        return power(args[0], int(args[1].data[0][0]))
    if op == "div":
        if args[1].scalar is None:
            raise mv.Unclear("a quotient by a matrix")
        return mv.multiply(mv.inverse(args[1]), args[0])
    unary = {
        "T": mv.transpose, "inv": mv.inverse, "det": mv.determinant, "norm": mv.norm,
        "tr": mv.trace,
    }.get(op)
    return unary(args[0]) if unary is not None else mv.scalar_function(op, args[0])


def power(base: mv.Value, exponent: int) -> mv.Value:
    if base.scalar is not None:
        return mv.Value(1, 1, ((base.data[0][0] ** exponent,),), base.plain, base.firm)
    if exponent < 1:
        raise mv.Unclear("a zeroth power of a matrix")
    result = base
    for _ in range(exponent - 1):
        result = mv.multiply(result, base)
    return result


def _applied(node: Op, draw: Draw) -> mv.Value:
    """``h(\\mathbf{v})`` with ``h(\\boldsymbol{\\beta})`` defined: the definition with its
    parameter at the argument's value."""
    function = node.args[0]
    assert isinstance(function, Name)
    definition = draw.definitions.get(function.key)
    if definition is None or definition.parameter is None:
        raise mv.Unclear(f"{function.shown} is not defined as a matrix expression")
    argument = evaluate(node.args[1], draw)
    return evaluate(definition.node, draw.at(definition.parameter.key, argument).deeper())


def gradient(function: Node, variable: Name, draw: Draw) -> mv.Value:
    """∂f/∂w by central differences, entry by entry of w, at the draw."""
    if variable.key in draw.definitions:
        raise mv.Unclear(f"a derivative by {variable.shown}, which the section defines")
    if isinstance(function, Name) and function.key not in draw.definitions:
        raise mv.Unclear(f"{function.shown} is not written as a function of {variable.shown}")
    point = draw.env.get(variable.key)
    if point is None or point.plain:
        raise mv.Unclear(f"a derivative by the scalar {variable.shown}")
    rows = []
    for i in range(point.rows):
        row = []
        for j in range(point.cols):
            step = STEP * max(1.0, abs(point.data[i][j]))
            up = evaluate(function, draw.at(variable.key, _moved(point, i, j, step)))
            down = evaluate(function, draw.at(variable.key, _moved(point, i, j, -step)))
            if up.scalar is None or down.scalar is None:
                raise Jacobian("the derivative of a vector or matrix (a Jacobian)")
            row.append((up.scalar - down.scalar) / (2 * step))
        rows.append(row)
    value = mv.matrix(rows, firm=point.firm)
    return mv.transpose(value) if draw.layout == NUMERATOR else value


def _moved(point: mv.Value, i: int, j: int, step: float) -> mv.Value:
    data = [list(row) for row in point.data]
    data[i][j] += step
    return mv.Value(point.rows, point.cols, tuple(map(tuple, data)), point.plain, point.firm)

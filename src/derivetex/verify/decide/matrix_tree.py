r"""The trees the matrix reader (:mod:`matrix_reading`) makes of a side, and what the matrix
checks ask of them (their names, whether they take a gradient, their quadratic forms)."""

from __future__ import annotations

from dataclasses import dataclass

from derivetex.verify.decide.matrix_values import Value

SCALAR, VECTOR, MATRIX = "scalar", "vector", "matrix"


class NotMatrixAlgebra(ValueError):
    """The side uses notation this reader does not take."""


@dataclass(frozen=True)
class Name:
    key: str
    kind: str
    shown: str


@dataclass(frozen=True)
class Number:
    value: float


@dataclass(frozen=True)
class Literal:
    """A matrix written out (``\\begin{pmatrix} 1 & -1 \\\\ 0.5 & 0.5 \\end{pmatrix}``): the
    LaTeX of each entry, row by row."""

    entries: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Fixed:
    """A written-out matrix with its entries' values (``None``: an entry is not a number),
    put in place of its :class:`Literal` by the matrix checks."""

    value: Value | None


@dataclass(frozen=True)
class Op:
    """``op`` is one of + (args summed), * (args multiplied in order), neg, T, inv, det,
    pow (args[1] a Number), div (args[0] over the scalar args[1]), log, exp, sqrt, norm, tr,
    grad (of args[0] by the name args[1]), apply (the defined function args[0] at args[1])."""

    op: str
    args: tuple[Node, ...]


Node = Name | Number | Literal | Fixed | Op


@dataclass(frozen=True)
class MatrixDefinition:
    node: Node
    line: int
    shown: str
    parameter: Name | None = None
    """The vector or matrix a function is defined of (``\\boldsymbol{\\beta}`` in ``h(\\boldsymbol
    {\\beta}) = \\ldots``); ``None`` for a name."""


Definitions = dict[str, MatrixDefinition]


def function_key(key: str) -> str:
    """The key under which a function ``h`` defined as a matrix expression is kept."""
    return f"{key}()"


def differentiates(node: Node) -> bool:
    """Whether the tree takes a gradient."""
    return isinstance(node, Op) and (node.op == "grad" or any(map(differentiates, node.args)))


def quadratic_forms(node: Node) -> frozenset[str]:
    """The keys of the matrices written in a quadratic form (``\\mathbf{w}^\\top A
    \\mathbf{w}``) anywhere in the tree."""
    if not isinstance(node, Op):
        return frozenset()
    found = set().union(*(quadratic_forms(arg) for arg in node.args))
    if node.op == "*":
        for before, middle, after in zip(node.args, node.args[1:], node.args[2:], strict=False):
            if (
                isinstance(middle, Name) and middle.kind == MATRIX
                and before == Op("T", (after,)) and isinstance(after, Name)
            ):
                found.add(middle.key)
    return frozenset(found)


def names(node: Node) -> set[Name]:
    """Every name in the tree."""
    if isinstance(node, Name):
        return {node}
    if isinstance(node, Op):
        return set().union(*(names(arg) for arg in node.args))
    return set()

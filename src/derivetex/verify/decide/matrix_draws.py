r"""The draws of the matrix checks: the ways a link is read (vector convention, matrices read
as symmetric, the layout of gradients, letters read as vectors) and the random values of its
names under each, three draws per reading."""

from __future__ import annotations

import random
from dataclasses import dataclass

from derivetex.verify.decide import matrix_values as mv
from derivetex.verify.decide.matrix_evaluate import DENOMINATOR, NUMERATOR, Draw, evaluate
from derivetex.verify.decide.matrix_reading import MATRIX_GREEK
from derivetex.verify.decide.matrix_tree import (
    MATRIX,
    SCALAR,
    VECTOR,
    Definitions,
    Name,
    Node,
    differentiates,
    names,
    quadratic_forms,
)

CONVENTIONS = ("column", "row")
SIZE = 3
DRAWS = (11, 23, 37)


@dataclass(frozen=True)
class Reading:
    """One way of taking the link: the vector convention, the matrices read as symmetric,
    the layout of its gradients and plain letters read as vectors."""

    convention: str
    symmetric: frozenset[str] = frozenset()
    layout: str = DENOMINATOR
    as_vectors: frozenset[str] = frozenset()
    size: int = SIZE
    """The side of the square matrices and the length of the vectors drawn (1: every value
    a number, so products commute)."""


def readings(both: Node, definitions: Definitions) -> list[Reading]:
    """The readings tried, the plain one first. A link with a gradient may read a matrix of
    a quadratic form as symmetric (2A\\mathbf{w} for the gradient of \\mathbf{w}^\\top A
    \\mathbf{w}), its gradients in numerator layout, its plain letters (y in Xw - y) as
    vectors, or one capital as a vector (the observations \\mathbf{Y})."""
    gradient = differentiates(both)
    written = all_names(both, definitions)
    forms = quadratic_forms(both) if gradient else frozenset()
    symmetric = frozenset(
        n.key for n in written if maybe_symmetric(n, definitions, n.key in forms)
    )
    plain = frozenset(
        n.key for n in written if n.kind == SCALAR and len(n.key) == 1 and n.key.islower()
    )
    capitals = [
        frozenset({n.key}) for n in written if n.kind == MATRIX and n.key not in MATRIX_GREEK
    ]
    layouts = (DENOMINATOR, NUMERATOR) if gradient else (DENOMINATOR,)
    vectors = [frozenset(), *([plain] if plain else []), *capitals] if gradient else [frozenset()]
    return [
        Reading(convention, chosen, layout, as_vectors)
        for as_vectors in vectors
        for layout in layouts
        for convention in CONVENTIONS
        for chosen in ((frozenset(), symmetric) if symmetric else (frozenset(),))
    ]


def draws(
    node: Node, both: Node, definitions: Definitions, reading: Reading
) -> list[mv.Value] | Exception:
    values = []
    for seed in DRAWS:
        try:
            env = environment(
                both, definitions, reading.convention, seed, reading.symmetric, reading.as_vectors,
                reading.size,
            )
            values.append(evaluate(node, Draw(env, definitions, reading.layout)))
        except (mv.ShapeMismatch, mv.Unclear, ArithmeticError, ValueError) as error:
            return error
    return values


def all_names(node: Node, definitions: Definitions, depth: int = 0) -> list[Name]:
    """The names of ``node`` and of the definitions it uses, in a fixed order."""
    found: dict[str, Name] = {}
    for name in sorted(names(node), key=lambda n: n.key):
        definition = definitions.get(name.key)
        if definition is not None and depth < 8:
            for inner in all_names(definition.node, definitions, depth + 1):
                found.setdefault(inner.key, inner)
        else:
            found.setdefault(name.key, name)
    return list(found.values())


def maybe_symmetric(name: Name, definitions: Definitions, any_matrix: bool = False) -> bool:
    """A covariance-like Σ or Λ the section does not define (``any_matrix``: any matrix
    the section does not define, in a quadratic form a link differentiates) may be read as
    symmetric."""
    covariance = name.key in MATRIX_GREEK or any_matrix
    return name.kind == MATRIX and covariance and name.key not in definitions


def environment(
    node: Node, definitions: Definitions, convention: str, seed: int, symmetric: frozenset[str],
    as_vectors: frozenset[str] = frozenset(), size: int = SIZE,
) -> dict[str, mv.Value]:
    rng = random.Random(seed)
    env: dict[str, mv.Value] = {}
    for name in all_names(node, definitions):
        if name.kind == VECTOR or name.key in as_vectors:
            entries = [rng.uniform(-1.0, 1.0) for _ in range(size)]
            rows = [entries] if convention == "row" else [[x] for x in entries]
            env[name.key] = mv.matrix(rows, firm=False)
        elif name.kind == SCALAR:
            env[name.key] = mv.scalar(rng.uniform(0.5, 2.0))
        else:
            rows = [
                [rng.uniform(-1.0, 1.0) + 2.0 * (i == j) for j in range(size)] for i in range(size)
            ]
            if name.key in symmetric:
                rows = [
                    [rows[i][j] + rows[j][i] + (size if i == j else 0) for j in range(size)]
                    for i in range(size)
                ]
            env[name.key] = mv.matrix(rows, firm=True)
    return env

r"""Links between matrix expressions, checked in the order their products are written.

``-\frac{1}{2}\Sigma^{-1}(2\mathbf{x} - 2\bm{\mu}) = -(\mathbf{L}\mathbf{L}^\top)^{-1}(\mathbf{x}
- \bm{\mu})`` with ``\Sigma = \mathbf{L}^\top\mathbf{L}`` is wrong only because matrix
products do not commute, which the commutative reading cannot see. Here each side is read
in order (:mod:`matrix_reading`) and evaluated at random 3×3 matrices, 3-vectors and
positive scalars (:mod:`matrix_values`), three draws, once with column vectors and once
with row vectors, since writers use both:

- ``ok`` when the sides agree at every draw under one convention (a covariance-like Σ or Λ
  that the document does not define may also be read as symmetric, said so);
- ``error`` when they disagree under every convention in which both sides can be formed,
  or when the side a link introduces cannot be formed under either convention because of a
  capital matrix or a transpose (``(\mathbf{x}-\bm{\mu})(\mathbf{L}^\top\mathbf{L})^{-1}``
  with x a column vector, or a 1×1 quadratic form added to a 3×3 matrix);
- otherwise (a scalar added to a matrix, a name with a value in the document, notation this
  reader does not take) the link is left to the other checks.

A gradient of a scalar by a vector or a matrix (reading R307, confirm-only) is taken by
central differences at each draw (:mod:`matrix_evaluate`) and compared to 1e-6; the readings
tried for such a link (:mod:`matrix_draws`) add numerator layout, a quadratic form's matrix
as symmetric, plain letters or one capital as vectors, each named in the message.

A side that is a single bold or matrix name, in a link that opens a chain, defines it
(``\mathbf{L}^\top\mathbf{L} = \bm{\Sigma}``); later links read it through its definition.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from derivetex.verify.decide import matrix_tree
from derivetex.verify.decide import matrix_values as mv
from derivetex.verify.decide.matrix_draws import (
    CONVENTIONS,
    DRAWS,
    SIZE,
    Reading,
    all_names,
    draws,
    environment,
    readings,
)
from derivetex.verify.decide.matrix_evaluate import (
    GRADIENT_TOLERANCE,
    NUMERATOR,
    Draw,
    evaluate,
)
from derivetex.verify.decide.matrix_reading import MATRIX_GREEK, read_side
from derivetex.verify.decide.matrix_tree import (
    MATRIX,
    SCALAR,
    Definitions,
    Fixed,
    Literal,
    MatrixDefinition,
    Name,
    Node,
    NotMatrixAlgebra,
    Op,
    differentiates,
    function_key,
    names,
)

Verdict = tuple[str, str]
"""("ok" | "error" | "define", message)."""


def judge(
    left_latex: str,
    right_latex: str,
    opens_chain: bool,
    definitions: Definitions,
    line: int,
    valued: Callable[[str], bool],
    entry: Callable[[str], float | None] = lambda latex: None,
    gradients: bool = False,
) -> Verdict | None:
    """The verdict on ``left = right`` as matrix algebra, or ``None`` to leave it.

    ``valued(name)`` says whether the document gives that name a value or a definition
    this reader did not take (then a disagreement at random values proves nothing);
    ``gradients``: derivatives by vectors and matrices are read (:mod:`matrix_evaluate`)."""
    functions = frozenset(k[:-2] for k in definitions if k.endswith("()"))
    try:
        right = _numbers_in(read_side(right_latex, left_latex, gradients, functions), entry)
    except (NotMatrixAlgebra, RecursionError):
        return None
    try:
        left = _numbers_in(read_side(left_latex, right_latex, gradients, functions), entry)
    except (NotMatrixAlgebra, RecursionError):
        return _malformed(right, "right", definitions)
    written = names(left) | names(right)
    literal = _has_literal(left) or _has_literal(right)
    scalars = all(n.kind == SCALAR for n in written)
    if scalars and not literal and not _defined_names(written, definitions):
        return None
    if opens_chain:
        for name, other in ((right, left), (left, right)):
            if (
                isinstance(name, Name)
                and (name.kind != SCALAR or _has_literal(other))
                and name.key not in definitions
                and name not in names(other)
                and _forms(other, definitions)
            ):
                definitions[name.key] = MatrixDefinition(other, line, name.shown)
                return "define", f"defines {name.shown} as a matrix expression"
    return _compare(left, right, opens_chain, definitions, valued)


def holds_as_numbers(
    left_latex: str,
    right_latex: str,
    definitions: Definitions,
    entry: Callable[[str], float | None] = lambda latex: None,
) -> bool:
    """Whether ``left = right`` holds when every matrix and vector is a number (1×1 draws,
    so products commute and a transpose changes nothing): then a failure at 3×3 matrices
    is one of order (``(AB)^T = A^T B^T``), never a condition on a vector."""
    try:
        left = _numbers_in(read_side(left_latex, right_latex), entry)
        right = _numbers_in(read_side(right_latex, left_latex), entry)
    except (NotMatrixAlgebra, RecursionError):
        return False
    both = Op("+", (left, right))
    reading = Reading(CONVENTIONS[0], size=1)
    a, b = draws(left, both, definitions, reading), draws(right, both, definitions, reading)
    if not (isinstance(a, list) and isinstance(b, list)):
        return False
    return all(mv.close(x, y, 1e-9) for x, y in zip(a, b, strict=True))


def takes_gradient(left_latex: str, right_latex: str, definitions: Definitions) -> bool:
    """Whether either side of the link, read with gradients, takes one."""
    functions = frozenset(k[:-2] for k in definitions if k.endswith("()"))
    for one, other in ((left_latex, right_latex), (right_latex, left_latex)):
        try:
            if matrix_tree.differentiates(read_side(one, other, True, functions)):
                return True
        except (NotMatrixAlgebra, RecursionError):
            continue
    return False


def _numbers_in(node: Node, entry: Callable[[str], float | None]) -> Node:
    """``node`` with each written-out matrix replaced by its value."""
    if isinstance(node, Literal):
        values = [[entry(text) for text in row] for row in node.entries]
        if any(v is None for row in values for v in row):
            return Fixed(None)
        rows = [[float(v) for v in row if v is not None] for row in values]
        slack = tuple(
            tuple(_entry_slack(text, v, entry) for text, v in zip(row, values_row, strict=True))
            for row, values_row in zip(node.entries, rows, strict=True)
        )
        value = mv.Value(len(rows), len(rows[0]), tuple(map(tuple, rows)), firm=True, slack=slack)
        return Fixed(value)
    if isinstance(node, Op):
        return Op(node.op, tuple(_numbers_in(arg, entry) for arg in node.args))
    return node


_DECIMAL = re.compile(r"\d+\.(\d+)")
MAX_ROUNDED = 8
"""Rounded operands of one entry followed at most (an entry with more gets no slack)."""


def _entry_slack(text: str, value: float, entry: Callable[[str], float | None]) -> float:
    """How far the rounding of the decimals written in an entry can move it: half a unit of
    the last place for a decimal (``0.7311``), and for an expression of rounded operands
    (``2(-0.3775) + 1(0.1192)``) the sum of what each operand's rounding moves it."""
    places = _places(text)
    if places is not None:
        return 0.5 * 10.0**-places
    found = list(_DECIMAL.finditer(text))
    if not found or len(found) > MAX_ROUNDED:
        return 0.0
    total = 0.0
    for match in found:
        digits = len(match.group(1))
        half = f"{0.5 * 10.0**-digits:.{digits + 1}f}"  # 0.00005, as a decimal the reader takes
        moved = f"{text[: match.start()]}({match.group(0)} + {half}){text[match.end() :]}"
        shifted = entry(moved)
        if shifted is None:
            return 0.0
        total += abs(shifted - value)
    return total


def _places(text: str) -> int | None:
    """Decimal places of an entry written as a decimal number (``0.7311``: 4)."""
    match = re.fullmatch(r"\s*[-+]?\d*\.(\d+)\s*", text)
    return len(match.group(1)) if match else None


def _has_literal(node: Node) -> bool:
    if isinstance(node, Fixed):
        return True
    return isinstance(node, Op) and any(_has_literal(arg) for arg in node.args)


def learn(
    name_latex: str,
    right_latex: str,
    definitions: Definitions,
    line: int,
    entry: Callable[[str], float | None] = lambda latex: None,
) -> None:
    """After ``name = right`` defined a name: a matrix or vector name keeps the matrix
    expression for later links; a name defined as something else forgets an older one."""
    function = _function_defined(name_latex, right_latex)
    try:
        name = read_side(name_latex, right_latex) if function is None else function[0]
    except (NotMatrixAlgebra, RecursionError):
        return
    if not isinstance(name, Name):
        return
    definitions.pop(name.key, None)
    if name.kind == SCALAR and function is None:
        return
    try:
        right = _numbers_in(read_side(right_latex, name_latex), entry)
    except (NotMatrixAlgebra, RecursionError):
        return
    parameter = None if function is None else function[1]
    forms = _forms(right, definitions) or (
        parameter is not None and _formed_with_a_capital_as_vector(right, definitions)
    )  # h(β) = (Y - Xβ)^T (Y - Xβ): the observations Y a vector
    if name not in names(right) and forms:
        definitions[name.key] = MatrixDefinition(right, line, name.shown, parameter)


def _function_defined(name_latex: str, right_latex: str) -> tuple[Name, Name] | None:
    """``h(\\boldsymbol{\\beta})`` defined as matrix algebra: the function's name (kept under
    :func:`function_key`) and its vector or matrix parameter."""
    match = re.fullmatch(r"\s*([A-Za-z]|\\[A-Za-z]+)\s*\((.+)\)\s*", name_latex)
    if match is None:
        return None
    try:
        function = read_side(match.group(1), right_latex)
        parameter = read_side(match.group(2), right_latex)
    except (NotMatrixAlgebra, RecursionError):
        return None
    if not (isinstance(function, Name) and function.kind == SCALAR):
        return None
    if not (isinstance(parameter, Name) and parameter.kind != SCALAR):
        return None
    key = function_key(function.key)
    return Name(key, SCALAR, function.shown), parameter


def plain(name: str) -> str:
    """A name without its typeface, braces or spaces, to match a name across readers."""
    text = re.sub(r"^bold ", "", name)
    text = re.sub(r"\\(?:mathbf|bm|boldsymbol|vec|pmb|mathrm|hat|bar|tilde)\{", "{", text)
    return re.sub(r"[{}\s]", "", text)


def _defined_names(found: set[Name], definitions: Definitions) -> bool:
    return any(n.key in definitions for n in found)


def _forms(node: Node, definitions: Definitions) -> bool:
    """Whether the expression can be formed under some convention."""
    for convention in CONVENTIONS:
        try:
            env = environment(node, definitions, convention, DRAWS[0], frozenset())
            evaluate(node, Draw(env, definitions))
            return True
        except (mv.ShapeMismatch, mv.Unclear, ArithmeticError, ValueError):
            continue
    return False


@dataclass
class _Outcome:
    left: list[mv.Value] | Exception
    right: list[mv.Value] | Exception


def _compare(
    left: Node,
    right: Node,
    opens_chain: bool,
    definitions: Definitions,
    valued: Callable[[str], bool],
) -> Verdict | None:
    both = Op("+", (left, right))
    tolerance = GRADIENT_TOLERANCE if differentiates(both) else 1e-9
    outcomes: dict[Reading, _Outcome] = {}
    for reading in readings(both, definitions):
        outcomes[reading] = _Outcome(
            draws(left, both, definitions, reading), draws(right, both, definitions, reading)
        )
    for reading, outcome in outcomes.items():
        left_values, right_values = outcome.left, outcome.right
        if (
            isinstance(left_values, list)
            and isinstance(right_values, list)
            and all(
                mv.close(a, b, tolerance) for a, b in zip(left_values, right_values, strict=True)
            )
        ):
            return "ok", _holds(reading, definitions, both)
    if any(valued(n.key) for n in all_names(both, definitions)):
        return None  # a value or a definition this reader did not take: nothing to accuse
    if _numbers_against_names(left, right, definitions):
        return None  # random values for the names say nothing of the numbers written
    if _components_of(all_names(both, definitions)):
        return None  # x_1 y_1 + x_2 y_2 for x^T y: components drawn apart from their vector
    formed = [
        o for o in outcomes.values() if isinstance(o.left, list) and isinstance(o.right, list)
    ]
    unclear = any(  # a letter guessed to be a vector that leaves it unclear proves nothing
        isinstance(side, (mv.Unclear, ArithmeticError))
        for reading, o in outcomes.items()
        if not reading.as_vectors
        for side in (o.left, o.right)
    )
    if unclear:
        return None
    if formed:
        first = outcomes.get(Reading("column"))
        shown = first if first is not None and first in formed else formed[0]
        a, b = shown.left, shown.right
        assert isinstance(a, list) and isinstance(b, list)  # both formed
        if (a[0].rows, a[0].cols) != (b[0].rows, b[0].cols) and not (a[0].firm and b[0].firm):
            return None  # a plain letter may name a matrix: shapes alone prove nothing
        return "error", _differ(shown, definitions, Op("+", (left, right)), tolerance)
    for label, node in (("left", left), ("right", right)) if opens_chain else (("right", right),):
        found = _malformed(node, label, definitions)
        if found is not None:
            return found
    return None


def _components_of(found: list[Name]) -> bool:
    """Whether a scalar name is a component of a vector or matrix of the link (``x_1`` beside
    ``\\mathbf{x}``, ``A_{12}`` beside A): the draws give them unrelated values."""
    whole = {plain(n.key) for n in found if n.kind != SCALAR}
    return any(
        n.kind == SCALAR and "_" in n.key and plain(n.key).split("_")[0] in whole for n in found
    )


def _numbers_against_names(left: Node, right: Node, definitions: Definitions) -> bool:
    """A written-out matrix on one side only, names with no value on the other: the names'
    sizes and entries are the draw's, not the writer's (``X^T(p - y) = [-0.64, -0.02]^T``
    about data given in prose)."""
    if _has_literal(left) == _has_literal(right):
        return False
    other = right if _has_literal(left) else left
    return bool(all_names(other, definitions))


def _malformed(node: Node, label: str, definitions: Definitions) -> Verdict | None:
    """An error when ``node`` cannot be formed under either convention for a reason that
    involves a capital matrix or a transpose (so its shapes are certain)."""
    if all(n.kind == SCALAR for n in all_names(node, definitions)) and not _has_literal(node):
        return None
    failures = {}
    for convention in CONVENTIONS:
        found = draws(node, node, definitions, Reading(convention))
        if not (isinstance(found, mv.ShapeMismatch) and found.firm):
            return None
        failures[convention] = found
    if _formed_with_a_capital_as_vector(node, definitions):
        return None
    return "error", (
        f"the {label}-hand side cannot be formed: with column vectors it {failures['column']}, "
        f"with row vectors it {failures['row']}"
    )


def _formed_with_a_capital_as_vector(node: Node, definitions: Definitions) -> bool:
    """Whether ``node`` can be formed once one of its Latin capital names is a vector: a bold
    capital is a matrix only by guess (the observations \\mathbf{Y}, a data vector \\mathbf{X}
    are vectors), so a shape that fails only under that guess proves nothing."""
    capitals = [n.key for n in all_names(node, definitions)
                if n.kind == MATRIX and n.key not in MATRIX_GREEK]  # Σ, Λ: matrices
    for key in capitals:
        for convention in CONVENTIONS:
            reading = Reading(convention, as_vectors=frozenset({key}))
            found = draws(node, node, definitions, reading)
            if not isinstance(found, Exception):
                return True
    return False


def _holds(reading: Reading, definitions: Definitions, used: Node) -> str:
    written = all_names(used, definitions)
    if not written:
        return "the written-out matrices agree entry by entry" + _using(definitions, used)
    message = (
        f"holds as matrix algebra at random {SIZE}×{SIZE} matrices ({reading.convention} vectors)"
    )
    if differentiates(used):
        message += ", the gradient by central differences in " + (
            "numerator layout (transposed)" if reading.layout == NUMERATOR
            else "denominator layout"
        )
    for keys, what in ((reading.symmetric, "symmetric"), (reading.as_vectors, "vectors")):
        if keys:
            shown = ", ".join(n.shown for n in written if n.key in keys)
            what = "a vector" if what == "vectors" and len(keys) == 1 else what
            message += f", reading {shown} as {what}"
    return message + _using(definitions, used)


def _differ(outcome: _Outcome, definitions: Definitions, used: Node, tolerance: float) -> str:
    assert isinstance(outcome.left, list) and isinstance(outcome.right, list)
    a, b = outcome.left[0], outcome.right[0]
    if (a.rows, a.cols) != (b.rows, b.cols):
        detail = f"the left is {a.shape}, the right {b.shape}"
    else:
        i, j = next(
            (i, j)
            for i in range(a.rows)
            for j in range(a.cols)
            if not mv.close(mv.scalar(a.data[i][j]), mv.scalar(b.data[i][j]), tolerance)
        )
        left, right = f"{a.data[i][j]:.6g}", f"{b.data[i][j]:.6g}"
        detail = f"entry ({i + 1}, {j + 1}) is {left} on the left, {right} on the right"
    at = f"at random {SIZE}×{SIZE} matrices" if all_names(used, definitions) else "as written"
    return f"as matrices the two sides differ {at}: {detail}{_using(definitions, used)}"


def _using(definitions: Definitions, used: Node) -> str:
    keys = {n.key for n in names(used)}
    return "".join(
        f" (with {d.shown} as defined on line {d.line})"
        for key, d in definitions.items()
        if key in keys
    )

"""Rows a spec leaves to derivetex: a gap (``{ fill = true }``) filled with registered rules,
and an MLE's last row, where a derivative is set to zero and solved for its parameter.

Both give ordinary verified steps; what cannot be done is one line naming the row.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from derivetex.engine import Chain, Step
from derivetex.engine.fill import FillFailed, fill
from derivetex.engine.rows import RowContext, RowRefused, filled_step, solved_step
from derivetex.render.spec_printer import spec_latex
from derivetex.specs.loader import SpecError
from derivetex.specs.reading import Names, read_row
from derivetex.specs.schema import RowSpec, Spec


def filled_steps(spec: Spec, names: Names, before: sp.Expr, gap: RowSpec, row: RowSpec,
                 context: RowContext, position: int) -> list[Step]:
    """The steps from ``before`` to ``row`` (the row after the gap), every one verified; []
    when the two rows are already the same form (the row is then justified as any row)."""
    if row.latex is None or row.rules:
        raise SpecError(f"{spec.source}: {row.key}: the row after a gap must be LaTeX alone "
                        "(the fill finds its rules)")
    goal = read_row(spec, names, row.latex, f"{row.key}.latex")
    try:
        rows = fill(before, goal, context.moves)
    except FillFailed as failed:
        closest, target = (spec_latex(part) for part in failed.differs)
        raise SpecError(
            f"{spec.source}: {gap.key} (the gap before row {position}): {failed.why} takes "
            f"the row before to this one; closest reached {spec_latex(failed.closest)}, where "
            f"{closest} still differs from {target}") from None
    steps: list[Step] = []
    current = before
    for filled in rows:
        try:
            steps.append(filled_step(current, filled, context))
        except RowRefused as refused:
            raise SpecError(f"{spec.source}: {gap.key}: a filled row does not hold "
                            f"({refused.problem})") from None
        current = filled.row
    return steps


def solved(spec: Spec, names: Names, row: RowSpec, done: Sequence[Chain],
           context: RowContext, position: int) -> Step:
    """``rule = "set_derivative_zero"``, ``zero = "chain"``, ``solve = 'p'``: the chain's
    result set to 0 and solved for p; the row's LaTeX is the solution (computed if absent)."""
    where = f"{spec.source}: {row.key} (row {position})"
    if row.zero is None or row.solve is None:
        raise SpecError(f"{where}: set_derivative_zero needs zero = \"chain\" and solve = 'p'")
    earlier = {c.name: c for c in done}.get(row.zero)
    if earlier is None:
        raise SpecError(f"{where}.zero: no earlier chain {row.zero!r}")
    parameter = read_row(spec, names, row.solve, f"{row.key}.solve")
    if row.latex is not None:
        solution = read_row(spec, names, row.latex, f"{row.key}.latex")
    else:
        from derivetex.rules import RULES

        solution = RULES["set_derivative_zero"].apply(earlier.result, parameter=parameter)
        if solution == earlier.result:
            raise SpecError(f"{where}: no single solution for {spec_latex(parameter)} found; "
                            "write it as the row's latex")
    try:
        return solved_step(earlier.lhs, earlier.result, parameter, solution, context)
    except RowRefused as refused:
        raise SpecError(f"{where}: {refused.problem}") from None

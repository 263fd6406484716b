"""Checking one row of a spec against the row before it, and naming the rule that justifies it.

A row may be LaTeX the user wrote, rules whose result the engine computes, or both. Every row
is judged by the one judge (``judge.equality``, as ``verify`` judges a link); a row with no
rule named gets the shortest registered sequence that produces it (``inference``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp

from derivetex.engine.checks import CheckContext, expand_definitions, verify_step
from derivetex.engine.fill import FilledRow
from derivetex.engine.inference import Move, find_sequence, nearest, same_form
from derivetex.engine.step import Check, Step
from derivetex.errors import VerificationError
from derivetex.judge.equality import judge_equal
from derivetex.judge.numeric import expand_bounds
from derivetex.rules import RULES
from derivetex.rules.algebra import rational_equal

UNUSED_BOUND = sp.Symbol("_unused_bound")


class RowRefused(VerificationError):
    """A row that does not follow; ``computed`` is what the engine made of the row before."""

    def __init__(self, problem: str, computed: sp.Expr | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.computed = computed


@dataclass(frozen=True)
class RowContext:
    """What a row may rely on: definitions in force, and the moves inference may try."""

    definitions: Mapping[sp.Expr, sp.Expr]
    moves: tuple[Move, ...]
    seed: str
    normalised: frozenset[sp.Basic] = frozenset()
    """Indexed names stated to sum to 1; a row may rely on it only through ``sum_to_one``."""


def check_row(
    lhs: sp.Expr, before: sp.Expr, written: sp.Expr | None, named: Sequence[Move],
    context: RowContext,
) -> Step:
    """The verified step from ``before`` to the row; RowRefused when it does not follow."""
    computed = _apply_named(before, named)
    after = written if written is not None else computed
    if named and written is not None and not same_form(computed, written):
        raise RowRefused(f"{_names(named)} does not give this row", computed)
    if named and named[-1].rule.relation != "equals":
        return _special(lhs, before, after, named, context)
    checks = _judge(before, after, context, named)
    sequence = tuple(named) or _inferred(before, after, context)
    uses_fact = any(m.rule.name == "sum_to_one" for m in sequence)
    if any(c.method == "fact" for c in checks) and not uses_fact:
        raise RowRefused("holds only with a stated sum of 1, and no rule here uses it", None)
    params = {"rules": tuple(m.rule.name for m in sequence), "inferred": not named}
    for move in sequence:
        params.update(move.params)
    checks = (*checks, Check("rule", f"{_names(sequence)} gives this row from the one before"))
    return Step(sequence[0].rule, before, after, checks, params, tuple(sequence))


def judge_row(before: sp.Expr, after: sp.Expr, context: RowContext) -> tuple[Check, ...]:
    """The judge's checks that ``after`` follows from ``before`` under the row context (a row
    ``--steps`` made); RowRefused when it does not."""
    return _judge(before, after, context, ())


def filled_step(before: sp.Expr, filled: FilledRow, context: RowContext) -> Step:
    """A row the fill wrote, judged like any row; its rule gives it from the row before
    (or, read backwards, the row before from it)."""
    checks = _judge(before, filled.row, context, ())
    move = filled.move
    if any(c.method == "fact" for c in checks) and move.rule.name != "sum_to_one":
        raise RowRefused("holds only with a stated sum of 1, and no rule here uses it", None)
    way = ("gives the row before from this one" if filled.backwards
           else "gives this row from the one before")
    params = {**move.params, "rules": (move.rule.name,), "inferred": True, "filled": True,
              "backwards": filled.backwards}
    return Step(move.rule, before, filled.row,
                (*checks, Check("rule", f"'{move.rule.name}' {way}")), params, (move,))


def solved_step(score_lhs: sp.Expr, score: sp.Expr, parameter: sp.Expr, solution: sp.Expr,
                context: RowContext) -> Step:
    """``parameter = solution`` from ``score = 0`` (an MLE's last step): the solution is free
    of the parameter, and putting it in makes the score 0, symbolically and at points."""
    if not isinstance(parameter, (sp.Symbol, sp.Indexed)):
        raise RowRefused("solve must name one parameter", None)
    if solution.has(parameter):
        raise RowRefused(f"the solution still contains {parameter}", None)
    zero = expand_definitions(score, context.definitions).xreplace({parameter: solution})
    verdict = judge_equal(zero, sp.Integer(0), context.seed)
    if not verdict.holds:
        raise RowRefused(f"putting the solution in does not make the derivative 0 "
                         f"({verdict.failed})", None)
    checks = (Check("solution", f"the derivative with {parameter} = the solution: "
                                f"{verdict.symbolic}"), Check("numeric", verdict.numeric))
    params = {"rules": ("set_derivative_zero",), "inferred": False, "parameter": parameter,
              "zero": score}
    return Step(RULES["set_derivative_zero"], score_lhs, solution, checks, params)


def _apply_named(before: sp.Expr, named: Sequence[Move]) -> sp.Expr:
    expr = before
    for move in named:
        result = move.apply(expr)
        if result is expr or result == expr:
            raise RowRefused(f"rule '{move.rule.name}' does not apply to the row before"
                             f"{_why_not(move, expr)}", None)
        expr = result
    return expr


def _why_not(move: Move, expr: sp.Expr) -> str:
    """What the row before lacks for the rule, where that can be said: names without a value
    for ``evaluate``, names with no example value for ``substitute_values``."""
    if move.rule.relation == "evaluates":
        if expr.is_Number:
            return ": it is a number already"
        names = _free_names(expr)
        if len(names) == 1:
            return f": {names[0]} is a name without a value (give its value in [example])"
        return (f": {', '.join(names)} are names without a value (give their values in "
                "[example])")
    if move.rule.relation == "substitutes" and "values" in move.params:
        given = ", ".join(sorted(str(k) for k in move.params["values"]))
        if not given:
            return ": the example gives no values"
        return f": it names none of the values the example gives ({given})"
    return ""


def _free_names(expr: sp.Expr) -> list[str]:
    """The names a row still holds, an indexed name by its base (``x``, not ``x`` and ``i``)."""
    indexed = expr.atoms(sp.Indexed)
    bases = {str(a.base.label) for a in indexed}
    indices = {i for a in indexed for i in a.indices}
    plain = {str(s) for s in expr.free_symbols - indices if str(s) not in bases}
    return sorted(plain | bases)


def _judge(
    before: sp.Expr, after: sp.Expr, context: RowContext, named: Sequence[Move]
) -> tuple[Check, ...]:
    a = expand_definitions(before, context.definitions)
    b = expand_definitions(after, context.definitions)
    verdict = judge_equal(a, b, context.seed)
    if not verdict.holds and context.normalised:
        with_fact = judge_equal(a, b, context.seed, context.normalised)
        if with_fact.holds:
            return (Check("fact", with_fact.symbolic), Check("numeric", with_fact.numeric))
    if not verdict.holds:
        computed = _apply_named(before, named) if named else nearest(before, after, context.moves)
        raise RowRefused(f"does not follow from the row before ({verdict.failed})", computed)
    return Check("symbolic", verdict.symbolic), Check("numeric", verdict.numeric)


def _inferred(before: sp.Expr, after: sp.Expr, context: RowContext) -> tuple[Move, ...]:
    sequence = find_sequence(before, after, context.moves)
    if sequence is None and rational_equal(before, after):
        sequence = (Move(RULES["algebra"]),)
    if sequence is None:
        raise RowRefused(
            "holds, but no registered rule (or sequence of up to 3) gives it",
            nearest(before, after, context.moves),
        )
    return sequence


def _special(
    lhs: sp.Expr, before: sp.Expr, after: sp.Expr, named: Sequence[Move], context: RowContext
) -> Step:
    """Substituting values, writing a sum out, evaluating: checked as the rule claims."""
    substitutes = all(m.rule.relation == "substitutes" for m in named)
    if len(named) != 1 and not substitutes:
        raise RowRefused(f"rule '{named[-1].rule.name}' must be the only rule of its row", None)
    move = named[0]
    if substitutes:
        checks = _substituted(before, after, named, context)
    else:
        check_context = CheckContext(bound=UNUSED_BOUND, definitions=context.definitions)
        checks = verify_step(move.rule, lhs, before, after, move.params, check_context)
    params: dict[str, object] = {"rules": tuple(m.rule.name for m in named), "inferred": False}
    for each in named:
        params.update(each.params)
    if len(named) > 1:
        params["sizes"] = tuple((m.params["bound"], m.params["value"]) for m in named
                                if "bound" in m.params)
    return Step(move.rule, before, after, checks, params, tuple(named))


def _substituted(
    before: sp.Expr, after: sp.Expr, moves: Sequence[Move], context: RowContext
) -> tuple[Check, ...]:
    """The values (or the sizes of bounds) put into ``before`` give ``after``, as judged."""
    values: dict[sp.Expr, sp.Expr] = {}
    for move in moves:
        values.update(move.params.get("values", {}))
        if "bound" in move.params:
            values[move.params["bound"]] = sp.Integer(move.params["value"])
    filled = expand_bounds(before, values)
    verdict = judge_equal(filled, after, context.seed)
    if not verdict.holds:
        raise RowRefused(f"putting the values in does not give this row ({verdict.failed})",
                         filled)
    return (Check("substitution", f"{len(values)} values put in; {verdict.symbolic}"),
            Check("numeric", verdict.numeric))


def _names(moves: Sequence[Move]) -> str:
    return " then ".join(f"'{m.rule.name}'" for m in moves)

"""``--steps``: how many rows a chain shows. ``article`` is the chain as derived; ``compact``
joins consecutive rewrites into one row whose justification names each; ``fine`` applies a
rule one term at a time where it can: a rule that rewrote several nodes, one node a row, and
the log of a product factor by factor. Every row either makes is verified again by the
chain's own verifier (the judge for a spec, the rule's relation for the article layout).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy as sp

from derivetex.engine.inference import Move, same_form
from derivetex.engine.step import Check, Step
from derivetex.engine.strategies import rebuild
from derivetex.model.logs import log_of, log_parts
from derivetex.rules.base import Path

MAX_JOINED = 3
"""Steps one compact row may join (as many as inference looks for between two rows)."""
MAX_FINE = 50
"""Rows one step may be split into; a step that would need more is shown whole."""

Verify = Callable[[Step, sp.Expr, sp.Expr], tuple[Check, ...]]
"""Checks that ``before = after`` holds as the chain's other rows are checked (the step
given is the one the row comes from: its rule and parameters)."""


def regrouped(steps: Sequence[Step], mode: str, verify: Verify) -> tuple[Step, ...]:
    """The chain's steps at the granularity ``mode`` (article, compact or fine)."""
    if mode == "compact":
        return compact(steps, verify)
    if mode == "fine":
        return tuple(row for step in steps for row in fine(step, verify))
    return tuple(steps)


def compact(steps: Sequence[Step], verify: Verify) -> tuple[Step, ...]:
    """Runs of up to MAX_JOINED joinable steps as one step each; the first step of a chain
    (which ties the left-hand side to the first row) stays as it is."""
    out: list[Step] = []
    run: list[Step] = []
    for position, step in enumerate(steps):
        if position > 0 and _joinable(step):
            run.append(step)
            if len(run) == MAX_JOINED:
                out.append(_joined(run, verify))
                run = []
            continue
        if run:
            out.append(_joined(run, verify))
            run = []
        out.append(step)
    if run:
        out.append(_joined(run, verify))
    return tuple(out)


def _joinable(step: Step) -> bool:
    """A rewrite read forwards: not a recalled equation, not a fill's row read backwards."""
    return (step.rule.relation == "equals" and step.rule.name != "recall_equation"
            and not step.params.get("backwards"))


def _joined(run: Sequence[Step], verify: Verify) -> Step:
    if len(run) == 1:
        return run[0]
    first, last = run[0], run[-1]
    moves = tuple(m for step in run for m in (step.moves or (Move(step.rule, step.params),)))
    checks = verify(first, first.before, last.after)
    names = tuple(name for step in run for name in step.params.get("rules", (step.rule.name,)))
    params = {"rules": names, "inferred": False, "joined": tuple(run)}
    return Step(first.rule, first.before, last.after,
                (*checks, Check("joined", f"{len(run)} verified steps in one row")), params, moves)


def fine(step: Step, verify: Verify) -> tuple[Step, ...]:
    """``step`` as one row per node its rule rewrote, and ``\\log`` of a product of n factors
    in n - 1 rows; the step itself where neither applies."""
    if step.rule.relation != "equals" or step.params.get("backwards") or len(step.moves) > 1:
        return (step,)  # a value put in, a sum written out: checked whole, shown whole
    move = step.moves[0] if step.moves else Move(step.rule, step.params)
    try:
        rows = _one_node_a_row(step, move)
    except (TypeError, ValueError, IndexError, AttributeError):
        return (step,)
    if len(rows) < 2 or len(rows) > MAX_FINE:
        return (step,)
    out = []
    before = step.before
    for row in rows:
        after = step.after if row is rows[-1] else row
        checks = verify(step, before, after)
        out.append(Step(step.rule, before, after, checks, {**step.params, "fine": True},
                        (move,) if row is rows[-1] else ()))
        before = after
    return tuple(out)


def _one_node_a_row(step: Step, move: Move) -> list[sp.Expr]:
    """The rows of rewriting one node at a time (each product under a log factor by
    factor); [] unless the last of them is the step's row in the same form."""
    result, paths = move.rule.apply_at(step.before, **move.params)
    if not paths or not same_form(result, step.after):
        return []
    rows: list[sp.Expr] = []
    expr = step.before
    for path in paths:
        node = _at(expr, path)
        for piece in _pieces(step, move, node):
            expr = _replaced(expr, path, piece)
            rows.append(expr)
    return rows if same_form(rows[-1], step.after) else []


def _pieces(step: Step, move: Move, node: sp.Expr) -> list[sp.Expr]:
    """What ``node`` becomes, row by row: the rewrite at once, or, for the log of a product,
    ``\\log a + \\log (b c)``, then ``\\log a + \\log b + \\log c``."""
    whole = move.rule.rewrite(node, **move.params)
    parts = log_parts(node)
    if step.rule.name != "log_product" or parts is None:
        return [whole]
    arg, base = parts
    if not isinstance(arg, sp.Mul) or len(arg.args) < 3:
        return [whole]
    factors = arg.args
    pieces = []
    for k in range(1, len(factors) - 1):
        logs = [log_of(f, base, evaluate=False) for f in factors[:k]]
        rest = sp.Mul(*factors[k:], evaluate=False)
        pieces.append(sp.Add(*logs, log_of(rest, base, evaluate=False), evaluate=False))
    return [*pieces, whole]


def _at(expr: sp.Expr, path: Path) -> sp.Expr:
    for index in path:
        expr = expr.args[index]
    return expr


def _replaced(expr: sp.Expr, path: Path, new: sp.Expr) -> sp.Expr:
    """expr with the node at ``path`` replaced by ``new``, rebuilt without evaluation."""
    if not path:
        return new
    head, *rest = path
    args = list(expr.args)
    args[head] = _replaced(args[head], tuple(rest), new)
    return rebuild(expr, tuple(args))

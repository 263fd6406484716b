"""What a step changed: the sub-terms its rules rewrote in the row before, and what they became
in the row after (``--highlight`` marks them; the JSON lists them as ``changed``).

The step's own rules are applied again, recording where each rewrote a node (the strategy's
paths, ``Rule.apply_at``); paths of later rules inside an earlier region join it. Only when
that replay does not give the row (a row justified by ``algebra``, a recalled equation, a
solved score, a rule that cannot be replayed) are the two rows compared instead: the smallest
pair of sub-terms where their trees part (``fill.differing``), marked ``found = "diff"``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from derivetex.engine.fill import differing
from derivetex.engine.inference import Move, canonical, same_form
from derivetex.engine.step import Step
from derivetex.rules.base import Path


@dataclass(frozen=True)
class Change:
    """Sub-terms of the row before, and the sub-terms of the row after they became: one each
    as a rule wrote them, or the parts of a sum or product the row after writes flat."""

    before: tuple[sp.Expr, ...]
    after: tuple[sp.Expr, ...]
    found: str
    """"rule": the step's rules replayed give the row itself, both sides read off by path;
    "located": they give the row in another form, where the terms made were looked for;
    "diff": the two rows' trees compared."""


def changes(step: Step) -> tuple[Change, ...]:
    """The changes of ``step``, in the order its rules made them; every term is a node of its
    row (``==``), so a printer can find it."""
    backwards = bool(step.params.get("backwards"))
    start, goal = (step.after, step.before) if backwards else (step.before, step.after)
    replayed = _replay(step, start, goal)
    if replayed is None:
        a, b = differing(step.before, step.after)
        pairs = [(located(a, step.before), located(b, step.after))]
        found = "diff"
    else:
        found, pairs = replayed
        if backwards:
            pairs = [(b, a) for a, b in pairs]
    out: list[Change] = []
    for before, after in pairs:
        change = Change(before, after, found)
        if (change.before or change.after) and change not in out:  # x_{1} put in twice: once
            out.append(change)
    return tuple(out)


Pairs = list[tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]]


def _replay(step: Step, start: sp.Expr, goal: sp.Expr) -> tuple[str, Pairs] | None:
    """(sub-terms of start, what they became in goal) per region the rules rewrote; None
    when the rules, applied again, do not give ``goal``. Where goal is the rules' result
    itself the regions are read off it by path, else looked for in it."""
    moves = step.moves or (Move(step.rule, step.params),)
    expr = start
    regions: list[Path] = []
    try:
        for move in moves:
            expr, paths = move.rule.apply_at(expr, **move.params)
            regions = _merged(regions, paths)
        if not regions or not same_form(expr, goal):
            return None
        if expr == goal:
            return "rule", [((_at(start, p),), (_at(goal, p),)) for p in regions]
        return "located", [((_at(start, p),), located(_at(expr, p), goal)) for p in regions]
    except (TypeError, ValueError, IndexError, AttributeError, RecursionError):
        return None


def _merged(regions: list[Path], paths: tuple[Path, ...]) -> list[Path]:
    """Regions so far with new paths: a path inside a region is that region; a path around
    regions replaces them (rewrites keep every node's number of arguments, so paths outside
    the regions still lead to the same places)."""
    out = list(regions)
    for path in paths:
        if any(path[:len(r)] == r for r in out):
            continue
        out = [r for r in out if r[:len(path)] != path] + [path]
    return sorted(out)


def _at(expr: sp.Expr, path: Path) -> sp.Expr:
    for index in path:
        expr = expr.args[index]
    return expr


def located(term: sp.Expr, row: sp.Expr) -> tuple[sp.Expr, ...]:
    """The nodes of ``row`` that ``term`` is: a node equal to it, else one of its canonical
    form; else, for a sum or product the row writes flat, the parts of it that are nodes.
    A bare number is not looked for: a 1 elsewhere in the row is seldom the one made."""
    nodes = list(sp.preorder_traversal(row))
    forms: dict[sp.Basic, sp.Basic] = {}
    for node in nodes:
        forms.setdefault(canonical(node), node)
    return _located(term, set(nodes), forms)


def _located(term: sp.Expr, nodes: set[sp.Basic], forms: dict[sp.Basic, sp.Basic]
             ) -> tuple[sp.Expr, ...]:
    if term.is_Number:
        return ()
    if term in nodes:
        return (term,)
    form = forms.get(canonical(term))
    if form is not None and not form.is_Number:
        return (form,)
    if isinstance(term, (sp.Add, sp.Mul)):
        return tuple(part for arg in term.args for part in _located(arg, nodes, forms))
    return ()

"""Filling the gap between two rows: the shortest sequence of registered rules from one to the
other, found from both ends (Lean's ``simp?`` answers the same question for one lemma).

Rules rewrite in one direction, so the search runs forward from the row before and forward
from the row after, and stops where the two meet in the same form (``inference.same_form``:
up to the order of terms and multiplying out). Rows found from the far end are shown in
reverse: each is the rule's *output*, and the row after it its input, which an equality
justifies as well. Rows are deduplicated by canonical form; the cost of a row is one step
plus a little for its size, so fewer and simpler rows win. The search is capped in depth and
in rule applications, and giving up names the closest row it reached and what still differs.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from derivetex.engine.inference import Move, canonical
from derivetex.errors import DerivetexError

MAX_DEPTH = 8
"""Steps a fill may take in all (both ends together)."""
MAX_APPLICATIONS = 20_000
"""Rule applications one fill may make."""
MAX_SECONDS = 20.0
"""Wall time one fill may take (a second cap, for rows whose rewrites are slow)."""
SIZE_WEIGHT = 0.01
"""Cost of one node of a row, against 1 for a step: a shorter sequence always wins, and among
equally short ones the simpler rows."""


@dataclass(frozen=True)
class FilledRow:
    """One row the fill writes: the move that relates it to the row before, and which way."""

    row: sp.Expr
    move: Move
    backwards: bool
    """True when the move takes this row to the row before (read right to left)."""


class FillFailed(DerivetexError):
    """No sequence was found; ``closest`` is the row nearest the goal, ``differs`` the
    sub-terms that still differ there (closest's, the goal's)."""

    def __init__(self, why: str, closest: sp.Expr, differs: tuple[sp.Expr, sp.Expr]) -> None:
        super().__init__(why)
        self.why = why
        self.closest = closest
        self.differs = differs


Path = tuple[tuple[Move, sp.Expr], ...]
_Best = tuple[float, Path, Path]


@dataclass
class _Side:
    """What one end of the search has reached: by meeting key, its cost, depth and path."""

    start: sp.Expr
    seen: dict[sp.Basic, tuple[float, int, Path]]
    queue: list[tuple[float, int, sp.Expr, Path]]


def meet_key(expr: sp.Expr) -> sp.Basic:
    """The form two rows share when ``same_form`` holds: ordered, products multiplied out."""
    ordered = canonical(expr)
    try:
        return sp.expand(ordered, deep=False, log=False, power_exp=False, power_base=False)
    except (TypeError, ValueError, sp.PolynomialError):
        return ordered


def size(expr: sp.Expr) -> int:
    """The number of nodes of a row (what "simpler" counts)."""
    return sum(1 for _ in sp.preorder_traversal(expr))


def fill(before: sp.Expr, after: sp.Expr, moves: Sequence[Move], max_depth: int = MAX_DEPTH,
         max_applications: int = MAX_APPLICATIONS,
         max_seconds: float = MAX_SECONDS) -> tuple[FilledRow, ...]:
    """The rows from ``before`` to ``after`` (the last is ``after`` itself), each with its
    move; () when the two are already the same form. FillFailed when none is found."""
    if meet_key(before) == meet_key(after):
        return ()
    counter = itertools.count()
    sides = [_start(before, counter), _start(after, counter)]
    best: _Best | None = None
    work, started = 0, time.monotonic()
    while any(side.queue for side in sides):
        index = _next_side(sides)
        side, other = sides[index], sides[1 - index]
        cost, _, expr, path = heapq.heappop(side.queue)
        if best is not None and cost + _lowest(other) >= best[0]:
            break
        key = meet_key(expr)
        if side.seen.get(key, (float("inf"),))[0] < cost:
            continue
        met = other.seen.get(key)
        if met is not None and len(path) + met[1] <= max_depth:
            total = cost + met[0]
            if best is None or total < best[0]:
                best = (total, path, met[2]) if index == 0 else (total, met[2], path)
        if len(path) >= max_depth:
            continue
        for move in moves:
            work += 1
            if work > max_applications or time.monotonic() - started > max_seconds:
                return _give_up(before, after, sides, best, f"gave up after {work - 1} rule "
                                "applications")
            try:
                result = move.apply(expr)
            except (TypeError, ValueError, RecursionError, ZeroDivisionError):
                continue
            if result is expr or result == expr:
                continue
            step_cost = cost + 1 + SIZE_WEIGHT * size(result)
            result_key = meet_key(result)
            if side.seen.get(result_key, (float("inf"),))[0] <= step_cost:
                continue
            new_path = (*path, (move, result))
            side.seen[result_key] = (step_cost, len(new_path), new_path)
            heapq.heappush(side.queue, (step_cost, next(counter), result, new_path))
    if best is None:
        return _give_up(before, after, sides, None, f"no sequence of up to {max_depth} "
                        "registered rules")
    return _rows(after, best[1], best[2])


def _start(expr: sp.Expr, counter: itertools.count[int]) -> _Side:
    return _Side(expr, {meet_key(expr): (0.0, 0, ())}, [(0.0, next(counter), expr, ())])


def _lowest(side: _Side) -> float:
    return side.queue[0][0] if side.queue else float("inf")


def _next_side(sides: list[_Side]) -> int:
    """The end whose cheapest row is cheaper (the forward end on a tie, or if the other is done)."""
    return 0 if _lowest(sides[0]) <= _lowest(sides[1]) else 1


def _rows(after: sp.Expr, forward: Path, backward: Path) -> tuple[FilledRow, ...]:
    """Forward rows in order, then the far end's rows reversed, ending with ``after``."""
    rows = [FilledRow(result, move, False) for move, result in forward]
    reached = [after] + [result for _, result in backward]  # g_0 = after, g_1, ..., g_b
    if not backward:
        last = rows.pop()
        rows.append(FilledRow(after, last.move, False))
        return tuple(rows)
    for j in range(len(backward) - 1, -1, -1):  # g_j is shown after g_{j+1}: move_j took g_j there
        rows.append(FilledRow(reached[j], backward[j][0], True))
    return tuple(rows)


def _give_up(before: sp.Expr, after: sp.Expr, sides: list[_Side], best: _Best | None,
             why: str) -> tuple[FilledRow, ...]:
    """The best sequence met so far; else FillFailed with the forward row closest to
    ``after`` and what still differs."""
    if best is not None:
        return _rows(after, best[1], best[2])
    reached = [path[-1][1] for _, _, path in sides[0].seen.values() if path] or [before]
    closest = min(reached, key=lambda row: (_distance(row, after), size(row)))
    raise FillFailed(why, closest, differing(closest, after))


def _distance(a: sp.Expr, b: sp.Expr) -> int:
    """How many subtrees one of a, b has and the other lacks."""
    return len(set(sp.preorder_traversal(canonical(a))) ^ set(sp.preorder_traversal(canonical(b))))


def differing(a: sp.Expr, b: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """The smallest pair of sub-terms where a and b part: descend while exactly one argument
    differs and the heads agree."""
    ca, cb = canonical(a), canonical(b)
    while ca.func == cb.func and len(ca.args) == len(cb.args) and ca.args:
        pairs = [(x, y) for x, y in zip(ca.args, cb.args, strict=True) if x != y]
        if len(pairs) != 1:
            break
        ca, cb = pairs[0]
    return ca, cb

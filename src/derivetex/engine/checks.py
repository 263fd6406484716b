"""Verifying one step according to the relation its rule claims; a failure names the rule."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from derivetex.engine.step import Check
from derivetex.engine.strategies import everywhere
from derivetex.errors import LimitExceeded, VerificationError
from derivetex.judge.numeric import expand_bounds
from derivetex.judge.symbolic import is_zero, numerically_equal, symbolically_equal, write_out
from derivetex.model.numeric import FLOAT, MPMATH, evaluate
from derivetex.model.written import WrittenOut, WrittenProduct, WrittenSum, is_lazy, with_values
from derivetex.rules.base import Rule

INSTANCES = range(1, 7)
"""A symbolic bound K is checked by instantiating it at these values."""

MAX_DEFINITION_DEPTH = 10


@dataclass(frozen=True)
class CheckContext:
    """What a step may rely on: definitions in force (L, E) and the symbolic bound."""

    bound: sp.Symbol
    definitions: Mapping[sp.Expr, sp.Expr] = field(default_factory=dict)
    seed: int = 20240607


def verify_step(
    rule: Rule, lhs: sp.Expr, before: sp.Expr, after: sp.Expr, params: Mapping[str, object],
    context: CheckContext,
) -> tuple[Check, ...]:
    """The checks that passed; raises VerificationError naming the rule if any fails."""
    rng = random.Random(f"{context.seed}:{rule.name}")
    if rule.relation == "defines":
        return (Check("definition", f"{sp.sstr(lhs)} is defined here; nothing to prove"),)
    if rule.relation == "equals":
        return _equal(rule, before, after, context, rng)
    if rule.relation == "generalises":
        return _generalises(rule, lhs, before, after, params, context, rng)
    if rule.relation == "substitutes":
        return _substitutes(rule, before, after, params, context, rng)
    return _evaluates(rule, before, after, params)


def expand_definitions(expr: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr]) -> sp.Expr:
    """expr with defined symbols replaced until none is left (capped), and the sigmoid
    written by its definition.

    Rebuilt unevaluated: `log(L)` with L a 10 000-factor product must not run log's own
    simplification (seconds at that size); the checks do the mathematics.
    """
    for _ in range(MAX_DEFINITION_DEPTH):
        new = everywhere(lambda node: definitions.get(node, node), expr)
        if new == expr:
            return _constants_differentiated(expr)
        expr = new
    raise LimitExceeded("definitions refer to each other too deeply")


def _constants_differentiated(expr: sp.Expr) -> sp.Expr:
    """Every derivative of a body free of its variable is 0: with the definitions put in,
    a name left in a spec row is an independent variable (y_i does not move with w)."""
    from derivetex.judge.terms import depends

    found = {node: sp.Integer(0) for node in expr.atoms(sp.Derivative)
             if not any(depends(node.expr, v) for v, _ in node.variable_count)}
    return expr.xreplace(found) if found else expr


def _fail(rule: Rule, why: str) -> VerificationError:
    return VerificationError(f"step '{rule.name}' does not hold: {why}")


def _equal(
    rule: Rule, before: sp.Expr, after: sp.Expr, context: CheckContext, rng: random.Random
) -> tuple[Check, ...]:
    a = expand_definitions(before, context.definitions)
    b = expand_definitions(after, context.definitions)
    if context.bound in (a.free_symbols | b.free_symbols):
        return _instantiated(rule, a, b, context, rng)
    return _both_ways(rule, a, b, rng, "symbolic", "the difference does not simplify to 0")


def _both_ways(
    rule: Rule, a: sp.Expr, b: sp.Expr, rng: random.Random, method: str, failure: str
) -> tuple[Check, Check]:
    """a = b symbolically and at random positive points, or an error naming the rule."""
    ok, how = symbolically_equal(a, b)
    if not ok:
        raise _fail(rule, failure)
    ok_num, how_num = numerically_equal(a, b, rng)
    if not ok_num:
        raise _fail(rule, f"numeric check failed ({how_num})")
    return Check(method, how), Check("numeric", how_num)


def _instantiated(
    rule: Rule, a: sp.Expr, b: sp.Expr, context: CheckContext, rng: random.Random
) -> tuple[Check, ...]:
    """a = b for symbolic K, proved at K = 1..6 symbolically and numerically."""
    for n in INSTANCES:  # written out term by term: SymPy's doit searches closed forms
        an = expand_bounds(a, {context.bound: sp.Integer(n)})
        bn = expand_bounds(b, {context.bound: sp.Integer(n)})
        if not is_zero(an - bn):
            raise _fail(rule, f"fails symbolically at {context.bound} = {n}")
        ok, how = numerically_equal(an, bn, rng)
        if not ok:
            raise _fail(rule, f"fails numerically at {context.bound} = {n} ({how})")
    span = f"{context.bound} = {INSTANCES.start}..{INSTANCES.stop - 1}"
    return (
        Check("instantiated", f"difference simplifies to 0 at {span}"),
        Check("numeric", f"random positive points at {span}"),
    )


def _generalises(
    rule: Rule, lhs: sp.Expr, before: sp.Expr, after: sp.Expr, params: Mapping[str, object],
    context: CheckContext, rng: random.Random,
) -> tuple[Check, ...]:
    """after at the concrete bound is before, and lhs = after holds for K = 1..6."""
    n = params["instance"]
    instance = after.xreplace({context.bound: n})
    if not symbolically_equal(instance, before)[0]:
        raise _fail(rule, f"the general form at {context.bound} = {n} is not the written-out one")
    general = _instantiated(rule, expand_definitions(lhs, context.definitions), after, context, rng)
    return (Check("instance", f"at {context.bound} = {n} it is the previous row"), *general)


def _substitutes(
    rule: Rule, before: sp.Expr, after: sp.Expr, params: Mapping[str, object],
    context: CheckContext, rng: random.Random,
) -> tuple[Check, ...]:
    """before with the values (or the bound) put in equals after, exactly and numerically."""
    values: Mapping[Any, Any] = params.get("values", {})  # type: ignore[assignment]
    if "bound" in params and "value" in params:  # kept as given otherwise: whole columns
        values = {**values, params["bound"]: params["value"]}
    filled = fill_values(before, values)
    exact, numeric = _both_ways(rule, filled, after, rng, "substitution", "values give another row")
    return (Check(exact.method, f"{len(values)} values put in; {exact.detail}"), numeric)


def fill_values(expr: sp.Expr, values: Mapping[sp.Expr, sp.Expr]) -> sp.Expr:
    """expr with values put in and sums over a now-concrete bound written out, unevaluated
    (long ones kept as summand and range, as the rules keep them)."""
    with_bounds = everywhere(lambda node: _fill_limits(node, values), expr)
    filled = everywhere(lambda node: _put_value(node, values), with_bounds)
    return everywhere(_write_out, filled)


def _put_value(node: sp.Expr, values: Mapping[sp.Expr, sp.Expr]) -> sp.Expr:
    """A value for a name; for a long row, the whole columns its summand reads (the lookup
    the rule makes, as for short rows: a rule that writes any other row is refused)."""
    if isinstance(node, WrittenOut):
        return with_values(node, values)
    return values.get(node, node)


def _write_out(node: sp.Expr) -> sp.Expr:
    """A sum or product over a concrete range as its terms; a long one as a lazy row."""
    if isinstance(node, WrittenOut) or not isinstance(node, (sp.Sum, sp.Product)):
        return node
    index, low, high = node.limits[0]
    if len(node.limits) == 1 and low.is_Integer and high.is_Integer and is_lazy(high - low + 1):
        lazy = WrittenSum if isinstance(node, sp.Sum) else WrittenProduct
        return lazy(node.function, *node.limits)
    return write_out(node)


def _fill_limits(node: sp.Expr, values: Mapping[sp.Expr, sp.Expr]) -> sp.Expr:
    if not isinstance(node, (sp.Sum, sp.Product)):
        return node
    limits = [tuple(values.get(part, part) for part in limit) for limit in node.limits]
    return node.func(node.function, *limits)


def _evaluates(
    rule: Rule, before: sp.Expr, after: sp.Expr, params: Mapping[str, object]
) -> tuple[Check, ...]:
    """after is before's value rounded: computed twice, in floats and in 40-digit mpmath."""
    digits = int(params["digits"])  # type: ignore[call-overload]
    exact = evaluate(before, {}, MPMATH)
    fast = evaluate(before, {}, FLOAT)
    if abs(float(exact) - fast) > 1e-12 * max(1.0, abs(fast)):
        raise _fail(rule, f"float ({fast!r}) and mpmath ({exact}) values disagree")
    printed = float(after)
    error = abs(float(exact) - printed)
    if error > 0.5 * 10.0**-digits + 1e-15:
        raise _fail(rule, f"{printed} is not {exact} rounded to {digits} decimals")
    return (
        Check("evaluation", f"mpmath (40 digits) and float arithmetic agree: {float(exact)!r}"),
        Check("rounding", f"|value - printed| = {error:.1e} <= half a unit in decimal {digits}"),
    )

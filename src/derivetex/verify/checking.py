"""Check one link of an equation chain: definition, identity, substitution or numeric claim.

Order of questions: is it a definition (bare symbol opening a chain)? a numeric claim? an
identity (for every instantiation of a symbolic bound K in 1..6)? does it hold for one K only
(then that K is bound)? does it substitute numbers for symbols (then those are bound)? does it
relate a symbol not yet defined (then it waits for the end of the document)? Otherwise it is
an error, with the likely cause when one fits.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import sympy
from sympy.tensor.indexed import Indexed

from derivetex.errors import LimitExceeded
from derivetex.verify import numeric as num
from derivetex.verify.claims import Claim, check_claim, parse_claim
from derivetex.verify.diagnosis import diagnose
from derivetex.verify.reading import read
from derivetex.verify.report import ERROR, OK, UNCHECKED, Finding
from derivetex.verify.rows import APPROX, DEFINE, EQUAL, Link
from derivetex.verify.scope import Definition, Scope
from derivetex.verify.show import decimal, show
from derivetex.verify.substitution import propose

Make = Callable[..., Finding]
Origin = tuple[sympy.Expr, dict[sympy.Basic, sympy.Basic]] | None
Instance = dict[sympy.Symbol, sympy.Integer]


def check(link: Link, scope: Scope, *, final: bool = False) -> Finding | None:
    """The finding for ``link``; ``None`` when it must wait for a later definition."""

    def make(status: str, message: str, diagnosis: str | None = None) -> Finding:
        return Finding(link.right.line, status, link.text, message, diagnosis)

    if link.relation not in (EQUAL, APPROX, *DEFINE):
        return make(UNCHECKED, f"relation {link.relation} is not checked")
    left, right = read(link.left.latex), read(link.right.latex)
    if left.expr is None:
        return make(UNCHECKED, f"cannot read the left-hand side: {left.reason}")
    if right.expr is None:
        return make(UNCHECKED, f"cannot read the right-hand side: {right.reason}")
    try:
        return _check(link, left.expr, right.expr, scope, final, make)
    except (LimitExceeded, RecursionError) as error:
        return make(UNCHECKED, f"limit reached: {error}")
    except (ArithmeticError, ValueError, MemoryError) as error:  # SymPy on extreme numbers
        return make(UNCHECKED, f"cannot evaluate: {type(error).__name__}: {str(error)[:80]}")


def _check(
    link: Link, left: sympy.Expr, right: sympy.Expr, scope: Scope, final: bool, make: Make
) -> Finding | None:
    defining = (
        link.opens_chain
        and link.relation != APPROX
        and isinstance(left, sympy.Symbol)
        and re.fullmatch(r"\\?[A-Za-z]+", left.name) is not None
        and left not in right.free_symbols
    )
    if defining and left not in scope.definitions:
        return _define(link, left, right, scope, make)
    a, b = scope.resolve(left), scope.resolve(right)
    note = "".join(
        f" (with {d.symbol} as defined on line {d.line})" for d in scope.used(left, right)
    )
    if _is_condition(left, right):
        return _condition(left, right, scope, make) if final else None
    claim = parse_claim(link.right.latex)
    if claim is not None:
        a, earlier = scope.with_earlier_values(a)
        origin = scope.origin or (scope.earlier_origin if earlier else None)
        return _claim(a, claim, link.relation == APPROX, origin, make, note + _earlier(earlier))
    if link.relation == APPROX:
        return make(UNCHECKED, "an approximate relation between expressions is not checked")
    outcome = _compare(a, b, link.text)
    if outcome is None:
        return make(UNCHECKED, "the two sides cannot be evaluated at positive real points")
    holding, failing = outcome
    if holding and not failing:
        return make(OK, _holds_message(a, b, holding) + note)
    if holding:
        scope.bindings.update(holding[0])
        return make(OK, f"holds for {_instance(holding[0])}, used from here on{note}")
    found = _substitution(link, a, b, scope, make) or _numbers(link, a, b, scope, make, note)
    if found is not None:
        return found
    pending = _undefined(a, b, scope)
    if pending is not None:
        if not final:
            return None
        return make(UNCHECKED, f"{pending} is not defined anywhere in the document")
    if defining:
        return _redefine(link, left, right, a, b, failing, scope, make)
    cause = _diagnose(a, b, failing, link.text)
    message = "the two sides differ" + (f"; likely cause: {cause}" if cause else "") + note
    return make(ERROR, message, cause)


def _define(
    link: Link, symbol: sympy.Symbol, right: sympy.Expr, scope: Scope, make: Make
) -> Finding:
    resolved = num.expand_bounds(scope.resolve(right), {})
    if not num.unknowns(resolved) and (exact := num.value(resolved, {})) is not None:
        scope.bindings[symbol] = resolved
        shown = show(resolved) if resolved.is_Rational else decimal(exact, 6)
        return make(OK, f"{symbol} = {shown} is used in this block")
    scope.definitions[symbol] = Definition(symbol, right, link.left.line, link.right.latex)
    return make(OK, f"defines {symbol}")


def _redefine(
    link: Link,
    symbol: sympy.Symbol,
    right: sympy.Expr,
    a: sympy.Expr,
    b: sympy.Expr,
    failing: list[Instance],
    scope: Scope,
    make: Make,
) -> Finding:
    old = scope.definitions[symbol]
    replaced = Definition(symbol, right, link.left.line, link.right.latex)
    values = propose(old.latex, link.right.latex)
    if values and _compare(num.substitute(a, values), b, link.text) == ([{}], []):
        scope.bindings.update(values)
        return make(OK, f"an instance of the definition on line {old.line} ({_listing(values)})")
    bindings = propose(link.right.latex, old.latex)
    if bindings and _compare(num.substitute(b, bindings), a, link.text) == ([{}], []):
        scope.definitions[symbol] = replaced
        return make(OK, f"generalises the definition on line {old.line} ({_listing(bindings)})")
    cause = _diagnose(a, b, failing, link.text)
    if cause:
        return make(
            ERROR, f"differs from the definition on line {old.line}; likely cause: {cause}", cause
        )
    scope.definitions[symbol] = replaced
    return make(UNCHECKED, f"redefines {symbol}, differently from line {old.line}")


def _claim(
    a: sympy.Expr, claim: Claim, approx: bool, origin: Origin, make: Make, note: str
) -> Finding:
    if num.bound_symbols(a):
        names = ", ".join(sorted(map(str, num.bound_symbols(a))))
        return make(UNCHECKED, f"the value depends on {names}, which has no value here")
    expanded = num.expand_bounds(a, {})
    free = num.unknowns(expanded)
    if free:
        names = ", ".join(show(f) for f in sorted(free, key=sympy.default_sort_key))
        return make(UNCHECKED, f"the value depends on {names}, which no earlier link gives a value")
    verdict = check_claim(expanded, claim, approx, origin)
    if verdict is None:
        return make(UNCHECKED, "the left-hand side has no real value")
    return make(OK if verdict.ok else ERROR, verdict.message + note, verdict.cause)


def _substitution(
    link: Link, a: sympy.Expr, b: sympy.Expr, scope: Scope, make: Make
) -> Finding | None:
    bindings = propose(link.left.latex, link.right.latex)
    if not bindings:
        return None
    outcome = _compare(num.substitute(a, bindings), b, link.text)
    if outcome is None or outcome[1]:
        return None
    scope.origin = (a, dict(bindings))
    scope.bindings.update(bindings)
    return make(OK, f"substitutes {_listing(bindings)}")


def _numbers(
    link: Link, a: sympy.Expr, b: sympy.Expr, scope: Scope, make: Make, note: str
) -> Finding | None:
    """A number on one side, and the other side a number at values bound in earlier blocks."""
    if _is_number(a) == _is_number(b):
        return None
    (x, used_a), (y, used_b) = scope.with_earlier_values(a), scope.with_earlier_values(b)
    if not (used_a or used_b) or not (_is_number(x) and _is_number(y)):
        return None
    if num.equal_everywhere(x, y, link.text):
        return make(OK, "the two sides are equal" + note + _earlier({**used_a, **used_b}))
    return None


def _is_number(expr: sympy.Expr) -> bool:
    return not num.bound_symbols(expr) and not num.unknowns(num.expand_bounds(expr, {}))


def _is_condition(left: sympy.Expr, right: sympy.Expr) -> bool:
    """``y_{k} = 0`` in prose: a name with a free letter index set to a number selects terms."""
    return (
        isinstance(left, Indexed)
        and all(isinstance(index, sympy.Symbol) for index in left.indices)
        and bool(right.is_number)
    )


def _condition(left: Indexed, right: sympy.Expr, scope: Scope, make: Make) -> Finding:
    """Checked, at the end of the document, against the values it gives for instances."""
    known = {**scope.earlier, **scope.bindings}
    instances = {
        name: v
        for name, v in known.items()
        if isinstance(name, Indexed)
        and name.base == left.base
        and len(name.indices) == len(left.indices)
        and all(index.is_Integer for index in name.indices)
    }
    if not instances:
        return make(UNCHECKED, f"a condition on {show(left)}, which no link gives a value")
    meeting = {name: v for name, v in instances.items() if v == right}
    if not meeting:
        return make(
            UNCHECKED, f"a condition no value in the document meets ({_listing(instances)})"
        )
    return make(OK, f"a condition, met by {_listing(meeting)}")


def _earlier(values: dict[sympy.Basic, sympy.Basic]) -> str:
    return f" (with the values bound earlier: {_listing(values)})" if values else ""


def _undefined(a: sympy.Expr, b: sympy.Expr, scope: Scope) -> sympy.Symbol | None:
    """A symbol, not yet defined, that is all one side has and the other lacks."""
    first = _instantiations(a, b)[0]
    ua, ub = num.unknowns(num.expand_bounds(a, first)), num.unknowns(num.expand_bounds(b, first))
    for mine, theirs in ((ua, ub), (ub, ua)):
        if len(mine) == 1:
            (only,) = mine
            if (
                isinstance(only, sympy.Symbol)
                and only not in theirs
                and only not in scope.definitions
            ):
                return only
    return None


def _compare(
    a: sympy.Expr, b: sympy.Expr, seed: str
) -> tuple[list[Instance], list[Instance]] | None:
    """Instantiations of the symbolic bounds where ``a == b`` holds, and where it fails."""
    holding: list[Instance] = []
    failing: list[Instance] = []
    for instance in _instantiations(a, b):
        same = num.equal_everywhere(
            num.expand_bounds(a, instance), num.expand_bounds(b, instance), seed
        )
        if same is None:
            return None
        (holding if same else failing).append(instance)
    return holding, failing


def _instantiations(a: sympy.Expr, b: sympy.Expr) -> list[Instance]:
    bounds = num.bound_symbols(a) | num.bound_symbols(b)
    return num.instantiations(bounds, num.largest_index(a, b) if bounds else None)


def _diagnose(a: sympy.Expr, b: sympy.Expr, failing: list[Instance], seed: str) -> str | None:
    for instance in failing[:6]:
        cause = diagnose(num.expand_bounds(a, instance), num.expand_bounds(b, instance), seed)
        if cause:
            return cause
    return None


def _holds_message(a: sympy.Expr, b: sympy.Expr, holding: list[Instance]) -> str:
    if holding != [{}]:
        names = ", ".join(sorted(map(str, holding[0])))
        extra = {int(v) for instance in holding for v in instance.values()} - set(num.BOUND_VALUES)
        shown = ", ".join(["1..6", *map(str, sorted(extra))])
        return f"holds for {names} = {shown} at random positive points"
    if _symbolic_zero(num.expand_bounds(a - b, {})):
        return "holds symbolically"
    return f"holds at {num.POINTS} random positive points"


def _symbolic_zero(difference: sympy.Expr) -> bool:
    positive = {n: sympy.Dummy(positive=True) for n in num.unknowns(difference)}
    expanded = sympy.expand(sympy.expand_log(difference.xreplace(positive), deep=True))
    return bool(expanded == 0)


def _instance(instance: Instance) -> str:
    return ", ".join(f"{s} = {v}" for s, v in sorted(instance.items(), key=lambda kv: str(kv[0])))


def _listing(bindings: dict[sympy.Basic, sympy.Rational]) -> str:
    ordered = sorted(bindings.items(), key=lambda kv: sympy.default_sort_key(kv[0]))
    return ", ".join(
        f"{show(s)} = {show(v) if v.is_Integer else decimal(v, 6).rstrip('0')}" for s, v in ordered
    )

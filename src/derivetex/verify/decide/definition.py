"""What a link gives the section: a definition (R001), a value of a term (R107), a density
through its log (R303), values substituted (R008), pairs of values; and a number claimed for a
defined function at known values (a claim, not a redefinition)."""

from __future__ import annotations

import re

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed

from derivetex.judge import numeric as num
from derivetex.judge.diagnosis import to_base
from derivetex.judge.show import decimal, show
from derivetex.judge.terms import opaque
from derivetex.verify.decide import vector
from derivetex.verify.decide.claim import agree, earlier_note, in_bits_here
from derivetex.verify.decide.comparing import (
    compare,
    is_number,
    listing,
)
from derivetex.verify.decide.vector import tuples_agree
from derivetex.verify.decide.verdict import FAILS, Answer, Make, answer
from derivetex.verify.links.rows import APPROXIMATE, ORDER, Link
from derivetex.verify.readings.catalog import (
    BITS,
    NUMERIC_CLAIM,
    RESTATEMENT,
)
from derivetex.verify.readings.information import same_outcomes
from derivetex.verify.readings.side import Reading
from derivetex.verify.readings.substitution import propose
from derivetex.verify.report import OK, UNCHECKED
from derivetex.verify.scope import Definition, Scope


def defines(link: Link, left: sympy.Expr, right: sympy.Expr) -> bool:
    """A name opening a chain (``L``, ``a_n``, ``y_{ik}``, ``\\sigma(z)``, ``NLL``) defines it."""
    if not link.opens_chain or link.relation in ORDER:
        return False
    if link.relation in APPROXIMATE and not (isinstance(left, sympy.Symbol) and right.is_number):
        return False  # x ≈ 1.28 gives x a value, as x = 1.28 does; nothing else does
    if isinstance(right, sympy.Symbol) or left == vector.WRITTEN_OUT:
        return False  # i = j, p_1 = p_2: a condition, not a definition; a matrix: no name
    if isinstance(left, sympy.Symbol):
        named = _NAME.fullmatch(left.name) is not None
        return named and left not in right.free_symbols
    if isinstance(left, Indexed):
        if all(index.is_Integer for index in left.indices):
            return not right.has(left)
        return not right.has(left.base)
    if isinstance(left, AppliedUndef):
        args = left.args
        distinct = len(set(args)) == len(args)
        return distinct and all(_parameter(x) for x in args) and not right.has(left.func)
    return False


EVENTS = ("+", "-", "\\neg ")
"""How the reader names the events ``+``, ``-`` and ``\\neg D`` written as arguments."""


def _parameter(arg: sympy.Basic) -> bool:
    """A name, or a name to a numeric power (``\\sigma^2`` in ``p(x \\mid \\mu, \\sigma^2)``)."""
    if isinstance(arg, sympy.Pow):
        return isinstance(arg.base, sympy.Symbol) and arg.exp.is_Number
    if isinstance(arg, sympy.Symbol) and arg.name.startswith(EVENTS):
        return False  # P(+ \mid D), P(\neg D): an event, not a variable
    return isinstance(arg, (sympy.Symbol, Indexed))


_NAME = re.compile(
    r"(?:\\?[A-Za-z]+|\\[a-z]+\{(?:[^{}]|\{[^{}]*\})*\}|\\mathrm\{.*\})"
    r"(?:_\{(?:[^{}]|\{[^{}]*\})*\})?(?:\^\{\(\w+\)\})?'*"
)
"""A name a link can define: ``L``, ``\\hat{y}``, ``\\hat{\\boldsymbol{\\theta}}``,
``\\mathrm{NLL}``, each with a label (``L_{\\text{total}}``, ``\\hat{\\theta}_{\\text{MLE}}``) and
a layer index ``^{(1)}`` (``z^{(1)}``, ``\\delta^{(0)}``), and primes (``f'``, ``\\sum'``: the
writer's name for a derivative worked out next)."""


def value_at_known_names(
    left: sympy.Expr, right: sympy.Expr, scope: Scope
) -> tuple[sympy.Expr, dict[sympy.Basic, sympy.Expr]] | None:
    """``D_{KL}(p \\| q) = 0.5 \\log 2 + …`` with D_KL(p ‖ q) defined and p, q given before
    in the section: a number for a defined function at known values is a claim about its
    value, not a new definition. Its value and the earlier values used, else ``None``."""
    if not (isinstance(left, AppliedUndef) and is_number(right)):
        return None
    if Definition(left, right, 0, "").key not in scope.definitions:
        return None  # a meaning by convention (H(P) in nats) may not be the writer's
    value, earlier = scope.with_earlier_values(num.expand_bounds(scope.resolve(left), {}))
    return (value, earlier) if is_number(value) else None


def at_a_point(left: sympy.Expr) -> bool:
    """An undefined function at a point or an event (``P(X=0)``, ``f(1)``, ``H(X|Y=1)``): not
    a definition of the function, but it can be given a value."""
    return isinstance(left, AppliedUndef) and not all(_parameter(x) for x in left.args)


def given_value(
    left: sympy.Expr, written: str, right: sympy.Expr, scope: Scope, make: Make
) -> Answer | None:
    """``P(X=0) = 0.4 + 0.1``: the term's value for the rest of the section."""
    resolved = num.expand_bounds(scope.resolve(right), {})
    if num.unknowns(resolved) or opaque(resolved):
        return None
    exact = num.value(resolved, {})
    if exact is None:
        return None
    scope.bindings[left] = resolved
    shown = str(resolved) if resolved.is_Integer else decimal(exact, 6)
    return make(OK, f"${written.strip()}$ = {shown} is used in this section")


def log_of_application(left: sympy.Expr) -> sympy.Expr | None:
    """``p(x \\mid \\mu, \\sigma)`` when ``left`` is its log: ``\\log p(x \\mid \\theta) = …``
    opening a chain defines the density as well as its log."""
    if isinstance(left, sympy.log) and isinstance(left.args[0], AppliedUndef):
        return left.args[0]
    return None


def define(link: Link, name: sympy.Expr, right: sympy.Expr, scope: Scope, make: Make) -> Answer:
    resolved = num.expand_bounds(scope.resolve(right), {})
    numeric = not num.unknowns(resolved) and not opaque(resolved)
    exact = num.value(resolved, {}) if numeric else None
    if exact is not None and not isinstance(name, AppliedUndef):
        scope.bindings[name] = resolved
        shown = show(resolved) if resolved.is_Rational else decimal(exact, 6)
        return make(OK, f"{show(name)} = {shown} is used in this block")
    old = scope.definitions.get(Definition(name, right, 0, "").key)
    restated = False
    if old is not None and old.instance(name) is not None:
        before, now = same_outcomes(scope.resolve(name), scope.resolve(right))
        outcome = compare(before, now, link.text)
        if outcome is not None and outcome[0] and not outcome[1]:
            return make(OK, f"agrees with the definition of {show(name)} on line {old.line}")
        restated = (
            outcome is not None and bool(outcome[1]) and scope.allows(RESTATEMENT.code)
            and _same_names(before, now)
        )
    if old is None and scope.built_in(name):
        outcome = compare(*same_outcomes(scope.resolve(name), scope.resolve(right)), link.text)
        if outcome is not None and outcome[0] and not outcome[1]:
            return make(OK, f"agrees with what {show(name)} means (its usual definition)")
        if isinstance(right, (sympy.Symbol, Indexed)) and not scope.defines(right):
            scope.define(Definition(right, name, link.left.line, link.left.latex))
            return make(OK, f"names {show(name)} {show(right)}")  # σ(z_i) = P_i
    scope.define(Definition(name, right, link.left.line, link.right.latex))
    vector.learn(link, scope)
    if old is not None and restated:
        message = (f"{show(name)} restated with the names of its definition on line "
                   f"{old.line}, but the two differ")
        return make(FAILS, message, readings=(RESTATEMENT.code,))
    if old is not None:
        return make(OK, f"defines {show(name)} (replacing line {old.line})")
    return make(OK, f"defines {show(name)}")


def _same_names(before: sympy.Expr, now: sympy.Expr) -> bool:
    """Whether a new right side uses exactly the names of the definition it replaces, and
    both are expanded into them: then it restates it rather than defining something new."""
    if opaque(before) or opaque(now):
        return False  # H(X) - H(X|Y) for a sum: derivetex cannot relate them, not a slip
    names = num.unknowns(before) | num.bound_symbols(before)
    return bool(names) and names == num.unknowns(now) | num.bound_symbols(now)


def pairs(
    link: Link, names: sympy.Tuple, items: sympy.Tuple, scope: Scope, make: Make
) -> Answer:
    """``(x, y) = (1.1, 0.9)`` gives x and y their values for this block."""
    plain = all(isinstance(n, (sympy.Symbol, Indexed)) for n in names.args)
    if not plain and all(n.is_number for n in names.args):
        return tuples_agree(link, names, items, make)
    if len(names) != len(items) or not plain or not all(is_number(i) for i in items.args):
        return make(UNCHECKED, "vector or matrix algebra is not checked", reason="vector")
    values = dict(zip(names.args, items.args, strict=True))
    scope.bindings.update(values)
    return make(OK, f"gives {listing(values)}")


def claim_at_known_names(
    link: Link,
    left: sympy.Expr,
    right: sympy.Expr,
    left_reading: Reading,
    right_reading: Reading,
    scope: Scope,
) -> Answer | None:
    """A number for a defined function at known values: a claim about its value."""
    at_values = value_at_known_names(left, right, scope)
    if at_values is None:
        return None
    value, earlier = at_values
    used = scope.definitions.get(Definition(left, right, 0, "").key)
    shown = f" (with {show(left)} as defined on line {used.line})" if used is not None else ""
    note = shown + earlier_note(earlier)
    agreed = agree(link, value, right, left_reading, right_reading, scope, answer, note)
    bits = in_bits_here(scope, link) and scope.allows(BITS.code)
    if agreed.status == FAILS and bits and value.has(sympy.log):
        in_bits = agree(
            link, to_base(value, 2), right, left_reading, right_reading, scope, answer, ""
        )
        agreed = in_bits.resting_on(BITS.code) if in_bits.status == OK else agreed
    return agreed.resting_on(NUMERIC_CLAIM.code) if agreed.status != UNCHECKED else None


def substitution(
    link: Link, a: sympy.Expr, b: sympy.Expr, scope: Scope, make: Make
) -> Answer | None:
    bindings = propose(link.left.latex, link.right.latex)
    if not bindings:
        return None
    outcome = compare(num.substitute(a, bindings), b, link.text)
    if outcome is None or outcome[1]:
        return None
    scope.origin = (a, dict(bindings))
    scope.bindings.update(bindings)
    return make(OK, f"substitutes {listing(bindings)}")

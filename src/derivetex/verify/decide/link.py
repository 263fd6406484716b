"""The primary answer for one link: what kind of link it is, then its judgement.

Precision first: a check answers ``fails`` only when derivetex is certain -- both sides read
unambiguously, every term on them understood (or the same opaque terms on both), and the link
claimed as a step (part of a chain) or explained by a known slip; otherwise it cannot say, with
a reason code (``codes.REASONS``). Order of questions: a relation verify checks? sides read? a
condition, an update (R004), a vector of numbers, a definition or value (``definition``), a
fact (R005)? Then, with bare function names applied (R301, R306), the judgement of
``identity`` (claims by ``claim``, inequalities by ``relation``). The answer names the
readings it rests on; ``verdict.decide`` makes it a finding.
"""

from __future__ import annotations

import re

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed

from derivetex.errors import LimitExceeded
from derivetex.judge import numeric as num
from derivetex.judge.claims import Claim, parse_claim
from derivetex.judge.show import show
from derivetex.verify.decide import relation, vector
from derivetex.verify.decide.comparing import (
    listing,
    stated_fact,
)
from derivetex.verify.decide.definition import (
    at_a_point,
    claim_at_known_names,
    define,
    defines,
    given_value,
    log_of_application,
    pairs,
)
from derivetex.verify.decide.identity import judge, uncertain
from derivetex.verify.decide.read_link import ReadLink
from derivetex.verify.decide.verdict import FAILS, Answer, Make, answer
from derivetex.verify.links.rows import APPROXIMATE, DEFINE, EQUAL, ORDER, UNEQUAL, Link
from derivetex.verify.readings.bare import BareReading, applied_bare
from derivetex.verify.readings.catalog import (
    BARE_DEFINED,
    BARE_FUNCTION,
    DEFINITION,
    EVENT_VALUE,
    FACT,
    LOG_DENSITY,
    ORDER_TERM,
    UPDATE,
)
from derivetex.verify.readings.side import Reading, read
from derivetex.verify.report import OK, UNCHECKED
from derivetex.verify.scope import Scope
from derivetex.verify.sequences import names_components

_DIFFERENTIAL = re.compile(
    r"(?<![A-Za-z\\{])(?:d|\\mathrm\{d\})\s*"
    r"(?:\((?:[^,()]|\([^()]*\))*\)|\\(?:Sigma|Lambda|mathbf|bm|boldsymbol|vec)\b)"
)
"""``d(\\Sigma^{-1})``, ``d\\mathbf{X}``: the differential of a matrix expression (matrix
calculus in differentials), which neither reading of a side takes; not ``d(x, y)``, a
distance of two arguments."""


def check(link: Link, scope: Scope, *, final: bool = False) -> Answer | None:
    """The finding for ``link``; ``None`` when it must wait for a later definition."""

    make = answer

    if link.relation not in (EQUAL, *APPROXIMATE, *DEFINE, *ORDER, *UNEQUAL):
        return make(UNCHECKED, f"relation {link.relation} is not checked", reason="relation")
    if scope.allows(ORDER_TERM.code) and _order_term(link):
        message = "an expansion up to an order term (O(·)), not an identity"
        return make(UNCHECKED, message, reason="approximate", readings=(ORDER_TERM.code,))
    if all(_DIFFERENTIAL.search(side.latex) for side in (link.left, link.right)):
        message = "a relation between differentials (d applied to an expression) is not checked"
        return make(UNCHECKED, message, reason="differential")
    functions = scope.function_names()
    left = read(link.left.latex, functions)
    claim = parse_claim(link.right.latex)
    right = read(link.right.latex, functions)
    if left.expr is None:
        return make(UNCHECKED, f"cannot read the left-hand side: {left.reason}", reason="unread")
    if right.expr is None and claim is None:
        return make(UNCHECKED, f"cannot read the right-hand side: {right.reason}", reason="unread")
    try:
        if link.relation in UNEQUAL:
            return relation.unequal(link, left, right, scope, make)
        finding = _check(link, left, right, claim, scope, final, make)
        _remember_formula(link, left, right, finding, scope)
        return finding
    except (LimitExceeded, RecursionError) as error:
        return make(UNCHECKED, f"limit reached: {error}", reason="limit")
    except (ArithmeticError, ValueError, TypeError, AttributeError, MemoryError) as error:
        message = f"cannot evaluate: {type(error).__name__}: {str(error)[:80]}"
        return make(UNCHECKED, message, reason="not-evaluable")


def _check(
    link: Link,
    left_reading: Reading,
    right_reading: Reading,
    claim: Claim | None,
    scope: Scope,
    final: bool,
    make: Make,
) -> Answer | None:
    """What kind of link this is (a condition, an update, a vector, a definition, a value, a
    fact), answered here; an identity or a claim goes on to :func:`judge`."""
    left = left_reading.expr
    right = right_reading.expr if right_reading.expr is not None else claim.value  # type: ignore[union-attr]
    assert left is not None and right is not None
    if _is_condition(left, right):
        return _condition(left, right, scope, make) if final else None
    if scope.allows(UPDATE.code) and _is_update(link, left, right):
        message = "an update (the name on the left is also on the right), not an identity"
        return make(UNCHECKED, message, reason="equation", readings=(UPDATE.code,))
    vectors = _vector_kinds(link, left, right, scope, make)
    if vectors is not None:
        return vectors
    defining = scope.allows(DEFINITION.code) and defines(link, left, right)
    known = scope.defines(left)
    approximate = link.relation in APPROXIMATE and link.opens_chain  # H(p) ≈ 0.9 · 0.152 + …
    if (defining or approximate) and known and claim is None:
        agreed = claim_at_known_names(link, left, right, left_reading, right_reading, scope)
        if agreed is not None:
            return agreed
    if defining and not (known and claim is not None):
        return define(link, left, right, scope, make).resting_on(DEFINITION.code)
    if (
        scope.allows(EVENT_VALUE.code) and link.opens_chain and at_a_point(left) and not known
        and link.relation not in ORDER
    ):
        given = given_value(left, link.left.latex, right, scope, make)
        if given is not None:
            return given.resting_on(EVENT_VALUE.code)
    logged = log_of_application(left) if scope.allows(LOG_DENSITY.code) else None
    if logged is not None and defines(link, logged, right) and not scope.defines(logged):
        return define(link, logged, sympy.exp(right), scope, make).resting_on(LOG_DENSITY.code)
    fact = stated_fact(left, right) if scope.allows(FACT.code) else None
    if fact is not None:
        scope.facts[fact] = link.right.line
        message = f"a fact: $\\sum {show(fact)} = 1$, used in this section"
        return make(OK, message, readings=(FACT.code,))
    read = ReadLink(link, left_reading, right_reading, claim, left, right)
    return _with_bare_names(read, scope, final)


def _is_update(link: Link, left: sympy.Expr, right: sympy.Expr) -> bool:
    """``t = t + 1`` opening a chain, its left side a name as written."""
    written_name = not re.search(r"[-+*/]|\\(?:frac|dfrac|cdot|times)", link.left.latex)
    return (
        link.opens_chain and written_name and isinstance(left, (sympy.Symbol, Indexed))
        and _updates(left, right)
    )


def _vector_kinds(
    link: Link, left: sympy.Expr, right: sympy.Expr, scope: Scope, make: Make
) -> Answer | None:
    """Links about vectors of numbers: a sum past a vector's length, a vector by its
    components, a vector given, pairs of values."""
    beyond = vector.beyond_components((left, right), scope, make) if scope.sizes else None
    if beyond is not None:
        return beyond
    if link.opens_chain and names_components(left, right):
        return make(OK, f"writes {show(left)} by its components")
    if link.opens_chain and isinstance(left, sympy.Symbol) and isinstance(right, sympy.Tuple):
        return vector.components(left, right, scope, make)
    if vector.vector_value(link, left, right, scope):
        return make(OK, f"{show(left)} is the vector ({', '.join(map(show, right.args))})")
    if isinstance(left, sympy.Tuple) and isinstance(right, sympy.Tuple):
        return pairs(link, left, right, scope, make)
    return None


def _with_bare_names(read: ReadLink, scope: Scope, final: bool) -> Answer | None:
    """The link judged with bare function names read as applied (``J`` for ``J(w)``): a
    reading from a definition that the link does not only differentiate by its parameters
    confirms, never accuses (R306)."""
    bare = BareReading()
    if scope.allows(BARE_FUNCTION.code):
        left, right, bare = applied_bare(read.left, read.right, scope)
        if uncertain(read.link, bare) and not scope.allows(BARE_DEFINED.code):
            left, right, bare = read.left, read.right, BareReading()
        read = read.with_sides(left, right)
    judged = judge(read, scope, final, bare)
    if judged is not None and judged.status == FAILS:
        independent = _independent_derivative(read.left, read.right, scope)
        if independent is not None:
            return answer(UNCHECKED, independent, reason="independent")
    if judged is None or not bare or BARE_DEFINED.code in judged.readings:
        return judged
    return judged.resting_on(BARE_FUNCTION.code)


def _depends(body: sympy.Expr, variable: sympy.Basic) -> bool:
    """Whether ``body`` has ``variable``, or a component of the same vector (``o_k`` for o,
    ``z_j`` for z_i)."""
    if body.has(variable):
        return True
    name = str(variable.base.label) if isinstance(variable, Indexed) else str(variable)
    return any(str(item.base.label) == name for item in body.atoms(Indexed))


def _independent_derivative(
    left: sympy.Expr, right: sympy.Expr, scope: Scope
) -> str | None:
    """A derivative by a name its body, as the section defines it, does not contain
    (``\\partial L / \\partial b_2`` with ``L`` defined through a prediction whose own
    definition was in prose): it reads as 0, which the writer did not mean to claim, so a
    failure proves nothing. None when every derivative's variable is in its body."""
    for side in (left, right):
        for node in side.atoms(sympy.Derivative):
            if node in scope.formulas or side in scope.formulas:
                continue  # the writer's own formula for it (∂L/∂o = p - y) was used
            body = scope.resolve(node.expr)
            if body.atoms(AppliedUndef) or body.has(sympy.Derivative):
                continue  # an opaque body: left to the other checks (R407)
            missing = [v for v, _ in node.variable_count if not _depends(body, v)]
            named = isinstance(node.expr, (sympy.Symbol, Indexed)) and body != node.expr
            if missing and (body.free_symbols or named):
                return (f"{show(node)}: {show(node.expr)} as defined here does not depend on "
                        f"{show(missing[0])} (a definition derivetex did not read?)")
    return None


_ORDER_TERM = re.compile(
    r"[+-]\s*(?:\\mathcal\s*\{\s*O\s*\}|\\mathrm\s*\{\s*O\s*\}|O)\s*(?:\\left)?\s*\("
)
"""``+ O(x^3)``, ``+ \\mathcal{O}(\\epsilon^2)``: a series cut at an order (asymptotic only)."""


def _order_term(link: Link) -> bool:
    return bool(_ORDER_TERM.search(link.left.latex) or _ORDER_TERM.search(link.right.latex))


def _remember_formula(
    link: Link, left: Reading, right: Reading, finding: Answer | None, scope: Scope
) -> None:
    """``\frac{\\partial L}{\\partial o} = p - y``, not found wrong: what a later vector
    claim about the same left side means."""
    if finding is not None and finding.status == FAILS or not link.opens_chain:
        return
    formula = right.expr
    if (
        isinstance(left.expr, (sympy.Derivative, AppliedUndef))
        and formula is not None
        and not right.vector
        and not formula.is_number
    ):
        scope.formulas[left.expr] = (formula, link.right.line)


def _updates(name: sympy.Expr, right: sympy.Expr) -> bool:
    """``t = t + 1``, ``w = w - \\alpha v``: the name itself on the right (not only as the base
    of its components, ``w = w_1 + w_2``)."""
    if isinstance(name, Indexed):
        return right.has(name)
    return name in num.unknowns(right)


def _is_condition(left: sympy.Expr, right: sympy.Expr) -> bool:
    """``y_{k} = 0`` in prose: a name with a free letter index set to a number selects terms."""
    return (
        isinstance(left, Indexed)
        and all(isinstance(index, sympy.Symbol) for index in left.indices)
        and bool(right.is_number)
    )


def _condition(left: Indexed, right: sympy.Expr, scope: Scope, make: Make) -> Answer:
    """Checked, at the end of the section, against the values it gives for instances."""
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
        message = f"a condition on {show(left)}, which no link gives a value"
        return make(UNCHECKED, message, reason="condition")
    meeting = {name: v for name, v in instances.items() if v == right}
    if not meeting:
        message = f"a condition no value in the document meets ({listing(instances)})"
        return make(UNCHECKED, message, reason="condition")
    return make(OK, f"a condition, met by {listing(meeting)}")

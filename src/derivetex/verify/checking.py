"""Check one link of an equation chain: definition, claim, identity, substitution or equation.

Precision first: a link is an ``error`` only when derivetex is certain -- both sides read
unambiguously, every term on them understood (or the same opaque terms on both), and the link
claimed as a step (part of a chain) or explained by a known slip. Otherwise it is ``unchecked``
with a reason code (``REASONS``). Order of questions: a definition (a name opening a chain)?
a numeric claim? an identity for every instantiation of a symbolic bound K in 1..6? true for
one K only (K is then bound)? a substitution of numbers (bound)? a relation to a symbol not yet
defined (wait for the end of the section)? Then the verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed

from derivetex.errors import LimitExceeded
from derivetex.judge import numeric as num
from derivetex.judge.claims import Claim, parse_claim
from derivetex.judge.diagnosis import to_base
from derivetex.judge.show import decimal, show
from derivetex.judge.terms import carry_out, opaque
from derivetex.reader.names import LG_BASE
from derivetex.verify import relations, vector_links
from derivetex.verify.bare import BareReading, applied_bare
from derivetex.verify.comparing import (
    compare,
    free_indices,
    holds_by_chain_rule,
    holds_if_normalised,
    holds_message,
    index_case,
    instance_text,
    instantiations,
    is_number,
    likely_cause,
    listing,
    names_of,
    one_sized,
    one_term,
    proportional,
    stated_fact,
)
from derivetex.verify.decide.verdict import FAILS, Answer, Make, answer
from derivetex.verify.dot_products import as_dot_products
from derivetex.verify.information import constant_expectations, same_outcomes
from derivetex.verify.numeric_links import (
    agree,
    at_earlier_values,
    earlier_note,
    in_bits_here,
    lg_link,
    rounding_of,
    value_claim,
)
from derivetex.verify.optima import is_optimum, same_optimum
from derivetex.verify.reading import Reading, read
from derivetex.verify.readings.catalog import (
    BARE_DEFINED,
    BARE_FUNCTION,
    BITS,
    CHAIN_RULE,
    DEFINITION,
    DEVIATION,
    DOT_PRODUCT,
    EARLIER_SIDES,
    EARLIER_VALUES,
    EQUATION,
    EVENT_VALUE,
    FACT,
    IDENTITY,
    INDEX_CASE,
    INSTANCE,
    LG,
    LOG_DENSITY,
    LOOSE_DEFINITION,
    NAMED_IN_CHAIN,
    NORMALISED,
    NUMERIC_CLAIM,
    ONE_SIZED,
    ORDER_TERM,
    ROUNDED_SIDES,
    SUBSTITUTION,
    UPDATE,
)
from derivetex.verify.report import OK, UNCHECKED
from derivetex.verify.rows import APPROXIMATE, DEFINE, EQUAL, ORDER, UNEQUAL, Link
from derivetex.verify.scope import Definition, Scope
from derivetex.verify.sequences import names_components
from derivetex.verify.substitution import propose
from derivetex.verify.vectors import check_components

REASONS = {
    "relation": "a relation other than =, ≈, := or an inequality",
    "unread": "a side derivetex cannot read with certainty",
    "vector": "vector or matrix algebra (a scalar reading could be wrong)",
    "opaque": "the sides relate terms derivetex cannot expand",
    "definition": "wrong only under a definition that looks mistyped (an index as a number)",
    "equation": "a lone equation (a condition to solve), not a claimed identity",
    "undefined": "a name the document never defines",
    "no-value": "a value that depends on names with no value",
    "not-evaluable": "sides that cannot be evaluated at positive real points",
    "approximate": "≈ between expressions",
    "limit": "a size or nesting limit",
    "budget": "the time or memory budget of a link",
    "condition": "a condition no value in the document meets",
    "inequality": "an inequality between expressions",
    "fact": "holds only under a fact (Σ t_k = 1) the section does not state",
    "indices": "different free indices on the two sides (an implicit sum?)",
    "optimum": "an argmax or argmin whose objectives derivetex cannot relate",
    "internal": "the reading or check of this link failed unexpectedly (DERIVETEX_DEBUG=1)",
    "disabled": "the reading this link needs is turned off (--disable-reading)",
    "preview": "fails only on a reading that may confirm, not accuse",
    "readings": "fails on one reading, another that may accuse cannot be judged",
    "cap": "more candidate readings than are judged per link",
}
"""Stable reason codes of ``unchecked`` findings (``--json`` ``reason``), with their meaning."""

Instance = dict[sympy.Symbol, sympy.Integer]
ZERO = sympy.Integer(0)


def check(link: Link, scope: Scope, *, final: bool = False) -> Answer | None:
    """The finding for ``link``; ``None`` when it must wait for a later definition."""

    make = answer

    if link.relation not in (EQUAL, *APPROXIMATE, *DEFINE, *ORDER, *UNEQUAL):
        return make(UNCHECKED, f"relation {link.relation} is not checked", reason="relation")
    if scope.allows(ORDER_TERM.code) and _order_term(link):
        message = "an expansion up to an order term (O(·)), not an identity"
        return make(UNCHECKED, message, reason="approximate", readings=(ORDER_TERM.code,))
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
            return relations.unequal(link, left, right, scope, make)
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
    fact), answered here; an identity or a claim goes on to :func:`_judge`."""
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
    defining = scope.allows(DEFINITION.code) and _defines(link, left, right)
    known = scope.defines(left)
    if defining and known and claim is None:
        agreed = _claim_at_known_names(link, left, right, left_reading, right_reading, scope)
        if agreed is not None:
            return agreed
    if defining and not (known and claim is not None):
        return _define(link, left, right, scope, make).resting_on(DEFINITION.code)
    if (
        scope.allows(EVENT_VALUE.code) and link.opens_chain and _at_a_point(left) and not known
        and link.relation not in ORDER
    ):
        given = _given_value(left, link.left.latex, right, scope, make)
        if given is not None:
            return given.resting_on(EVENT_VALUE.code)
    logged = _log_of_application(left) if scope.allows(LOG_DENSITY.code) else None
    if logged is not None and _defines(link, logged, right) and not scope.defines(logged):
        return _define(link, logged, sympy.exp(right), scope, make).resting_on(LOG_DENSITY.code)
    fact = stated_fact(left, right) if scope.allows(FACT.code) else None
    if fact is not None:
        scope.facts[fact] = link.right.line
        message = f"a fact: $\\sum {show(fact)} = 1$, used in this section"
        return make(OK, message, readings=(FACT.code,))
    return _with_bare_names(link, left, right, left_reading, right_reading, claim, scope, final)


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
    beyond = vector_links.beyond_components((left, right), scope, make) if scope.sizes else None
    if beyond is not None:
        return beyond
    if link.opens_chain and names_components(left, right):
        return make(OK, f"writes {show(left)} by its components")
    if link.opens_chain and isinstance(left, sympy.Symbol) and isinstance(right, sympy.Tuple):
        return vector_links.components(left, right, scope, make)
    if vector_links.vector_value(link, left, right, scope):
        return make(OK, f"{show(left)} is the vector ({', '.join(map(show, right.args))})")
    if isinstance(left, sympy.Tuple) and isinstance(right, sympy.Tuple):
        return _pairs(link, left, right, scope, make)
    return None


def _claim_at_known_names(
    link: Link,
    left: sympy.Expr,
    right: sympy.Expr,
    left_reading: Reading,
    right_reading: Reading,
    scope: Scope,
) -> Answer | None:
    """A number for a defined function at known values: a claim about its value."""
    at_values = _value_at_known_names(left, right, scope)
    if at_values is None:
        return None
    value, earlier = at_values
    note = earlier_note(earlier)
    agreed = agree(link, value, right, left_reading, right_reading, scope, answer, note)
    bits = in_bits_here(scope, link) and scope.allows(BITS.code)
    if agreed.status == FAILS and bits and value.has(sympy.log):
        in_bits = agree(
            link, to_base(value, 2), right, left_reading, right_reading, scope, answer, ""
        )
        agreed = in_bits.resting_on(BITS.code) if in_bits.status == OK else agreed
    return agreed.resting_on(NUMERIC_CLAIM.code) if agreed.status != UNCHECKED else None


def _with_bare_names(
    link: Link,
    left: sympy.Expr,
    right: sympy.Expr,
    left_reading: Reading,
    right_reading: Reading,
    claim: Claim | None,
    scope: Scope,
    final: bool,
) -> Answer | None:
    """The link judged with bare function names read as applied (``J`` for ``J(w)``): a
    reading from a definition that the link does not only differentiate by its parameters
    confirms, never accuses (R306)."""
    bare = BareReading()
    if scope.allows(BARE_FUNCTION.code):
        written = (left, right)
        left, right, bare = applied_bare(left, right, scope)
        if _uncertain(link, bare) and not scope.allows(BARE_DEFINED.code):
            (left, right), bare = written, BareReading()
    judged = _judge(link, left, right, left_reading, right_reading, claim, scope, final, bare)
    if judged is None or not bare or BARE_DEFINED.code in judged.readings:
        return judged
    return judged.resting_on(BARE_FUNCTION.code)


def _judge(
    link: Link,
    left: sympy.Expr,
    right: sympy.Expr,
    left_reading: Reading,
    right_reading: Reading,
    claim: Claim | None,
    scope: Scope,
    final: bool,
    bare: BareReading,
) -> Answer | None:
    """An identity, a claim or a relation between the two sides, definitions put in."""
    a, b = same_outcomes(*constant_expectations(scope.resolve(left), scope.resolve(right)))
    dotted = as_dot_products(a, b) if scope.allows(DOT_PRODUCT.code) else (a, b)
    dot_note = " (reading the product of the vectors as their dot product)"
    dot_note = dot_note if dotted != (a, b) else ""
    a, b = dotted
    used = scope.used(left, right)
    loose = any(d.loose for d in used) and scope.allows(LOOSE_DEFINITION.code)
    note = f" (reading {_bare_text(bare)})" if bare else ""
    note += "".join(f" (with {show(d.symbol)} as defined on line {d.line})" for d in used)
    note += dot_note
    uncertain = _uncertain(link, bare)
    sides = _Sides(link, left, right, left_reading, right_reading, a, b, note, loose, uncertain)
    judged = _judge_sides(sides, claim, scope, final, bare, used)
    return judged.resting_on(DOT_PRODUCT.code) if judged is not None and dot_note else judged


@dataclass(frozen=True)
class _Sides:
    """A link's sides as written (``left``, ``right``) and resolved (``a``, ``b``)."""

    link: Link
    left: sympy.Expr
    right: sympy.Expr
    left_reading: Reading
    right_reading: Reading
    a: sympy.Expr
    b: sympy.Expr
    note: str
    loose: bool
    uncertain: bool
    """Whether a bare name was read from a definition the link does not only differentiate
    by its parameters (R306: a failure on it confirms nothing and accuses no one)."""


def _uncertain(link: Link, bare: BareReading) -> bool:
    certain = bare.differentiated and not _APPLIED_DERIVATIVE.search(link.text)
    return bare.from_definitions and not certain


def _judge_sides(
    s: _Sides,
    claim: Claim | None,
    scope: Scope,
    final: bool,
    bare: BareReading,
    used: list[Definition],
) -> Answer | None:
    make, link, a, b, note = answer, s.link, s.a, s.b, s.note
    by = {
        v
        for side in (s.left_reading.expr, s.right_reading.expr)
        if side is not None
        for d in side.atoms(sympy.Derivative)
        for v in d.variables
    }
    defined = [  # z = w^T x + b: a name the link differentiates by is a scalar there
        read(d.latex, functions=scope.function_names())
        for d in used
        if not (d.symbol in by and isinstance(d.symbol, sympy.Symbol))
    ]
    vectors = s.left_reading.vector or s.right_reading.vector or any(r.vector for r in defined)
    algebra = any(r.algebra for r in defined)  # Σ^{-1} from x^T Σ^{-1} x: matrices after all
    if vectors and (
        algebra or not vector_links.elementwise(s.left_reading, s.right_reading, a, b)
    ):
        return _vector_algebra(s, scope)
    if is_optimum(a) or is_optimum(b):
        return _optima(a, b, make, note)
    if link.relation in ORDER:
        return relations.order(link, a, b, scope, make)
    if claim is not None and not scope.allows(NUMERIC_CLAIM.code):
        return make(UNCHECKED, "a numeric claim (claims are not read: R003 is disabled)",
                    reason="disabled")
    if claim is not None:
        return _claimed(s, claim, scope)
    if not scope.allows(IDENTITY.code):
        return make(UNCHECKED, "an identity (identities are not read: R002 is disabled)",
                    reason="disabled")
    if is_number(a) and is_number(b):
        return agree(link, a, b, s.left_reading, s.right_reading, scope, make, note).resting_on(
            IDENTITY.code
        )
    if link.relation in APPROXIMATE:
        return make(UNCHECKED, "≈ between expressions is not checked", reason="approximate")
    return _identity(s, scope, final, bare)


def _vector_algebra(s: _Sides, scope: Scope) -> Answer:
    make, link, left, right, a, b = answer, s.link, s.left, s.right, s.a, s.b
    if a == b and not a.has(vector_links.WRITTEN_OUT):
        return make(OK, "the two sides are the same expression" + s.note)
    if isinstance(right, sympy.Tuple) and not isinstance(left, sympy.Tuple):
        return _vector_claim(link, left, right, scope, make)
    if isinstance(left, sympy.Tuple) and isinstance(right, sympy.Tuple):
        return _tuples_agree(link, left, right, make)
    in_order = vector_links.in_order(link, scope, make)
    if in_order is not None:
        return in_order
    generic = vector_links.for_every_vector(link, s.left_reading, s.right_reading, scope, make)
    if generic is not None:
        return generic
    return make(UNCHECKED, "vector or matrix algebra is not checked", reason="vector")


def _claimed(s: _Sides, claim: Claim, scope: Scope) -> Answer:
    """A number claimed for the left side: a variance, a value down a chain, or a claim."""
    make, link, left = answer, s.link, s.left
    deviation = _deviation(link, left, scope) if scope.allows(DEVIATION.code) else None
    if deviation is not None and claim.value > 0:
        root = sympy.sqrt(claim.value)
        scope.bindings[deviation] = root
        shown = f"{show(deviation)} = {show(root)}"
        message = f"{shown} is used in this block (a standard deviation, σ > 0)"
        return make(OK, message, readings=(DEVIATION.code,))
    if scope.allows(NAMED_IN_CHAIN.code) and _named_in_chain(link, left, scope):
        scope.bindings[left] = claim.value
        message = f"{show(left)} = {show(claim.value)} is used in this block"
        return make(OK, message, readings=(NAMED_IN_CHAIN.code,))
    slack = rounding_of(s.left_reading, scope) if scope.allows(ROUNDED_SIDES.code) else ZERO
    a_value, earlier = scope.with_earlier_values(s.a, scope.allows(EARLIER_VALUES.code))
    origin = scope.origin or (scope.earlier_origin if earlier else None)
    approx = link.relation in APPROXIMATE
    bits = in_bits_here(scope, link) and scope.allows(BITS.code)
    claimed = value_claim(
        a_value, claim, approx, origin, make, s.note + earlier_note(earlier), slack, bits,
        lg=scope.allows(LG.code),
    )
    return claimed.resting_on(EARLIER_VALUES.code) if earlier else claimed


def _identity(s: _Sides, scope: Scope, final: bool, bare: BareReading) -> Answer | None:
    """The identity judged; under a bare name read from a definition (R306), a failure is
    withheld as what it is."""
    found = _compare_sides(s, scope, final, bare)
    if found is None or not s.uncertain:
        return found
    found = found.resting_on(BARE_DEFINED.code)
    if found.status != FAILS:
        return found
    message = "the sides differ reading " + _bare_text(bare) + ", the arguments left out"
    return replace(found, withheld=answer(UNCHECKED, message, reason="undefined"))


def _compare_sides(s: _Sides, scope: Scope, final: bool, bare: BareReading) -> Answer | None:
    """Both sides compared at every instantiation of their bounds: the identity holds, holds
    for one size only, needs a substitution or earlier values, waits, or fails."""
    make, link, a, b, note = answer, s.link, s.a, s.b, s.note
    outcome = compare(a, b, link.text, frozenset(scope.facts))
    if outcome is None:
        chained = _by_chain_rule(link, a, b, scope, make, note, s.loose)
        if chained is not None:
            return chained
        message = "the two sides cannot be evaluated at positive real points"
        return make(UNCHECKED, message, reason="not-evaluable", readings=(IDENTITY.code,))
    holding, failing = outcome
    sized: tuple[str, ...] = ()
    if failing and scope.allows(ONE_SIZED.code):  # Σ_i over one term proves nothing about Σ_i
        kept = [h for h in holding if not (one_term(h) or one_sized(h, a, b))]
        sized, holding = ((ONE_SIZED.code,) if kept != holding else ()), kept
    if holding and not failing:
        return make(OK, holds_message(a, b, holding) + note, readings=(IDENTITY.code,))
    if holding and bare:
        message = "holds for some sizes only, reading " + _bare_text(bare)
        return make(UNCHECKED, message, reason="undefined", readings=(IDENTITY.code,))
    if holding and scope.allows(INSTANCE.code):
        scope.bindings.update(holding[0])
        message = f"holds for {instance_text(holding[0])}, used from here on{note}"
        return make(OK, message, readings=(INSTANCE.code,))
    if (a.has(LG_BASE) or b.has(LG_BASE)) and scope.allows(LG.code):
        return lg_link(link, a, b, make, note).resting_on(LG.code)
    found = _substitution(link, a, b, scope, make) if scope.allows(SUBSTITUTION.code) else None
    if found is not None:
        return found.resting_on(SUBSTITUTION.code)
    if scope.allows(EARLIER_SIDES.code):
        found = at_earlier_values(link, a, b, scope, make, note)
        if found is not None:
            return found.resting_on(EARLIER_SIDES.code)
    pending = _undefined(a, b, scope)
    if pending is not None:
        return _pending(a, b, pending, final)
    finding = _verdict(link, a, b, failing, scope, make, note, s.loose)
    finding = finding.resting_on(IDENTITY.code, *sized)
    if finding.status == FAILS and s.loose:
        d = next(d for d in scope.used(s.left, s.right) if d.loose)
        message = (
            f"the sides differ with {show(d.symbol)} as defined on line {d.line}, which uses"
            " its index as a number (a typo there?)"
        )
        withheld = answer(UNCHECKED, message, reason="definition")
        return replace(finding.resting_on(LOOSE_DEFINITION.code), withheld=withheld)
    return finding


def _pending(a: sympy.Expr, b: sympy.Expr, pending: sympy.Basic, final: bool) -> Answer | None:
    """A name the section has not defined: wait for its end, then say so."""
    if not final:
        return None
    if all(isinstance(side, (sympy.Symbol, Indexed)) for side in (a, b)):
        message = f"a condition on names this section does not define (${show(a)} = {show(b)}$)"
        return answer(UNCHECKED, message, reason="condition")  # "equal when q = p"
    return answer(UNCHECKED, f"{show(pending)} is not defined in this section", reason="undefined")


_ORDER_TERM = re.compile(
    r"[+-]\s*(?:\\mathcal\s*\{\s*O\s*\}|\\mathrm\s*\{\s*O\s*\}|O)\s*(?:\\left)?\s*\("
)
"""``+ O(x^3)``, ``+ \\mathcal{O}(\\epsilon^2)``: a series cut at an order (asymptotic only)."""


def _order_term(link: Link) -> bool:
    return bool(_ORDER_TERM.search(link.left.latex) or _ORDER_TERM.search(link.right.latex))

_D = r"(?:\\mathrm\s*\{\s*d\s*\}|d)"
_DIFFERENTIATES = re.compile(
    rf"\\partial|\\nabla|\\d?frac\s*\{{\s*{_D}(?:[^{{}}]|\{{[^{{}}]*\}})*\}}\s*\{{\s*{_D}"
)
"""A link that writes a derivative claims it (``\\frac{d\\sigma}{dz} = …``), even once it is
carried out: not a lone equation to solve."""
_APPLIED_DERIVATIVE = re.compile(r"\\d?frac\{[^{}]*\}\{[^{}]*\}\s*(?:\\left)?\s*\(")
"""``\\frac{dg}{dx}(f(w))``: a derivative applied to a point, g' at f(w)."""


def _bare_text(bare: BareReading) -> str:
    """In the order ``applied_bare`` read the names (a fixed one: reports never vary)."""
    return ", ".join(f"${show(n)}$ as ${show(f)}$" for n, f in bare.items())


def _optima(a: sympy.Expr, b: sympy.Expr, make: Make, note: str) -> Answer:
    """``\\arg\\max_\\theta f = \\arg\\min_\\theta g``: ok when one objective is a known increasing
    (or, for max against min, decreasing) function of the other; else unchecked."""
    why = same_optimum(a, b) if is_optimum(a) and is_optimum(b) else None
    if why is None:
        return make(UNCHECKED, "an argmax or argmin derivetex cannot relate", reason="optimum")
    return make(OK, f"the same optimum: {why}" + note)


def _by_chain_rule(
    link: Link, a: sympy.Expr, b: sympy.Expr, scope: Scope, make: Make, note: str, loose: bool
) -> Answer | None:
    """``ok`` when the link holds once the names it differentiates are read as functions of
    the variables (``judge.leibniz``); never under a definition that looks mistyped."""
    if loose or not scope.allows(CHAIN_RULE.code):
        return None
    chain = holds_by_chain_rule(a, b, link.text, frozenset(scope.facts))
    if not chain:
        return None
    return make(OK, f"holds by the chain rule, reading {chain}" + note, readings=(CHAIN_RULE.code,))


def _tuples_agree(link: Link, left: sympy.Tuple, right: sympy.Tuple, make: Make) -> Answer:
    """``[\\frac{2.718}{23.804}, …] = [0.114, …]``: numbers, component by component."""
    outcome = check_components(sympy.Symbol("_v"), right, link.right.latex, {}, left)
    if outcome is None:
        return make(UNCHECKED, "vector or matrix algebra is not checked", reason="vector")
    ok, message = outcome
    return make(OK if ok else FAILS, message)


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


def _vector_claim(
    link: Link, left: sympy.Expr, right: sympy.Tuple, scope: Scope, make: Make
) -> Answer:
    """A vector of numbers claimed for an expression in names with components."""
    formula, line = scope.formulas.get(left, (left, None))
    known = {**scope.earlier, **scope.bindings}
    outcome = check_components(scope.resolve(formula), right, link.right.latex, known)
    if outcome is None:
        return make(UNCHECKED, "vector or matrix algebra is not checked", reason="vector")
    ok, message = outcome
    if line is not None:
        message += f" (with ${show(left)} = {show(formula)}$ as on line {line})"
    return make(OK if ok else FAILS, message)




def _verdict(
    link: Link,
    a: sympy.Expr,
    b: sympy.Expr,
    failing: list[Instance],
    scope: Scope,
    make: Make,
    note: str,
    loose: bool,
) -> Answer:
    """The link does not hold as an identity: error, equation or unchecked.

    A name on one side only, defined nowhere in the section (an alias, or a name defined in
    prose), makes the link unchecked rather than an error."""
    first = failing[0] if failing else {}
    ea, eb = carry_out(num.expand_bounds(a, first)), carry_out(num.expand_bounds(b, first))
    written_a, written_b = ea, eb
    free_a, free_b = free_indices(ea), free_indices(eb)
    indices = num.index_values(ea, eb)
    ea, eb = num.put_in(ea, indices[0]), num.put_in(eb, indices[0])
    if {str(t) for t in opaque(ea)} != {str(t) for t in opaque(eb)}:
        chained = _by_chain_rule(link, a, b, scope, make, note, loose)
        if chained is not None:
            return chained
        names = ", ".join(sorted({show(t) for t in opaque(ea) ^ opaque(eb)}))[:120]
        return make(UNCHECKED, f"relates terms derivetex cannot expand: {names}", reason="opaque")
    normalised = holds_if_normalised(a, b, link.text) if scope.allows(NORMALISED.code) else None
    if normalised is not None:
        where = scope.facts.get(normalised)
        fact = f"\\sum {show(normalised)} = 1"
        if where is not None:
            message = f"holds with ${fact}$ (line {where})" + note
            return make(OK, message, readings=(NORMALISED.code,))
        message = f"holds only if ${fact}$, which this section does not state"
        return make(UNCHECKED, message, reason="fact", readings=(NORMALISED.code,))
    case = None
    if scope.allows(INDEX_CASE.code):
        case = _index_case(a, b, written_a, written_b, failing, link.text, scope)
    if case is not None:
        message = f"holds when ${case}$, a case this check does not know was taken"
        return make(UNCHECKED, message, reason="condition", readings=(INDEX_CASE.code,))
    cause = likely_cause(a, b, failing, link.text)
    if not cause and free_a != free_b:
        message = "the sides have different free indices (an implicit sum?)"
        return make(UNCHECKED, message, reason="indices")
    if names_of(ea) and not names_of(eb) or names_of(eb) and not names_of(ea):
        message = "one side is a number, the other has names with no value here"
        return make(UNCHECKED, message, reason="no-value")
    fresh = names_of(ea) ^ names_of(eb)  # definitions are expanded: these are defined nowhere
    if not cause and fresh:
        only = ", ".join(sorted(show(n) for n in fresh))[:100]
        message = f"a name on one side only ({only}), defined nowhere in this section"
        return make(UNCHECKED, message, reason="undefined")
    derivative = a.has(sympy.Derivative) or b.has(sympy.Derivative)
    lone = not link.chained and not cause and not derivative
    if lone and scope.allows(EQUATION.code) and not _DIFFERENTIATES.search(link.text):
        return _equation(link, a, b, scope, make).resting_on(EQUATION.code)
    expected = _expected(a)
    message = "the two sides differ" + (f"; likely cause: {cause}" if cause else "")
    return make(FAILS, message + expected + note, cause)


def _index_case(
    a: sympy.Expr,
    b: sympy.Expr,
    written_a: sympy.Expr,
    written_b: sympy.Expr,
    failing: list[Instance],
    seed: str,
    scope: Scope,
) -> str | None:
    """The index case (``i \\neq j``) the link holds in, at the smallest failing bound or,
    for indices that differ, at the largest: with K = 1 no two indices i ≠ j are both ≤ K, so
    only a larger K shows a softmax Jacobian's i ≠ j case (an i = j case shows at K = 1)."""
    facts = frozenset(scope.facts)
    case = index_case(written_a, written_b, seed, facts)
    if case is not None or len(failing) < 2:
        return case
    last = failing[-1]
    wa, wb = carry_out(num.expand_bounds(a, last)), carry_out(num.expand_bounds(b, last))
    case = index_case(wa, wb, seed, facts)
    return case if case is not None and "\\neq" in case else None


def _equation(link: Link, a: sympy.Expr, b: sympy.Expr, scope: Scope, make: Make) -> Answer:
    """A lone equation such as ``e^z(1-P) = P``: it may rearrange the one before it."""
    difference = a - b
    before = scope.equation
    scope.equation = (difference, link.right.line)
    if before is not None and proportional(difference, before[0], link.text):
        return make(OK, f"an equation equivalent to the one on line {before[1]}")
    return make(UNCHECKED, "an equation (a condition), not an identity", reason="equation")


def _expected(a: sympy.Expr) -> str:
    """What the left-hand side is, when that is short enough to help."""
    try:
        shown = show(sympy.expand(carry_out(a)))
    except (TypeError, ValueError, ArithmeticError):
        return ""
    return f"; the left-hand side is ${shown}$" if len(shown) <= 90 else ""


def _defines(link: Link, left: sympy.Expr, right: sympy.Expr) -> bool:
    """A name opening a chain (``L``, ``a_n``, ``y_{ik}``, ``\\sigma(z)``, ``NLL``) defines it."""
    if not link.opens_chain or link.relation in ORDER:
        return False
    if link.relation in APPROXIMATE and not (isinstance(left, sympy.Symbol) and right.is_number):
        return False  # x ≈ 1.28 gives x a value, as x = 1.28 does; nothing else does
    if isinstance(right, sympy.Symbol) or left == vector_links.WRITTEN_OUT:
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


def _value_at_known_names(
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


def _at_a_point(left: sympy.Expr) -> bool:
    """An undefined function at a point or an event (``P(X=0)``, ``f(1)``, ``H(X|Y=1)``): not
    a definition of the function, but it can be given a value."""
    return isinstance(left, AppliedUndef) and not all(_parameter(x) for x in left.args)


def _given_value(
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


def _log_of_application(left: sympy.Expr) -> sympy.Expr | None:
    """``p(x \\mid \\mu, \\sigma)`` when ``left`` is its log: ``\\log p(x \\mid \\theta) = …``
    opening a chain defines the density as well as its log."""
    if isinstance(left, sympy.log) and isinstance(left.args[0], AppliedUndef):
        return left.args[0]
    return None


def _define(link: Link, name: sympy.Expr, right: sympy.Expr, scope: Scope, make: Make) -> Answer:
    resolved = num.expand_bounds(scope.resolve(right), {})
    numeric = not num.unknowns(resolved) and not opaque(resolved)
    exact = num.value(resolved, {}) if numeric else None
    if exact is not None and not isinstance(name, AppliedUndef):
        scope.bindings[name] = resolved
        shown = show(resolved) if resolved.is_Rational else decimal(exact, 6)
        return make(OK, f"{show(name)} = {shown} is used in this block")
    old = scope.definitions.get(Definition(name, right, 0, "").key)
    if old is not None and old.instance(name) is not None:
        outcome = compare(*same_outcomes(scope.resolve(name), scope.resolve(right)), link.text)
        if outcome is not None and outcome[0] and not outcome[1]:
            return make(OK, f"agrees with the definition of {show(name)} on line {old.line}")
    if old is None and scope.built_in(name):
        outcome = compare(*same_outcomes(scope.resolve(name), scope.resolve(right)), link.text)
        if outcome is not None and outcome[0] and not outcome[1]:
            return make(OK, f"agrees with what {show(name)} means (its usual definition)")
        if isinstance(right, (sympy.Symbol, Indexed)) and not scope.defines(right):
            scope.define(Definition(right, name, link.left.line, link.left.latex))
            return make(OK, f"names {show(name)} {show(right)}")  # σ(z_i) = P_i
    scope.define(Definition(name, right, link.left.line, link.right.latex))
    vector_links.learn(link, scope)
    if old is not None:
        return make(OK, f"defines {show(name)} (replacing line {old.line})")
    return make(OK, f"defines {show(name)}")


def _updates(name: sympy.Expr, right: sympy.Expr) -> bool:
    """``t = t + 1``, ``w = w - \\alpha v``: the name itself on the right (not only as the base
    of its components, ``w = w_1 + w_2``)."""
    if isinstance(name, Indexed):
        return right.has(name)
    return name in num.unknowns(right)


def _deviation(link: Link, left: sympy.Expr, scope: Scope) -> sympy.Basic | None:
    """σ in ``\\sigma^2 = 4`` opening a chain, σ with no value or definition yet: a variance
    given, so the standard deviation σ (positive by its meaning) is its square root."""
    if not (link.opens_chain and isinstance(left, sympy.Pow) and left.exp == 2):
        return None
    base = left.base
    name = base.base.label if isinstance(base, Indexed) else base
    if not (isinstance(base, (sympy.Symbol, Indexed)) and str(name) == r"\sigma"):
        return None
    if scope.defines(base) or base in scope.bindings or base in scope.earlier:
        return None
    return base


def _named_in_chain(link: Link, left: sympy.Expr, scope: Scope) -> bool:
    """``\\sigma_2`` in ``\\sigma_1 = \\sigma_2 = 1``: a name later in a chain, with no value
    or definition yet, takes the number the chain ends with."""
    if link.opens_chain or not isinstance(left, (sympy.Symbol, Indexed)):
        return False
    if isinstance(left, Indexed) and not all(i.is_Integer for i in left.indices):
        return False
    return not scope.defines(left) and left not in scope.bindings and left not in scope.earlier


def _pairs(
    link: Link, names: sympy.Tuple, items: sympy.Tuple, scope: Scope, make: Make
) -> Answer:
    """``(x, y) = (1.1, 0.9)`` gives x and y their values for this block."""
    plain = all(isinstance(n, (sympy.Symbol, Indexed)) for n in names.args)
    if not plain and all(n.is_number for n in names.args):
        return _tuples_agree(link, names, items, make)
    if len(names) != len(items) or not plain or not all(is_number(i) for i in items.args):
        return make(UNCHECKED, "vector or matrix algebra is not checked", reason="vector")
    values = dict(zip(names.args, items.args, strict=True))
    scope.bindings.update(values)
    return make(OK, f"gives {listing(values)}")


def _substitution(
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


def _undefined(a: sympy.Expr, b: sympy.Expr, scope: Scope) -> sympy.Basic | None:
    """A symbol, not yet defined, that is all one side has and the other lacks."""
    first = instantiations(a, b)[0]
    ua, ub = num.unknowns(num.expand_bounds(a, first)), num.unknowns(num.expand_bounds(b, first))
    for mine, theirs in ((ua, ub), (ub, ua)):
        if len(mine) == 1:
            (only,) = mine
            key = only.base if isinstance(only, Indexed) else only
            if (
                only not in theirs
                and key not in scope.definitions
                and only not in scope.definitions
            ):
                return only
    return None



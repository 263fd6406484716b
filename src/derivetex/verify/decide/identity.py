"""An identity between the two sides of a link, definitions put in (R002): compared at every
instantiation of its bounds; holds, holds for one size (R202), needs a substitution or earlier
values, waits for a later definition, or fails -- and then is it a claimed step, an equation
(R007), a case of its indices (R204), or an error whose slip ``judge.diagnosis`` names?"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy
from sympy.tensor.indexed import Indexed

from derivetex.judge import numeric as num
from derivetex.judge.claims import Claim
from derivetex.judge.diagnosis import wrong_factor
from derivetex.judge.show import show
from derivetex.judge.terms import carry_out, opaque
from derivetex.reader.names import LG_BASE
from derivetex.verify.decide import relation, vector
from derivetex.verify.decide.claim import (
    agree,
    at_earlier_values,
    claimed_value,
    lg_link,
)
from derivetex.verify.decide.comparing import (
    case_of_indices,
    compare,
    expected_text,
    free_indices,
    holds_by_chain_rule,
    holds_if_normalised,
    holds_message,
    instance_text,
    instantiations,
    is_number,
    likely_cause,
    names_of,
    one_sized,
    one_term,
    proportional,
)
from derivetex.verify.decide.definition import substitution
from derivetex.verify.decide.optima import is_optimum
from derivetex.verify.decide.read_link import ReadLink
from derivetex.verify.decide.relation import optima_link
from derivetex.verify.decide.stated_base import natural_instead
from derivetex.verify.decide.vector import tuples_agree, vector_claim
from derivetex.verify.decide.verdict import FAILS, Answer, Make, answer
from derivetex.verify.links.rows import APPROXIMATE, ORDER, Link
from derivetex.verify.readings.bare import BareReading
from derivetex.verify.readings.catalog import (
    BARE_DEFINED,
    CHAIN_RULE,
    DOT_PRODUCT,
    EARLIER_SIDES,
    EQUATION,
    IDENTITY,
    INDEX_CASE,
    INSTANCE,
    LG,
    LOOSE_DEFINITION,
    NORMALISED,
    NUMERIC_CLAIM,
    ONE_SIZED,
    SUBSTITUTION,
)
from derivetex.verify.readings.dot_products import as_dot_products
from derivetex.verify.readings.information import constant_expectations, same_outcomes
from derivetex.verify.readings.side import Reading, read
from derivetex.verify.report import OK, UNCHECKED
from derivetex.verify.scope import Definition, Scope

Instance = dict[sympy.Symbol, sympy.Integer]


def judge(read: ReadLink, scope: Scope, final: bool, bare: BareReading) -> Answer | None:
    """An identity, a claim or a relation between the two sides, definitions put in."""
    link, left, right, claim = read.link, read.left, read.right, read.claim
    a, b = same_outcomes(*constant_expectations(scope.resolve(left), scope.resolve(right)))
    dotted = as_dot_products(a, b) if scope.allows(DOT_PRODUCT.code) else (a, b)
    dot_note = " (reading the product of the vectors as their dot product)"
    dot_note = dot_note if dotted != (a, b) else ""
    a, b = dotted
    used = scope.used(left, right)
    loose = any(d.loose for d in used) and scope.allows(LOOSE_DEFINITION.code)
    note = f" (reading {bare_text(bare)})" if bare else ""
    note += "".join(f" (with {show(d.symbol)} as defined on line {d.line})" for d in used)
    note += dot_note
    unsure = uncertain(link, bare)
    sides = _Sides(link, left, right, read.left_reading, read.right_reading, a, b, note, loose,
                   unsure)
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


def uncertain(link: Link, bare: BareReading) -> bool:
    certain = bare.differentiated and not APPLIED_DERIVATIVE.search(link.text)
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
    gradient = vector.gradient(link, scope, make)  # ∇_Σ log|Σ|: Σ is a scalar to SymPy
    if gradient is not None:
        return gradient
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
        algebra or not vector.elementwise(s.left_reading, s.right_reading, a, b)
    ):
        return _vector_algebra(s, scope)
    if is_optimum(a) or is_optimum(b):
        return optima_link(a, b, make, note)
    if link.relation in ORDER:
        return relation.order(link, a, b, scope, make)
    if claim is not None and not scope.allows(NUMERIC_CLAIM.code):
        return make(UNCHECKED, "a numeric claim (claims are not read: R003 is disabled)",
                    reason="disabled")
    if claim is not None:
        return claimed_value(s.link, s.left, s.left_reading, s.a, s.note, claim, scope)
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
    if isinstance(right, sympy.Tuple) and not isinstance(left, sympy.Tuple):
        return vector_claim(link, left, right, scope, make)
    if isinstance(left, sympy.Tuple) and isinstance(right, sympy.Tuple):
        return tuples_agree(link, left, right, make)
    in_order = vector.in_order(link, scope, make)  # first: (AB)^T and A^T B^T read alike
    if in_order is not None:
        return in_order
    if a == b and not a.has(vector.WRITTEN_OUT):
        return make(OK, "the two sides are the same expression" + s.note)
    generic = vector.for_every_vector(link, s.left_reading, s.right_reading, scope, make)
    if generic is not None:
        return generic
    return make(UNCHECKED, "vector or matrix algebra is not checked", reason="vector")


def _identity(s: _Sides, scope: Scope, final: bool, bare: BareReading) -> Answer | None:
    """The identity judged; under a bare name read from a definition (R306), a failure is
    withheld as what it is."""
    found = _compare_sides(s, scope, final, bare)
    if found is None or not s.uncertain:
        return found
    found = found.resting_on(BARE_DEFINED.code)
    if found.status != FAILS:
        return found
    message = "the sides differ reading " + bare_text(bare) + ", the arguments left out"
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
        message = "holds for some sizes only, reading " + bare_text(bare)
        return make(UNCHECKED, message, reason="undefined", readings=(IDENTITY.code,))
    if holding and scope.allows(INSTANCE.code):
        scope.bindings.update(holding[0])
        message = f"holds for {instance_text(holding[0])}, used from here on{note}"
        return make(OK, message, readings=(INSTANCE.code,))
    if (a.has(LG_BASE) or b.has(LG_BASE)) and scope.allows(LG.code):
        return lg_link(link, a, b, make, note).resting_on(LG.code)
    found = substitution(link, a, b, scope, make) if scope.allows(SUBSTITUTION.code) else None
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


_D = r"(?:\\mathrm\s*\{\s*d\s*\}|d)"


_DIFFERENTIATES = re.compile(
    rf"\\partial|\\nabla|\\d?frac\s*\{{\s*{_D}(?:[^{{}}]|\{{[^{{}}]*\}})*\}}\s*\{{\s*{_D}"
)
"""A link that writes a derivative claims it (``\\frac{d\\sigma}{dz} = …``), even once it is
carried out: not a lone equation to solve."""


APPLIED_DERIVATIVE = re.compile(r"\\d?frac\{[^{}]*\}\{[^{}]*\}\s*(?:\\left)?\s*\(")
"""``\\frac{dg}{dx}(f(w))``: a derivative applied to a point, g' at f(w)."""


def bare_text(bare: BareReading) -> str:
    """In the order ``applied_bare`` read the names (a fixed one: reports never vary)."""
    return ", ".join(f"${show(n)}$ as ${show(f)}$" for n, f in bare.items())


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
        case = case_of_indices(
            a, b, written_a, written_b, failing, link.text, frozenset(scope.facts)
        )
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
    expected = expected_text(a)
    cause = natural_instead(link, scope) or cause or likely_cause(
        a, b, failing, link.text, wrong_factor)
    message = "the two sides differ" + (f"; likely cause: {cause}" if cause else "")
    return make(FAILS, message + expected + note, cause)


def _equation(link: Link, a: sympy.Expr, b: sympy.Expr, scope: Scope, make: Make) -> Answer:
    """A lone equation such as ``e^z(1-P) = P``: it may rearrange the one before it."""
    difference = a - b
    before = scope.equation
    scope.equation = (difference, link.right.line)
    if before is not None and proportional(difference, before[0], link.text):
        return make(OK, f"an equation equivalent to the one on line {before[1]}")
    return make(UNCHECKED, "an equation (a condition), not an identity", reason="equation")


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

"""Links whose sides are numbers: a claimed value (``= 1.108663``), two numeric sides, the
same at values bound in earlier blocks; at the precision the decimals written allow, in bits
where the document works in bits, and with ``\\lg`` in either base.

``checking`` decides which of these a link is; this module says whether the numbers agree.
"""

from __future__ import annotations

import sympy
from sympy.tensor.indexed import Indexed

from derivetex.judge import numeric as num
from derivetex.judge.claims import Claim, check_claim, rounding_slack
from derivetex.judge.diagnosis import diagnose, to_base
from derivetex.judge.show import decimal, show
from derivetex.judge.terms import carry_out, opaque
from derivetex.reader.names import BARE_LOG, LG_BASE, reading_bare_log_in, writes_natural_log
from derivetex.verify.decide.comparing import compare, holds_message, is_number, listing
from derivetex.verify.decide.verdict import FAILS, Answer, Make, answer
from derivetex.verify.links.rows import APPROXIMATE, Link
from derivetex.verify.readings.catalog import (
    BITS,
    DEVIATION,
    EARLIER_VALUES,
    LG,
    NAMED_IN_CHAIN,
    NUMERIC_CLAIM,
    ROUNDED_SIDES,
)
from derivetex.verify.readings.side import Reading, read
from derivetex.verify.report import OK, UNCHECKED
from derivetex.verify.scope import Scope

Origin = tuple[sympy.Expr, dict[sympy.Basic, sympy.Basic]] | None
"""Where a value came from: the expression and the values substituted into it."""


def rounding_of(reading: Reading, scope: Scope) -> sympy.Basic:
    """How far the rounding of the decimals written in a side can move its value."""
    if not reading.literals or reading.rounded is None:
        return sympy.Integer(0)
    rounded, _ = scope.with_earlier_values(scope.resolve(reading.rounded))
    return rounding_slack(rounded, reading.literals)


def value_claim(
    a: sympy.Expr,
    claim: Claim,
    approx: bool,
    origin: Origin,
    make: Make,
    note: str,
    slack: sympy.Basic,
    bits: bool = False,
    lg: bool = True,
) -> Answer:
    """``a = 1.108663``: the value of ``a`` against the number claimed, at the precision
    written (``slack``), in bits when the document works in bits (``bits``), ``\\lg`` in
    either base (``lg``)."""
    if num.bound_symbols(a):
        names = ", ".join(sorted(map(str, num.bound_symbols(a))))
        message = f"the value depends on {names}, which has no value here"
        return make(UNCHECKED, message, reason="no-value")
    expanded = carry_out(num.expand_bounds(a, {}))
    if expanded.has(LG_BASE) and lg:
        return _lg_claim(expanded, claim, approx, make, note, slack).resting_on(LG.code)
    free = num.unknowns(expanded) | opaque(expanded)
    if free:
        names = ", ".join(show(f) for f in sorted(free, key=sympy.default_sort_key))[:120]
        message = f"the value depends on {names}, which no earlier link gives a value"
        return make(UNCHECKED, message, reason="no-value")
    verdict = check_claim(expanded, claim, approx, origin, slack)
    if verdict is None:
        return make(UNCHECKED, "the left-hand side has no real value", reason="not-evaluable")
    if not verdict.ok and bits and expanded.has(sympy.log):
        in_bits = check_claim(to_base(expanded, 2), claim, approx, None, slack)
        if in_bits is not None and in_bits.ok:
            message = in_bits.message + " with log read as log₂ (the document works in bits)"
            return make(OK, message, readings=(BITS.code,))
    return make(OK if verdict.ok else FAILS, verdict.message + note, verdict.cause)


def _lg_claim(
    expanded: sympy.Expr,
    claim: Claim,
    approx: bool,
    make: Make,
    note: str,
    slack: sympy.Basic,
) -> Answer:
    """A number from ``\\lg``: right when it holds with lg read as log₂ or as log₁₀; an error
    only when it holds in neither."""
    verdicts = []
    for base, name in ((2, "log₂"), (10, "log₁₀")):
        at_base = expanded.xreplace({LG_BASE: sympy.Integer(base)})
        if num.unknowns(at_base) or opaque(at_base):
            return make(UNCHECKED, "the value depends on names with no value", reason="no-value")
        verdict = check_claim(at_base, claim, approx, None, slack.xreplace({LG_BASE: base}))
        if verdict is None:
            return make(UNCHECKED, "the left-hand side has no real value", reason="not-evaluable")
        if verdict.ok:
            return make(OK, f"{verdict.message} reading \\lg as {name}" + note)
        verdicts.append(verdict)
    return make(FAILS, verdicts[0].message + " reading \\lg as log₂ (or log₁₀)" + note)


def lg_link(link: Link, a: sympy.Expr, b: sympy.Expr, make: Make, note: str) -> Answer:
    """A link with ``\\lg`` that fails in a base of its own: ``ok`` when it holds with lg as
    log₂ or as log₁₀ (``\\lg 8 = \\log_2 8``), else unchecked: which base is meant decides."""
    for base, name in ((2, "log₂"), (10, "log₁₀")):
        at_base = {LG_BASE: sympy.Integer(base)}
        outcome = compare(a.xreplace(at_base), b.xreplace(at_base), link.text)
        if outcome is not None and outcome[0] and not outcome[1]:
            return make(OK, f"{holds_message(a, b, outcome[0])} reading \\lg as {name}" + note)
    message = "the sides differ with \\lg read as log₂ and as log₁₀"
    return make(UNCHECKED, message, reason="not-evaluable")


def agree(
    link: Link,
    a: sympy.Expr,
    b: sympy.Expr,
    left: Reading,
    right: Reading,
    scope: Scope,
    make: Make,
    note: str,
) -> Answer:
    """Two numeric sides, equal at the precision of the decimals written in them."""
    x = num.value(carry_out(num.expand_bounds(a, {})), {})
    y = num.value(carry_out(num.expand_bounds(b, {})), {})
    if x is None or y is None:
        message = "a side cannot be evaluated to a real number"
        return make(UNCHECKED, message, reason="not-evaluable")
    slack = sympy.Integer(0)
    if scope.allows(ROUNDED_SIDES.code):
        slack = rounding_of(left, scope) + rounding_of(right, scope)
    rounded = (ROUNDED_SIDES.code,) if slack else ()
    if link.relation in APPROXIMATE and not slack:
        slack = sympy.Rational(1, 10**6) * max(1, abs(x))
    if num.within(x, y, slack):
        how = " at the precision shown" if slack else ""
        return make(OK, f"the two sides are equal{how}" + note, readings=rounded)
    if in_bits_here(scope, link) and scope.allows(BITS.code) and _equal_in_bits(a, b, slack):
        message = "the two sides are equal with log read as log₂ (the document works in bits)"
        return make(OK, message + note, readings=(BITS.code, *rounded))
    cause = diagnose(a, b, link.text)
    message = (
        f"the two sides differ: the left-hand side is {decimal(x, 6)}, the right {decimal(y, 6)}"
    )
    message += (f"; likely cause: {cause}" if cause else "") + note
    return make(FAILS, message, cause, readings=rounded)


def in_bits_here(scope: Scope, link: Link) -> bool:
    """Whether a bare log of ``link`` may be read as log₂: the document states that base, and
    the link does not write ``\\ln`` (the natural log by notation, never re-based)."""
    return scope.bits and not writes_natural_log(link.text)


def _equal_in_bits(a: sympy.Expr, b: sympy.Expr, slack: sympy.Basic) -> bool:
    """Whether the sides agree once a bare log on either side (or both) is read as log₂:
    ``2^{H(p)} = 2^{1.5}`` with H(p) written with a bare log in a text about bits."""
    if not (a.has(sympy.log) or b.has(sympy.log)):
        return False
    for u, v in ((to_base(a, 2), b), (a, to_base(b, 2)), (to_base(a, 2), to_base(b, 2))):
        x = num.value(carry_out(num.expand_bounds(u, {})), {})
        y = num.value(carry_out(num.expand_bounds(v, {})), {})
        if x is None or y is None:
            continue
        if num.within(x, y, slack):
            return True
    return False


def at_earlier_values(
    link: Link, a: sympy.Expr, b: sympy.Expr, scope: Scope, make: Make, note: str
) -> Answer | None:
    """A number on one side, and the other side a number at values bound in earlier blocks."""
    if is_number(a) == is_number(b):
        return None
    (x, used_a), (y, used_b) = scope.with_earlier_values(a), scope.with_earlier_values(b)
    if not (used_a or used_b) or not (is_number(x) and is_number(y)):
        return None
    if num.equal_everywhere(x, y, link.text):
        return make(OK, "the two sides are equal" + note + earlier_note({**used_a, **used_b}))
    if _within_rounding(link, x, y, scope):
        shown = " at the precision shown" + note + earlier_note({**used_a, **used_b})
        return make(OK, "the two sides are equal" + shown)
    return None  # never an error: the earlier values may belong to another example


def _within_rounding(link: Link, x: sympy.Expr, y: sympy.Expr, scope: Scope) -> bool:
    """``H(P, Q) - H(P) = 1.280 - 1.157``: equal within what rounding the decimals written
    on the sides can move them."""
    functions = scope.function_names()
    slack = sum((rounding_of(read(p.latex, functions), scope) for p in (link.left, link.right)),
                sympy.Integer(0))
    if not slack:
        return False
    u = num.value(carry_out(num.expand_bounds(x, {})), {})
    v = num.value(carry_out(num.expand_bounds(y, {})), {})
    if u is None or v is None:
        return False
    return num.within(u, v, slack)


def earlier_note(values: dict[sympy.Basic, sympy.Basic]) -> str:
    return f" (with the values bound earlier: {listing(values)})" if values else ""


ZERO = sympy.Integer(0)


def claimed_value(
    link: Link,
    left: sympy.Expr,
    left_reading: Reading,
    a: sympy.Expr,
    note: str,
    claim: Claim,
    scope: Scope,
) -> Answer:
    """A number claimed for the left side (resolved: ``a``): a variance, a value down a
    chain, or a claim at the precision shown."""
    make = answer
    deviation = deviation_of(link, left, scope) if scope.allows(DEVIATION.code) else None
    if deviation is not None and claim.value > 0:
        root = sympy.sqrt(claim.value)
        scope.bindings[deviation] = root
        shown = f"{show(deviation)} = {show(root)}"
        message = f"{shown} is used in this block{_replacing(scope.earlier.get(deviation), root)}"
        message += " (a standard deviation, σ > 0)"
        return make(OK, message, readings=(DEVIATION.code,))
    alias = _alias_of_an_earlier_value(link, left, scope)
    if alias is not None and scope.allows(NAMED_IN_CHAIN.code):
        scope.definitions.pop(left, None)
        scope.bindings[left] = claim.value
        message = (f"{show(left)} = {show(claim.value)} is used in this block (it was "
                   f"{show(alias)} = {show(scope.earlier[alias])} in an earlier one)")
        return make(OK, message, readings=(NAMED_IN_CHAIN.code,))
    if scope.allows(NAMED_IN_CHAIN.code) and named_in_chain(link, left, scope):
        scope.bindings[left] = claim.value
        message = f"{show(left)} = {show(claim.value)} is used in this block"
        return make(OK, message, readings=(NAMED_IN_CHAIN.code,))
    slack = rounding_of(left_reading, scope) if scope.allows(ROUNDED_SIDES.code) else ZERO
    a_value, earlier = scope.with_earlier_values(a, scope.allows(EARLIER_VALUES.code))
    origin = scope.origin or (scope.earlier_origin if earlier else None)
    approx = link.relation in APPROXIMATE
    bits = in_bits_here(scope, link) and scope.allows(BITS.code)
    claimed = value_claim(
        a_value, claim, approx, origin, make, note + earlier_note(earlier), slack, bits,
        lg=scope.allows(LG.code),
    ).resting_on(NUMERIC_CLAIM.code, *((ROUNDED_SIDES.code,) if slack else ()))
    if claimed.status == FAILS and scope.log_base is not None:
        claimed = _natural_instead(link, a_value, claim, approx, scope) or claimed
    if claimed.status == FAILS and earlier and claim.value == 0:
        message = (f"{claimed.message}; but = 0 with values of an earlier block is a condition "
                   "to solve (a derivative set to zero), not a claim about those values")
        claimed = make(UNCHECKED, message, reason="condition")

    return claimed.resting_on(EARLIER_VALUES.code) if earlier else claimed


def _natural_instead(
    link: Link, a: sympy.Expr, claim: Claim, approx: bool, scope: Scope
) -> Answer | None:
    """A number wrong with a bare log in the base the settings state, and right with it
    natural (or base 10, a decibel): a wrong log base (DT103), named with where the base
    was stated."""
    base = scope.log_base
    if not BARE_LOG.search(link.left.latex) or base is None:
        return None
    stated = num.value(carry_out(num.expand_bounds(a, {})), {})
    for other, name in ((None, "natural log"), (10, "log₁₀")):
        if other == base or stated is None:
            continue
        value = _value_in_base(link, claim, approx, scope, other)
        if value is None:
            continue
        places = max(claim.decimals, 3)
        message = (
            f"{scope.log_base_from}: a bare \\log is log{_SUBSCRIPT.get(base, f'_{base}')} "
            f"here, so {link.left.latex.strip()} is {_plain(stated, places)}, not {claim.text}; "
            f"{name} gives {_plain(value, places)}"
        )
        cause = (f"log base: {claim.text} is the value with {name}, but "
                 f"{scope.log_base_from} makes a bare \\log base {base}")
        return answer(FAILS, message, cause)
    return None


def _value_in_base(
    link: Link, claim: Claim, approx: bool, scope: Scope, base: int | None
) -> sympy.Expr | None:
    """The left side's value with its bare logs in ``base`` (None: natural), when the claim
    holds so; else ``None``."""
    with reading_bare_log_in(base):
        reading = read(link.left.latex, scope.function_names())
    if reading.expr is None:
        return None
    value, _ = scope.with_earlier_values(scope.resolve(reading.expr),
                                         scope.allows(EARLIER_VALUES.code))
    expanded = carry_out(num.expand_bounds(value, {}))
    if num.unknowns(expanded) or opaque(expanded) or expanded.has(LG_BASE):
        return None
    slack = rounding_of(reading, scope) if scope.allows(ROUNDED_SIDES.code) else ZERO
    verdict = check_claim(expanded, claim, approx, None, slack)
    return expanded if verdict is not None and verdict.ok else None


_SUBSCRIPT = {2: "₂", 10: "₁₀"}


def _plain(value: sympy.Basic, places: int) -> str:
    """``value`` to ``places`` decimals, trailing zeros off (``1``, ``0.693``)."""
    text = decimal(value, places)
    return text.rstrip("0").rstrip(".") if "." in text else text


def deviation_of(link: Link, left: sympy.Expr, scope: Scope) -> sympy.Basic | None:
    """σ in ``\\sigma^2 = 4`` opening a chain, σ with no definition and no value in this
    block: a variance given, so the standard deviation σ (positive by its meaning) is its
    square root. A value an enclosing section gave σ does not make it a claim (a subsection's
    example gives σ a new value, as ``\\mu = 1.5`` after ``\\mu = 0`` does); one this
    section gave does: ``$\\sigma = 2$, so $\\sigma^2 = 4$`` is about that σ."""
    base = variance_base(link, left)
    if base is None or scope.defines(base) or base in scope.bindings:
        return None
    return None if scope.gave_here(base) else base


def _replacing(before: sympy.Basic | None, now: sympy.Expr) -> str:
    """What a new value of σ says of the one an earlier block gave it."""
    if before is None or not is_number(before):
        return ""
    return "" if abs(float(before - now)) < 1e-12 else f" in place of {show(before)} from before"


def variance_base(link: Link, left: sympy.Expr) -> sympy.Basic | None:
    """σ or σ_1 when ``left`` is its square and the link opens a chain, else None."""
    if not (link.opens_chain and isinstance(left, sympy.Pow) and left.exp == 2):
        return None
    base = left.base
    name = base.base.label if isinstance(base, Indexed) else base
    if not (isinstance(base, (sympy.Symbol, Indexed)) and str(name) == r"\sigma"):
        return None
    return base


def _alias_of_an_earlier_value(
    link: Link, left: sympy.Expr, scope: Scope
) -> sympy.Basic | None:
    """z_2 when ``z_1 = 0.75`` opens a chain in a later block and z_1 was only written equal
    to z_2 (``z_1 = z_2 = 0`` at step 1, reading R106): a new value for z_1, as a plain name
    given a number again would be, not a claim about z_2's old one. Not when z_2's value was
    given on this line or the one before (``$z_1 = z_2 = 0$, so $z_1 = 1$``: a claim)."""
    definition = scope.definitions.get(left)
    if not (link.opens_chain and isinstance(left, (sympy.Symbol, Indexed))) or definition is None:
        return None
    alias = definition.expr
    if not isinstance(alias, (sympy.Symbol, Indexed)) or alias in scope.bindings:
        return None
    given = scope.earlier_lines.get(alias)
    if alias not in scope.earlier or (given is not None and scope.line - given <= 1):
        return None
    return alias


def named_in_chain(link: Link, left: sympy.Expr, scope: Scope) -> bool:
    """``\\sigma_2`` in ``\\sigma_1 = \\sigma_2 = 1``: a name later in a chain, with no value
    or definition yet, takes the number the chain ends with."""
    if link.opens_chain or not isinstance(left, (sympy.Symbol, Indexed)):
        return False
    if isinstance(left, Indexed) and not all(i.is_Integer for i in left.indices):
        return False
    return not scope.defines(left) and left not in scope.bindings and left not in scope.earlier

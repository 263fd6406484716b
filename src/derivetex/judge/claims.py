"""Numeric claims (``= 0.510826``, ``\\approx 0.2231``): compare at the precision shown.

A claim with d decimals is right when the exact value rounds to it at d decimals. A wrong
claim is explained by trying the usual slips -- rounding, sign, log base 10 or 2, a term
dropped, added or counted twice -- and reporting the first one that reproduces the claim.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from derivetex.judge.diagnosis import terms, to_base, to_natural
from derivetex.judge.numeric import RELATIVE, value
from derivetex.judge.show import decimal, show

_LITERAL = re.compile(r"^([+-]?)\s*(\d+(?:\.(\d*))?|\.(\d+))$")
_TRAILING_DOTS = re.compile(r"\s*(?:\\[lc]?dots|\.\.\.|…)\s*$")
_WRAPPERS = re.compile(r"\\(?:boxed|mathbf|textbf|underline)(?![A-Za-z])")


ZERO = sympy.Integer(0)


@dataclass(frozen=True)
class Claim:
    """A written number and how many decimals it shows."""

    text: str
    value: sympy.Rational
    decimals: int
    truncated: bool = False


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking a claim: ``cause`` is set only for a wrong claim it explains."""

    ok: bool
    message: str
    cause: str | None = None


def parse_claim(latex: str) -> Claim | None:
    """A plain decimal number such as ``-0.481486``, else ``None``."""
    compact = _WRAPPERS.sub("", latex).replace("{", "").replace("}", "").strip()
    truncated = bool(_TRAILING_DOTS.search(compact))
    compact = _TRAILING_DOTS.sub("", compact).replace(" ", "").replace("\\,", "")
    match = _LITERAL.match(compact)
    if not match or len(compact) > 60:
        return None
    digits = match.group(3) if match.group(3) is not None else (match.group(4) or "")
    return Claim(compact, sympy.Rational(compact), len(digits), truncated)


def check_claim(
    expr: sympy.Expr,
    claim: Claim,
    approximate: bool,
    origin: tuple[sympy.Expr, Mapping[sympy.Basic, sympy.Basic]] | None = None,
    slack: sympy.Basic = ZERO,
) -> Verdict | None:
    """Compare ``claim`` with the exact value of ``expr``; ``None`` if it has no value.

    ``slack`` is how far the rounded numbers written in ``expr`` itself can move its value.
    """
    exact = value(expr, {})
    if exact is None:
        return None
    places = claim.decimals
    shown = decimal(exact, places)
    if _matches(exact, claim, approximate, slack):
        if places == 0 and not approximate:
            return Verdict(True, f"the value is exactly {claim.text}")
        return Verdict(True, f"value {shown}; the claim {claim.text} is right to {places} decimals")
    cause = _cause(expr, exact, claim, origin)
    precise = decimal(exact, max(places, 6))
    message = f"claims {claim.text}, but derivetex computes {precise} (${show(expr)} = {precise}$)"
    if cause:
        message += f"; likely cause: {cause}"
    return Verdict(False, message, cause)


def _tolerance(claim: Claim) -> sympy.Rational:
    unit = sympy.Rational(1, 10**claim.decimals)
    return unit if claim.truncated else unit / 2


def _matches(
    exact: sympy.Basic, claim: Claim, approximate: bool, slack: sympy.Basic = ZERO
) -> bool:
    if claim.decimals == 0 and not approximate and not claim.truncated and slack == 0:
        return bool(abs(exact - claim.value) <= RELATIVE * max(1, abs(claim.value)))
    return bool(abs(exact - claim.value) <= (_tolerance(claim) + slack) * (1 + RELATIVE))


def rounding_slack(
    rounded: sympy.Expr, literals: Mapping[sympy.Basic, tuple[sympy.Rational, int]]
) -> sympy.Basic:
    """How far ``rounded``'s value can move when each decimal written in it is off by up to
    half a unit of its last digit (first order): 0.5 · log(0.556) = 0.5 · (-0.5878) holds."""
    point = {symbol: exact for symbol, (exact, _) in literals.items()}
    total = sympy.Integer(0)
    for symbol, (_, places) in literals.items():
        if symbol not in rounded.free_symbols:
            continue
        rate = value(sympy.diff(rounded, symbol), point)
        if rate is None:
            continue
        total += abs(rate) * sympy.Rational(1, 2 * 10**places)
    return total


def _cause(
    expr: sympy.Expr,
    exact: sympy.Basic,
    claim: Claim,
    origin: tuple[sympy.Expr, Mapping[sympy.Basic, sympy.Basic]] | None,
) -> str | None:
    step = sympy.Rational(1, 10**claim.decimals)
    if claim.decimals and abs(exact - claim.value) <= step * sympy.Rational(3, 2):
        return (
            f"rounding: to {claim.decimals} decimals the value is {decimal(exact, claim.decimals)}"
        )
    for label, variant in _variants(expr, origin):
        candidate = value(variant, {})
        if candidate is not None and _matches(candidate, claim, True):
            return f"{label} (that gives {decimal(candidate, claim.decimals)})"
    return None


def _variants(
    expr: sympy.Expr, origin: tuple[sympy.Expr, Mapping[sympy.Basic, sympy.Basic]] | None
) -> list[tuple[str, sympy.Expr]]:
    found: list[tuple[str, sympy.Expr]] = [("sign flipped", -expr)]
    for base in (10, 2):
        found.append((f"base-{base} logarithms used instead of natural ones", to_base(expr, base)))
        found.append((f"base-{base} logarithms used and the sign flipped", -to_base(expr, base)))
    natural = to_natural(expr)
    if natural != expr:
        found.append(("natural logarithms used where another base is written", natural))
    parts = terms(expr)
    for term in parts if len(parts) > 1 else ():
        found.append((f"term dropped: {show(term)}", expr - term))
    for term in parts:
        found.append((f"term counted twice: {show(term)}", expr + term))
    if origin is not None:
        general, bindings = origin
        for symbol, bound in bindings.items():
            if bound == 0:
                revived = {**bindings, symbol: sympy.Integer(1)}
                label = (
                    f"term added: the term with {show(symbol)} was kept although {show(symbol)} = 0"
                )
                found.append((label, sympy.sympify(general.xreplace(revived))))
    return found

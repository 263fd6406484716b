r"""Vector claims (``\frac{\partial L}{\partial o} = (0.090, -0.755, 0.665)``), by component.

Posts give a vector's values once (``p = (0.090, 0.245, 0.665)``, ``y = (0, 1, 0)``: each
component becomes a value of p_1, p_2, p_3) and later state a vector result. The left side is
read as a formula in names that have such components -- written there (``p - y``) or stated
earlier in the section for the same left side (``\frac{\partial L}{\partial o} = p - y``) --
and its i-th component is that formula with each such name replaced by its i-th component.
Anything else (a name with no components, a matrix product) leaves the link unchecked.
"""

from __future__ import annotations

import re

import sympy
from sympy.tensor.indexed import IndexedBase

from derivetex.judge import numeric as num
from derivetex.judge.claims import Claim, check_claim, parse_claim, rounding_slack
from derivetex.judge.show import decimal

Values = dict[sympy.Basic, sympy.Basic]


def components(expr: sympy.Expr, size: int, known: Values) -> list[sympy.Expr] | None:
    """The ``size`` components of ``expr`` over the names with ``size`` known components;
    ``None`` when no name has them or another name has no value."""
    names = [
        s
        for s in expr.free_symbols
        if isinstance(s, sympy.Symbol)
        and all(IndexedBase(s.name)[i] in known for i in range(1, size + 1))
        and IndexedBase(s.name)[size + 1] not in known
    ]
    if not names:
        return None
    result = []
    for i in range(1, size + 1):
        part = expr.xreplace({s: IndexedBase(s.name)[i] for s in names})
        part = num.substitute(num.expand_bounds(part, {}), known)
        if not part.is_number:
            return None
        result.append(part)
    return result


def literal_places(values: Values) -> dict[sympy.Symbol, tuple[sympy.Rational, int]]:
    """Values that look written as decimals (a power of ten below), with their places: each
    may be off by half a unit of its last digit."""
    found: dict[sympy.Symbol, tuple[sympy.Rational, int]] = {}
    for number in values.values():
        if isinstance(number, sympy.Rational) and not number.is_Integer:
            places = len(str(number.q)) - 1
            if number.q == 10**places:
                found[sympy.Symbol(f"ρ{len(found)}")] = (number, places)
    return found


def check_components(
    expr: sympy.Expr,
    claimed: sympy.Tuple,
    latex: str,
    known: Values,
    given: sympy.Tuple | None = None,
) -> tuple[bool, str] | None:
    """Whether every claimed component is right at the places it shows in ``latex``
    (``None``: the components cannot be computed). The message names the first wrong one.
    The components are ``expr``'s over the names with values in ``known``, or ``given``."""
    if given is not None:
        parts = list(given.args) if len(given) == len(claimed) else None
        if parts is not None and not all(p.is_number for p in parts):
            parts = None
    else:
        parts = components(expr, len(claimed), known)
    claims = _claims(claimed, latex)
    if parts is None or claims is None:
        return None
    for i, (part, claim) in enumerate(zip(parts, claims, strict=True), start=1):
        rounded, literals = _with_symbols(expr, i, known)
        slack = rounding_slack(rounded, literals) if literals else sympy.Integer(0)
        verdict = check_claim(part, claim, False, None, slack)
        if verdict is None:
            return None
        if not verdict.ok:
            value = num.value(part, {})
            computed = decimal(value, max(claim.decimals, 3)) if value is not None else "?"
            return False, f"component {i} is {computed}, not {claim.text}"
    return True, f"every component agrees ({', '.join(c.text for c in claims)})"


_NUMBER = re.compile(r"[-+]?\s*\d*\.?\d+")


def _claims(claimed: sympy.Tuple, latex: str) -> list[Claim] | None:
    """The components as written (``0.090`` shows three places), if they are plain numbers."""
    written = [parse_claim(m.group(0)) for m in _NUMBER.finditer(latex)]
    if len(written) != len(claimed) or any(
        c is None or c.value != item for c, item in zip(written, claimed.args, strict=True)
    ):
        return None
    return [c for c in written if c is not None]


def _with_symbols(
    expr: sympy.Expr, i: int, known: Values
) -> tuple[sympy.Expr, dict[sympy.Symbol, tuple[sympy.Rational, int]]]:
    """Component ``i`` with each decimal value as a symbol, for the rounding slack."""
    names = [s for s in expr.free_symbols if isinstance(s, sympy.Symbol)]
    part = expr.xreplace({s: IndexedBase(s.name)[i] for s in names})
    used = {k: v for k, v in known.items() if part.has(k)}
    literals = literal_places(used)
    by_value = {v: s for s, (v, _) in literals.items()}
    values = {k: by_value.get(v, v) for k, v in used.items()}
    return num.substitute(part, values), literals

"""Numbers for checking: instantiate symbolic bounds, draw random positive points, compare.

Complex points break log identities, so every unknown gets a positive real value. The
generator is seeded from the text being checked, so a report is byte-identical across runs.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any

import mpmath
import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed

from derivetex.errors import LimitExceeded
from derivetex.judge.memo import remembered
from derivetex.judge.nodes import atoms
from derivetex.judge.terms import carry_out, evaluable
from derivetex.judge.walk import Missing, Unsupported, walk_value

BOUND_VALUES = range(1, 7)  # a symbolic bound (K, N) is checked at 1..6
MAX_INSTANTIATIONS = 49  # two bounds at 1..6 and a written-out index
MAX_TERMS = 400
POINTS = 3
MAX_TRIES = 12
DIGITS = 30
RELATIVE = sympy.Rational(1, 10**9)


def bound_symbols(expr: sympy.Basic) -> set[sympy.Symbol]:
    """Free symbols in the limits of sums and products: the K and N to instantiate."""
    found: set[sympy.Symbol] = set()
    for node in atoms(expr, sympy.Sum, sympy.Product):
        for _, low, high in node.limits:
            found |= {
                s for s in (low.free_symbols | high.free_symbols) if isinstance(s, sympy.Symbol)
            }
    return found


def instantiations(
    symbols: set[sympy.Symbol], written: int | None = None
) -> list[dict[sympy.Symbol, sympy.Integer]]:
    """Every assignment of 1..6 to ``symbols`` (and ``written``, the largest index written out
    in the link, when it is above 6: a sum written out to y_{12}); capped at two bounds."""
    ordered = sorted(symbols, key=str)
    candidates = [*BOUND_VALUES, *([written] if written and written > BOUND_VALUES[-1] else [])]
    count = len(candidates) ** len(ordered)
    if count > MAX_INSTANTIATIONS:
        raise LimitExceeded(f"{count} instantiations of {', '.join(map(str, ordered))}")
    return [
        {s: sympy.Integer(v) for s, v in zip(ordered, values, strict=True)}
        for values in itertools.product(candidates, repeat=len(ordered))
    ]


def largest_index(*exprs: sympy.Basic) -> int | None:
    """The largest integer index of an indexed name in ``exprs`` (12 for y_{12})."""
    found = [
        int(i)
        for expr in exprs
        for item in atoms(expr, Indexed)
        for i in item.indices
        if i.is_Integer
    ]
    return max(found, default=None)


def put_in(expr: sympy.Basic, values: Mapping[sympy.Basic, sympy.Basic]) -> sympy.Expr:
    """``values`` put in for free letters only (see ``unclashed``)."""
    if not values:
        return sympy.sympify(expr)
    return sympy.sympify(unclashed(expr, set(values)).xreplace(dict(values)))


def unclashed(expr: sympy.Basic, letters: set[sympy.Basic]) -> sympy.Basic:
    """``expr`` with the own index of every inner sum or product that is one of ``letters``
    renamed, so that putting values in for ``letters`` leaves it a bound index (Σ_i e^{o_i}
    beside a free i, or inside an outer Σ_i after a definition was put in)."""

    def clashes(node: sympy.Basic) -> bool:
        return isinstance(node, (sympy.Sum, sympy.Product)) and any(
            limit[0] in letters for limit in node.limits
        )

    def renamed(node: sympy.Basic) -> sympy.Basic:
        fresh = {limit[0]: sympy.Dummy(str(limit[0])) for limit in node.limits}
        limits = [(fresh.get(i, i), low, high) for i, low, high in node.limits]
        return type(node)(node.function.xreplace(fresh), *limits)

    if any(clashes(node) for node in atoms(expr, sympy.Sum, sympy.Product)):
        return expr.replace(clashes, renamed)
    return expr


def expand_bounds(expr: sympy.Basic, values: Mapping[sympy.Basic, sympy.Basic]) -> sympy.Expr:
    """Substitute ``values`` and write out every sum and product with numeric bounds."""
    return _expanded(expr, tuple(values.items()))


@remembered
def _expanded(expr: sympy.Basic, values: tuple[tuple[sympy.Basic, sympy.Basic], ...]) -> sympy.Expr:
    result = put_in(expr, dict(values))
    for _ in range(8):
        nodes = [
            n
            for n in atoms(result, sympy.Sum, sympy.Product)
            if not n.free_symbols & bound_symbols(n)
        ]
        if not nodes:
            return result
        for node in nodes:
            _check_size(node)
        result = result.xreplace({n: written_out(n) for n in nodes})
    raise LimitExceeded("sums nested more than 8 deep")


@lru_cache(maxsize=256)
def written_out(node: sympy.Basic) -> sympy.Expr:
    """A sum or product with numeric bounds as its terms, put in one by one (no closed form
    is searched: SymPy's ``doit`` can take minutes on ``\\ln(1 + e^{-z_i})``). Kept: a chain's
    middle side is written out for the link before it and the link after it."""
    body = node.function
    for index, low, high in reversed(node.limits):
        body = unclashed(body, {index})
        terms = [_at(body, index, sympy.Integer(v)) for v in range(int(low), int(high) + 1)]
        body = sympy.Add(*terms) if isinstance(node, sympy.Sum) else sympy.Mul(*terms)
    return sympy.sympify(body)


def _at(body: sympy.Basic, index: sympy.Basic, value: sympy.Integer) -> sympy.Basic:
    """``body.xreplace({index: value})``, with each ``y_value`` built once per run: an
    Indexed with assumptions costs ~45 µs, and K = 1..6 writes the same ones out again."""
    found = {a: _indexed(a.base, value) for a in atoms(body, Indexed) if a.indices == (index,)}
    return body.xreplace({**found, index: value})


@lru_cache(maxsize=4096)
def _indexed(base: sympy.Basic, value: sympy.Integer) -> Indexed:
    return Indexed(base, value)


def substitute(expr: sympy.Basic, values: Mapping[sympy.Basic, sympy.Basic]) -> sympy.Expr:
    """``expr`` with ``values`` put in; a product ``0 \\cdot \\log 0`` is 0 (see ``rebuilt``)."""
    if expr in values:
        return sympy.sympify(values[expr])
    if not expr.args or isinstance(expr, Indexed):
        return sympy.sympify(expr)
    if isinstance(expr, sympy.Derivative):
        at = {v: values[v] for v in expr.variables if v in values}
        if at:  # d/dx at x = 2: the derivative taken, then the point put in
            inner = substitute(expr.expr, {k: v for k, v in values.items() if k not in at})
            taken = sympy.Derivative(inner, *expr.variable_count)
            return sympy.Subs(taken, tuple(at), tuple(at.values()))
    return rebuilt(expr, [substitute(arg, values) for arg in expr.args])


def rebuilt(node: sympy.Basic, args: list[sympy.Expr]) -> sympy.Expr:
    """``node`` evaluated with new ``args``, taking ``0 \\cdot \\log 0`` as 0.

    The convention of information theory (the limit of x log x at 0), which derivetex's own
    documents state: a factor 0 absorbs a factor that is the logarithm of 0.
    """
    if isinstance(node, sympy.Mul) and any(arg == 0 for arg in args):
        others = [(old, new) for old, new in zip(node.args, args, strict=True) if new != 0]
        if all(new.is_finite or isinstance(old, sympy.log) for old, new in others):
            return sympy.Integer(0)
    return sympy.sympify(node.func(*args))


def _check_size(node: sympy.Basic) -> None:
    size = 1
    for _, low, high in node.limits:
        if not (low.is_number and high.is_number):
            return
        size *= max(int(high - low) + 1, 0)
    if size > MAX_TERMS:
        raise LimitExceeded(f"a sum or product of {size} terms (cap {MAX_TERMS})")


@remembered
def unknowns(expr: sympy.Basic) -> frozenset[sympy.Basic]:
    """The values a point must give: free symbols and indexed names, not index labels."""
    free = expr.free_symbols
    indexed = {a for a in atoms(expr, Indexed) if a in free}
    inner: set[sympy.Basic] = set()
    bases: dict[sympy.Basic, set[sympy.Basic]] = {}  # a few bases, many indexed names
    for item in indexed:
        if item.base not in bases:
            bases[item.base] = item.base.free_symbols
        inner |= bases[item.base]
        inner.update(i for i in item.indices if isinstance(i, sympy.Symbol))
    plain = {s for s in free if isinstance(s, sympy.Symbol)} - inner
    return frozenset(indexed | plain)


def random_points(
    names: set[sympy.Basic], seed: str, normalised: frozenset[sympy.Basic] = frozenset()
) -> Iterator[dict[sympy.Basic, sympy.Basic]]:
    """Endless positive points for ``names`` from a generator seeded by ``seed``, by turns in
    (0, 1) (so ``\\log(1 - p)`` is real) and in (0.15, 2.9); the components of each name in
    ``normalised`` (one-hot labels: Σ t_k = 1) sum to 1."""
    rng = random.Random(seed)
    ordered = sorted(names, key=_sort_key)
    draws = 0
    while True:
        low, high = (50, 950) if draws % 2 == 0 else (150, 2900)  # probabilities, then wider
        draws += 1
        point = {n: _thousandths(rng.randint(low, high)) for n in ordered}
        for base in normalised:
            parts = [n for n in point if _mass_of(n, base)]
            total = sum((point[n] for n in parts), sympy.Integer(0))
            for part in parts:
                point[part] = point[part] / total
        yield point


@lru_cache(maxsize=4096)
def _sort_key(name: sympy.Basic) -> Any:
    """SymPy's default sort key of a name, computed once per name a run meets."""
    return sympy.default_sort_key(name)


@lru_cache(maxsize=4096)
def _thousandths(count: int) -> sympy.Rational:
    """``count``/1000, built once: a run draws the same few thousand coordinates again."""
    return sympy.Rational(count, 1000)


def _mass_of(name: sympy.Basic, base: sympy.Basic) -> bool:
    """Whether ``name`` is a component of ``base``: ``t_k`` of t, or ``p(2)`` (``p(x_2)``) of
    a distribution p written as a function of its outcomes."""
    if isinstance(name, Indexed):
        return name.base == base
    label = getattr(base, "label", None)
    if label is None:
        return False
    if isinstance(name, AppliedUndef):
        outcomes = all(
            arg.is_Integer or isinstance(arg, Indexed) and all(i.is_Integer for i in arg.indices)
            for arg in name.args
        )
        return name.func.__name__ == f"{label}(" and outcomes
    if isinstance(name, sympy.Symbol) and name.name.startswith("⟨"):  # terms.as_unknowns
        opaque = _OPAQUE_MASS.fullmatch(name.name)
        return opaque is not None and opaque.group(1) == f"{label}("
    return False


_OUTCOME = r"(?:Integer\(-?\d+\)|Indexed\(IndexedBase\(Symbol\('\w+'\)\), Integer\(\d+\)\))"
_OPAQUE_MASS = re.compile(rf"⟨Function\('(.+?)'\)\({_OUTCOME}(?:, {_OUTCOME})*\)⟩")
"""An opaque term ``p(2)`` made an unknown: its name is the term's ``srepr``."""


def value(
    expr: sympy.Basic, point: Mapping[sympy.Basic, sympy.Basic],
    numbers: dict[sympy.Basic, Any] | None = None,
) -> sympy.Float | None:
    """The real value of ``expr`` at ``point``; ``None`` if it is not a finite real number.

    The tree is walked over mpmath numbers at 40 digits (see ``walk``); a node the walk does
    not know falls back to SymPy's ``evalf``. The 30 digits kept are far beyond the 1e-9
    that decides equality."""
    try:
        result = walk_value(expr, point, DIGITS + 10, numbers)
    except Missing:
        return None
    except (Unsupported, TypeError, ValueError, ZeroDivisionError, ArithmeticError):
        return _sympy_value(expr, point)  # SymPy decides the singular cases, as before
    if isinstance(result, mpmath.mpc):
        real, imaginary = result.real, result.imag
    else:
        real, imaginary = result, mpmath.mpf(0)
    if not (mpmath.isfinite(real) and mpmath.isfinite(imaginary)):
        return None
    if abs(imaginary) > mpmath.mpf(RELATIVE.p) / RELATIVE.q * max(1, abs(real)):
        return None
    return sympy.Float(real, DIGITS)


def _sympy_value(
    expr: sympy.Basic, point: Mapping[sympy.Basic, sympy.Basic]
) -> sympy.Float | None:
    """SymPy's own evaluation, for what ``walk`` leaves to it."""
    try:
        floats = {k: sympy.Float(v, DIGITS + 10) for k, v in point.items()}
        result = sympy.sympify(expr.xreplace(floats)).evalf(DIGITS)
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError):
        return None
    if not result.is_number or result.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    if result.atoms(sympy.Function, sympy.Sum, sympy.Product, sympy.Derivative):
        return None  # left unevaluated: not a number evalf could compute
    real, imaginary = result.as_real_imag()
    if abs(imaginary) > RELATIVE * max(1, abs(real)):
        return None
    return sympy.Float(real, DIGITS)


def within(x: sympy.Expr, y: sympy.Expr, slack: sympy.Basic = 0) -> bool:
    """Two values equal to within ``slack`` (what rounding the decimals written can move
    them) and the relative error of the arithmetic: the one number tolerance of verify's
    numeric links."""
    return bool(abs(x - y) <= slack * (1 + RELATIVE) + RELATIVE * max(1, abs(x), abs(y)))


def close(a: sympy.Float, b: sympy.Float) -> bool:
    """Equal up to a relative error of 1e-9 (exact arithmetic carried out to 30 digits).

    Two Floats are compared in mpmath at their precision: the same numbers as SymPy's
    arithmetic, without a SymPy object built for each step."""
    if isinstance(a, sympy.Float) and isinstance(b, sympy.Float):
        with mpmath.workdps(DIGITS):
            x, y = mpmath.mpf(a._mpf_), mpmath.mpf(b._mpf_)
            bound = mpmath.mpf(RELATIVE.p) / RELATIVE.q * max(1, abs(x), abs(y))
            return bool(abs(x - y) <= bound)
    return bool(abs(a - b) <= RELATIVE * max(1, abs(a), abs(b)))


def sample(
    exprs: list[sympy.Expr],
    seed: str,
    normalised: frozenset[sympy.Basic] = frozenset(),
    points: int = POINTS,
    enough: Callable[[list[sympy.Float]], bool] | None = None,
) -> list[list[sympy.Float]] | None:
    """Values of each expression at the same ``points`` random points, or ``None``.

    ``enough``, given, ends the sampling early at the first row for which it is true (two
    sides that differ at one point differ: the points after it change nothing)."""
    names: set[sympy.Basic] = set()
    for expr in exprs:
        names |= unknowns(expr)
    rows: list[list[sympy.Float]] = []
    for tries, point in enumerate(random_points(names, seed, normalised)):
        if len(rows) == points or tries >= max(MAX_TRIES, 4 * points):
            break
        numbers: dict[sympy.Basic, Any] = {}  # the point in mpmath, shared by the exprs
        values = [value(e, point, numbers) for e in exprs]
        if all(v is not None for v in values):
            rows.append([v for v in values if v is not None])
            if enough is not None and enough(rows[-1]):
                break
    return rows or None


def _apart(row: list[sympy.Float]) -> bool:
    return not close(row[0], row[1])


def equal_everywhere(
    a: sympy.Expr, b: sympy.Expr, seed: str, normalised: frozenset[sympy.Basic] = frozenset(),
    up_to: int = 3, chain_rule: bool = False,
) -> bool | None:
    """Whether ``a == b`` at random positive points; ``None`` if they cannot be evaluated.

    Derivatives are carried out and opaque terms become unknowns first; a letter left free
    as an index (``\\delta_{ic}``, or a derivative by ``a_k``) is tried at 1 .. ``up_to``
    (at most 3). ``normalised`` names sum to 1 over their components (stated facts).
    With ``chain_rule``, names that the sides differentiate are read as functions of their
    derivatives' variables (``judge.leibniz``); ``None`` if there are none.
    """
    a, b = carry_out(a), carry_out(b)
    outcome: bool | None = True
    for values in index_values(a, b, up_to=up_to):
        pair = [put_in(a, values), put_in(b, values)]
        if chain_rule:
            from derivetex.judge import leibniz  # verify's chain rule only: derive never asks

            depends_on = leibniz.dependencies(*pair)
            if not depends_on:
                return None
            pair = [leibniz.as_functions(side, depends_on) for side in pair]
        pair = [evaluable(side) for side in pair]
        rows = sample(pair, seed, normalised, enough=_apart)
        if rows is None:
            return None
        outcome = outcome and all(close(x, y) for x, y in rows)
    return outcome


def index_values(*exprs: sympy.Expr, up_to: int = 3) -> list[dict[sympy.Symbol, sympy.Integer]]:
    """Integer values for letters that a ``KroneckerDelta`` needs, or that index a name also
    written out (y_k beside y_1, y_2); at most two letters."""
    ordered = _index_letters(exprs)
    choices = range(1, max(1, min(up_to, 3)) + 1)
    return [
        {s: sympy.Integer(v) for s, v in zip(ordered, values, strict=True)}
        for values in itertools.product(choices, repeat=len(ordered))
    ]


@remembered
def _index_letters(exprs: tuple[sympy.Expr, ...]) -> tuple[sympy.Symbol, ...]:
    letters: set[sympy.Symbol] = set()
    written: set[sympy.Basic] = set()
    lettered: dict[sympy.Symbol, set[sympy.Basic]] = {}
    for expr in exprs:
        found = atoms(expr, sympy.KroneckerDelta, Indexed)
        if not found:
            continue
        free: set[sympy.Basic] | None = None  # asked only of a letter index: sums bind some
        for item in found:
            if isinstance(item, sympy.KroneckerDelta):
                letters |= {s for s in item.free_symbols if isinstance(s, sympy.Symbol)}
                continue
            if all(i.is_Integer for i in item.indices):
                written.add(item.base)
            for i in item.indices:
                if not isinstance(i, sympy.Symbol):
                    continue
                free = expr.free_symbols if free is None else free
                if i in free:
                    lettered.setdefault(i, set()).add(item.base)
    letters |= {s for s, bases in lettered.items() if bases & written}  # y_k beside y_1, y_2
    return tuple(sorted(letters, key=str)[:2])

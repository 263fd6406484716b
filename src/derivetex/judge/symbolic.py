"""Deciding before = after for ``derive``'s steps, symbolically and numerically, at any size.

Derivatives are carried out by the same ``judge.terms`` that ``verify`` uses, so a step that
differentiates (a softmax gradient) is judged the way a link in a document is.

Small expressions are compared whole: the difference, with logs expanded under the declared
assumptions (never force=True), must simplify to 0. Large written-out ones (K in the thousands)
are compared term by term: both sides are split into aligned pairs and each distinct shape of
pair (y_i, t_i abstracted to y_k, t_k) is proved once, so every term is covered.
"""

from __future__ import annotations

import random

import mpmath
import sympy as sp

from derivetex.judge.expansion import expands_to_zero as expands_to_zero
from derivetex.judge.nodes import atoms
from derivetex.judge.numeric import written_out
from derivetex.judge.rational import is_rational_zero
from derivetex.judge.terms import carry_out
from derivetex.judge.written import written_equal
from derivetex.model.logs import LogBase, log_of, log_parts, to_natural
from derivetex.model.numeric import FLOAT, Point, evaluate
from derivetex.model.symbols import in_positive_terms, indexed, instance
from derivetex.model.written import every_term_written, has_written

WHOLE_LIMIT = 40
"""Above this many indexed atoms a comparison goes term by term."""

RELATIVE_TOLERANCE = 1e-9
WRITE_OUT = 50
"""Sums and products over at most this many numeric indices are written out to be compared."""
NUMERIC_POINTS = 3


def is_zero(difference: sp.Expr) -> bool:
    """True when the difference is provably 0 under the symbols' assumptions (a probability
    p in (0, 1) written as u / (1 + u), so that 1 - p is known positive)."""
    difference = in_positive_terms(carry_out(to_natural(difference)))
    if difference == 0:
        return True
    expanded = sp.expand(difference)
    if is_rational_zero(expanded):  # exact and cheap: no identity between the atoms needed
        return True
    expanded = sp.expand_log(expanded)
    if expanded == 0:
        return True
    written = _written_out(expanded)  # Σ_{k=1}^{3}: its three terms, no simplify needed
    if written is not expanded and sp.expand(sp.expand_log(written, deep=True)) == 0:
        return True
    if is_rational_zero(expanded):  # the logs' identities used, the rest as rational functions
        return True
    return bool(sp.simplify(expanded) == 0)


def _written_out(expr: sp.Expr) -> sp.Expr:
    """``expr`` with every sum and product over a short numeric range written out term by
    term (a finite write-out decides what ``simplify`` would, and ``simplify`` imports SymPy's
    physics units, about 0.1 s); ``expr`` itself when there is none."""
    series = [
        n for n in atoms(expr, sp.Sum, sp.Product)
        if all(low.is_Integer and high.is_Integer and 0 <= high - low < WRITE_OUT
               for _, low, high in n.limits)
    ]
    if not series:
        return expr
    return expr.xreplace({n: written_out(n) for n in series})  # term by term, never doit


def symbolically_equal(a: sp.Expr, b: sp.Expr) -> tuple[bool, str]:
    """(holds, how) for a = b."""
    if a == b:
        return True, "identical"
    if has_written(a) or has_written(b):  # rows kept as summand and range
        decided = written_equal(a, b, is_zero)
        if decided is not None:
            return decided
        a, b = every_term_written(a), every_term_written(b)
    if _has_log_zero(a) or _has_log_zero(b):
        a, b = zero_convention(a), zero_convention(b)
    if a == b:
        return True, "identical"
    if len(atoms(a, sp.Indexed)) <= WHOLE_LIMIT:
        return is_zero(a - b), "difference simplifies to 0"
    pairs = aligned_pairs(a, b)
    if pairs is None:
        return is_zero(a - b), "difference simplifies to 0"
    shapes: dict[tuple[sp.Expr, sp.Expr], tuple[sp.Expr, sp.Expr]] = {}
    for left, right in pairs:
        if left != right:
            shapes.setdefault(_shape(left, right), (left, right))
    ok = all(is_zero(left - right) for left, right in shapes.values())
    return ok, f"term by term: {len(pairs)} terms, {len(shapes)} distinct shapes proved"


def _has_log_zero(expr: sp.Expr) -> bool:
    return any(arg == 0 for f in atoms(expr, sp.log, LogBase) for arg in f.args[:1])


def zero_convention(expr: sp.Expr) -> sp.Expr:
    """Products with a literal zero factor become 0, so 0 * log 0 is 0 (the t log t limit)."""
    return expr.replace(
        lambda e: e.is_Mul and any(f.is_Number and f == 0 for f in e.args), lambda e: 0
    )


def write_out(node: sp.Expr) -> sp.Expr:
    """A Sum/Product with integer bounds as its terms, by the definition of the sign."""
    if not isinstance(node, (sp.Sum, sp.Product)):
        return node
    index, lower, upper = node.limits[0]
    if not (lower.is_Integer and upper.is_Integer):
        return node
    terms = [instance(node.function, index, i) for i in range(int(lower), int(upper) + 1)]
    join = sp.Add if isinstance(node, sp.Sum) else sp.Mul
    return join(*terms, evaluate=False) if len(terms) != 1 else terms[0]


def aligned_pairs(a: sp.Expr, b: sp.Expr) -> list[tuple[sp.Expr, sp.Expr]] | None:
    """Pairs whose equality implies a = b (congruence), or None if the shapes do not align."""
    a, b = write_out(a), write_out(b)
    neg_a, neg_b = _negated(a), _negated(b)
    if neg_a is not None and neg_b is not None:
        return aligned_pairs(neg_a, neg_b)
    parts = log_parts(a)
    if parts and isinstance(parts[0], sp.Mul) and isinstance(b, sp.Add):
        factors = parts[0].args
        if len(factors) == len(b.args) and all(f.is_positive for f in factors):
            return [(log_of(f, parts[1]), term) for f, term in zip(factors, b.args, strict=True)]
    same_kind = type(a) is type(b) and isinstance(a, (sp.Add, sp.Mul))
    if same_kind and len(a.args) == len(b.args):
        return list(zip(a.args, b.args, strict=True))
    return None


def _negated(expr: sp.Expr) -> sp.Expr | None:
    if isinstance(expr, sp.Mul) and len(expr.args) == 2 and expr.args[0] == -1:
        return expr.args[1]
    return None


_K = sp.Dummy("k", integer=True, positive=True)


def _shape(left: sp.Expr, right: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """The pair with its single integer index abstracted, so y_7 vs y_8 pairs share a shape."""
    found = atoms(left, sp.Indexed) | atoms(right, sp.Indexed)
    indices = {item.indices for item in found}
    if len(indices) != 1:
        return left, right
    mapping = {item: indexed(item.base, _K) for item in found}
    return left.xreplace(mapping), right.xreplace(mapping)


def numerically_equal(a: sp.Expr, b: sp.Expr, rng: random.Random) -> tuple[bool, str]:
    """(holds, how) for a = b at NUMERIC_POINTS random positive points.

    Every symbol and indexed atom gets a random positive real the first time either side
    needs it (complex points break log identities); with no atoms, one exact evaluation.
    """
    worst = 0.0
    drawn = 0
    for _ in range(NUMERIC_POINTS):
        point = Point(lambda: rng.uniform(0.05, 3.0), lambda n: _uniform(rng, n))
        va, vb = evaluate(a, point, FLOAT), evaluate(b, point, FLOAT)
        if not (mpmath.isfinite(va) and mpmath.isfinite(vb)):  # inf - inf would pass
            return False, f"not a finite number at a random point ({va}, {vb})"
        worst = max(worst, float(abs(va - vb) / max(1.0, abs(va), abs(vb))))
        drawn = len(point)
        if not drawn:
            break
    ok = worst <= RELATIVE_TOLERANCE
    if not drawn:
        return ok, f"no free symbols; both sides evaluated, rel. error {worst:.1e}"
    where = f"{NUMERIC_POINTS} random positive points ({drawn} values each)"
    return ok, f"{where}, max rel. error {worst:.1e}"


def _uniform(rng: random.Random, n: int) -> list[float]:
    """n draws of rng.uniform(0.05, 3.0), computed as it computes them, in one loop."""
    draw, width = rng.random, 3.0 - 0.05
    return [0.05 + width * draw() for _ in range(n)]

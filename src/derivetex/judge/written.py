"""a = b for rows kept as summand and range (`model.written`), without building their terms.

- Two rows over the same range (written out, or Σ/Π): equal when their summands are equal for
  the symbolic index k, so the identity is proved once and holds for every term.
- log of a written-out product of positive factors against a written-out sum: the log of a
  product is the sum of the logs, then the summands as above.
- A row with values put in against what a rule made of it (-log 0.9 from 10 000 terms): each
  term is either proved neutral (0 in a sum, 1 in a product; proved once per shape of term,
  the numbers other than 0, 1, -1 standing in as positive or negative unknowns) or equal to
  the next term of the other side, in order.

Anything else returns None and the caller builds every term (slow, but decided).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from derivetex.model.logs import log_of, log_parts
from derivetex.model.symbols import positive
from derivetex.model.written import WrittenOut, WrittenSum, has_values

Proof = Callable[[sp.Expr], bool]
"""Whether a difference is provably 0 (the caller's `is_zero`)."""


def written_equal(a: sp.Expr, b: sp.Expr, is_zero: Proof) -> tuple[bool, str] | None:
    """(holds, how) for a = b when a lazy row is involved and its terms need not be built;
    None when this cannot decide (the caller then builds the terms)."""
    a, b = _without_common_sign(a, b)
    logs = _log_of_product(a, b, is_zero) or _log_of_product(b, a, is_zero)
    if logs is not None:
        return logs
    if isinstance(b, WrittenOut) and not isinstance(a, WrittenOut):
        a, b = b, a
    if not isinstance(a, WrittenOut):
        return None
    if isinstance(b, (sp.Sum, sp.Product)) and _same_range(a, b):
        return _summands(a, a.function, _renamed(b, a.index), is_zero)
    if has_values(a):
        return _term_by_term(a, b, is_zero)
    return None


def _without_common_sign(a: sp.Expr, b: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    neg_a, neg_b = _negated(a), _negated(b)
    if neg_a is not None and neg_b is not None:
        return neg_a, neg_b
    if neg_a is not None and b == 0:
        return neg_a, b
    return a, b


def _negated(expr: sp.Expr) -> sp.Expr | None:
    if isinstance(expr, sp.Mul) and len(expr.args) == 2 and expr.args[0] == -1:
        return expr.args[1]
    return None


def _same_range(a: WrittenOut, b: sp.Expr) -> bool:
    kind_a = sp.Sum if isinstance(a, sp.Sum) else sp.Product
    return (isinstance(b, kind_a) and len(b.limits) == 1
            and tuple(b.limits[0][1:]) == tuple(a.limits[0][1:]))


def _renamed(series: sp.Expr, index: sp.Symbol) -> sp.Expr:
    own = series.limits[0][0]
    return series.function if own == index else series.function.xreplace({own: index})


def _summands(
    row: WrittenOut, left: sp.Expr, right: sp.Expr, is_zero: Proof
) -> tuple[bool, str] | None:
    terms = f"term by term: {row.count} terms"
    if left == right:
        return True, f"{terms}, the same summand"
    if is_zero(left - right):
        return True, f"{terms}, summand proved for symbolic {row.index}"
    return None


def _log_of_product(a: sp.Expr, b: sp.Expr, is_zero: Proof) -> tuple[bool, str] | None:
    """log Π_k f_k (written out) against Σ_k g_k (written out): log f_k = g_k for every k."""
    parts = log_parts(a)
    if parts is None or not isinstance(b, WrittenSum):
        return None
    product, base = parts
    if not (isinstance(product, WrittenOut) and isinstance(product, sp.Product)):
        return None
    if tuple(b.limits[0][1:]) != tuple(product.limits[0][1:]):
        return None
    if not positive(product.function) or has_values(product):
        return None
    return _summands(b, log_of(_renamed(product, b.index), base, evaluate=False), b.function,
                     is_zero)


def _term_by_term(row: WrittenOut, other: sp.Expr, is_zero: Proof) -> tuple[bool, str] | None:
    """Each term of ``row`` neutral or equal to the next term of ``other``, in order."""
    parts = [] if other == row.neutral else list(row.join.make_args(other))
    neutral: dict[tuple[object, ...], bool] = {}
    matched = 0
    for position, key in enumerate(row.shape_keys(), start=row.low):
        if key not in neutral:
            neutral[key] = _is_neutral(row, row.shape(key))
        if neutral[key]:
            continue
        if matched == len(parts):
            return None
        term = row.term(position)
        if term != parts[matched] and not is_zero(term - parts[matched]):
            return None
        matched += 1
    if matched != len(parts):
        return None
    dropped = row.count - matched
    shapes = sum(neutral.values())
    return True, (f"term by term: {row.count} terms, {dropped} proved {row.neutral} "
                  f"({shapes} distinct shapes), {matched} equal to the other side's")


def _is_neutral(row: WrittenOut, shape: sp.Expr) -> bool:
    """The shape is 0 in a sum (1 in a product) for every value of its unknowns, by expanding
    alone (a shape not proved so must match a term of the other side); a factor 0 makes a
    term 0 even beside log 0 (the t log t convention)."""
    if isinstance(row, sp.Sum) and isinstance(shape, sp.Mul) and any(
        f.is_Number and f == 0 for f in shape.args
    ):
        return True
    difference = shape.doit() - row.neutral  # doit: the unevaluated a^0 becomes 1
    return bool(sp.expand(sp.expand_log(difference, deep=True)) == 0)

"""Rules that move between written-out terms and indexed sums or products.

collect_sum:      t_1 log y_1 + ... + t_n log y_n  => sum_{k=1}^{n} t_k log y_k
collect_product:  y_1^t_1 * ... * y_n^t_n          => prod_{k=1}^{n} y_k^t_k
generalise_k:     sum_{k=1}^{3} ...                => sum_{k=1}^{K} ...   (3 was K's instance)
expand_sum:       sum_{k=1}^{K} ...  with K = n    => the n terms written out (K elsewhere: n)
"""

from __future__ import annotations

import sympy as sp

from derivetex.model.symbols import indexed as cached_indexed
from derivetex.model.symbols import instance
from derivetex.model.written import WrittenOut, WrittenProduct, WrittenSum, has_values, is_lazy
from derivetex.rules.base import Rule


def _abstract(term: sp.Expr, position: int, index: sp.Symbol) -> sp.Expr | None:
    """term with y_position (any base) replaced by y_index; None if it mixes indices."""
    indexed = term.atoms(sp.Indexed)
    if not indexed or any(item.indices != (position,) for item in indexed):
        return None
    return term.xreplace({item: cached_indexed(item.base, index) for item in indexed})


def _collect(args: tuple[sp.Expr, ...], index: sp.Symbol) -> sp.Expr | None:
    """The common template of args 1..n, when arg i is that template at index i."""
    template = _abstract(args[0], 1, index)
    if template is None:
        return None
    for position, arg in enumerate(args[1:], start=2):
        if _abstract(arg, position, index) != template:
            return None
    return template


def _collected(node: WrittenOut, index: sp.Symbol) -> sp.Expr:
    """A row kept as summand and range is its template already (no values put in)."""
    if has_values(node):
        return node
    body = node.function.xreplace({node.index: index}) if node.index != index else node.function
    kind = sp.Sum if isinstance(node, WrittenSum) else sp.Product
    return kind(body, (index, node.low, node.high))


def _collect_sum(node: sp.Expr, index: sp.Symbol) -> sp.Expr:
    if isinstance(node, WrittenSum):
        return _collected(node, index)
    if not isinstance(node, sp.Add):
        return node
    template = _collect(node.args, index)
    return node if template is None else sp.Sum(template, (index, 1, len(node.args)))


def _collect_product(node: sp.Expr, index: sp.Symbol) -> sp.Expr:
    if isinstance(node, WrittenProduct):
        return _collected(node, index)
    if not isinstance(node, sp.Mul):
        return node
    template = _collect(node.args, index)
    return node if template is None else sp.Product(template, (index, 1, len(node.args)))


def _generalise_k(node: sp.Expr, bound: sp.Symbol, instance: int) -> sp.Expr:
    if isinstance(node, WrittenOut):
        return node  # written out: collect it first
    if isinstance(node, (sp.Sum, sp.Product)) and len(node.limits) == 1:
        index, lower, upper = node.limits[0]
        if upper == instance:
            return node.func(node.function, (index, lower, bound))
    return node


def _expand_sum(node: sp.Expr, bound: sp.Symbol, value: int) -> sp.Expr:
    if node == bound:  # N outside a sum (N \lambda) takes the same value
        return sp.Integer(value)
    if isinstance(node, (sp.Sum, sp.Product)) and len(node.limits) > 1:
        return _expand_one_limit(node, bound, value)
    if isinstance(node, (sp.Sum, sp.Product)) and len(node.limits) == 1:
        index, lower, upper = node.limits[0]
        if upper == bound and lower.is_Integer:
            if is_lazy(value - int(lower) + 1):  # kept as summand and range, built when shown
                lazy = WrittenSum if isinstance(node, sp.Sum) else WrittenProduct
                return lazy(node.function, (index, lower, value))
            terms = [instance(node.function, index, i) for i in range(int(lower), value + 1)]
            join = sp.Add if isinstance(node, sp.Sum) else sp.Mul
            return join(*terms, evaluate=False) if len(terms) > 1 else terms[0]
    return node


def _expand_one_limit(node: sp.Expr, bound: sp.Symbol, value: int) -> sp.Expr:
    """sum_n sum_k f with N = 2 => sum_k f(1, k) + sum_k f(2, k): only the limit up to bound."""
    for position, (index, lower, upper) in enumerate(node.limits):
        if upper == bound and lower.is_Integer:
            others = [lim for i, lim in enumerate(node.limits) if i != position]
            terms = [node.func(node.function.xreplace({index: i}), *others)
                     for i in range(int(lower), value + 1)]
            join = sp.Add if isinstance(node, sp.Sum) else sp.Mul
            return join(*terms, evaluate=False) if len(terms) > 1 else terms[0]
    return node


COLLECT_SUM = Rule(
    name="collect_sum",
    statement=r"a_{1} + a_{2} + \cdots + a_{n} = \sum_{k=1}^{n} a_{k}",
    example=r"t_{1} \log y_{1} + t_{2} \log y_{2} => \sum_{k=1}^{2} t_{k} \log y_{k}",
    relation="equals",
    rewrite=_collect_sum,
    strategy="root",
)

COLLECT_PRODUCT = Rule(
    name="collect_product",
    statement=r"a_{1} a_{2} \cdots a_{n} = \prod_{k=1}^{n} a_{k}",
    example=r"y_{1}^{t_{1}} \cdot y_{2}^{t_{2}} => \prod_{k=1}^{2} y_{k}^{t_{k}}",
    relation="equals",
    rewrite=_collect_product,
    strategy="root",
)

GENERALISE_K = Rule(
    name="generalise_k",
    statement=r"\sum_{k=1}^{n} \to \sum_{k=1}^{K}",
    example=r"\sum_{k=1}^{3} t_{k} \log y_{k} => \sum_{k=1}^{K} t_{k} \log y_{k}",
    relation="generalises",
    rewrite=_generalise_k,
)

EXPAND_SUM = Rule(
    name="expand_sum",
    statement=r"\sum_{k=1}^{n} a_{k} = a_{1} + a_{2} + \cdots + a_{n}",
    example=r"\sum_{k=1}^{K} t_{k} \log y_{k}, K = 2 => t_{1} \log y_{1} + t_{2} \log y_{2}",
    relation="substitutes",
    rewrite=_expand_sum,
)

RULES = (COLLECT_SUM, COLLECT_PRODUCT, GENERALISE_K, EXPAND_SUM)

"""Rules that put the example's numbers in and work the result out.

substitute_values:  t_1 log y_1  with t_1 = 1, y_1 = 0.33  => 1 * log 0.33
power_identities:   0.33^1 * 0.32^0 * 0.35^0                => 0.33          (a^1 = a, a^0 = 1)
zero_terms:         -(1 * log 0.33 + 0 * log 0.32)          => -log 0.33     (0 log y = 0, 1 a = a)
evaluate:           -log 0.33                               => 1.108663      (rounded to `digits`)
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from derivetex.model.numeric import MPMATH, evaluate
from derivetex.model.written import WrittenOut, WrittenProduct, WrittenSum, rewrite_terms
from derivetex.model.written import with_values as values_in_row
from derivetex.rules.base import Rule


def _substitute_values(node: sp.Expr, values: Mapping[sp.Expr, sp.Expr]) -> sp.Expr:
    if isinstance(node, WrittenOut):  # a long row: whole columns, looked up by the index
        return values_in_row(node, values)
    return values.get(node, node)


def _power_identity(factor: sp.Expr) -> sp.Expr:
    if isinstance(factor, sp.Pow) and factor.exp == 1:
        return factor.base
    if isinstance(factor, sp.Pow) and factor.exp == 0:
        return sp.Integer(1)
    return factor


def _power_identities(node: sp.Expr) -> sp.Expr:
    if isinstance(node, sp.Pow):
        return _power_identity(node)
    if isinstance(node, WrittenProduct):
        return rewrite_terms(node, _power_identity)
    if not isinstance(node, sp.Mul):
        return node
    factors = [_power_identity(f) for f in node.args]
    if factors == list(node.args):
        return node
    return _join(sp.Mul, [f for f in factors if f != 1])


def _simplify_term(term: sp.Expr) -> sp.Expr:
    """0 * x = 0 and 1 * x = x inside one product."""
    if not isinstance(term, sp.Mul):
        return term
    if any(f.is_Number and f == 0 for f in term.args):
        return sp.Integer(0)
    kept = [f for f in term.args if f != 1]
    return term if len(kept) == len(term.args) else _join(sp.Mul, kept)


def _zero_terms(node: sp.Expr) -> sp.Expr:
    if isinstance(node, sp.Mul):  # -(0 \log a + 0 \log b) is 0, not -0: simplify inside first
        factors = [_zero_terms(f) if isinstance(f, (sp.Add, WrittenSum)) else f
                   for f in node.args]
        inner = node if factors == list(node.args) else _join(sp.Mul, factors)
        return _simplify_term(inner) if isinstance(inner, sp.Mul) else inner
    if isinstance(node, WrittenSum):
        return rewrite_terms(node, _simplify_term)
    if not isinstance(node, sp.Add):
        return node
    terms = [_simplify_term(t) for t in node.args]
    if terms == list(node.args):
        return node
    return _join(sp.Add, [t for t in terms if t != 0])


def _join(op: type[sp.Add] | type[sp.Mul], kept: list[sp.Expr]) -> sp.Expr:
    """What is left of a sum or product, unevaluated; the identity when nothing is."""
    if not kept:
        return op.identity
    return kept[0] if len(kept) == 1 else op(*kept, evaluate=False)


def _evaluate(node: sp.Expr, digits: int) -> sp.Expr:
    if node.free_symbols or node.is_Rational:
        return node
    value = evaluate(node, {}, MPMATH)
    rounded = round(float(value), digits)
    return sp.Float(f"{rounded + 0.0:.{digits}f}", 15)


SUBSTITUTE_VALUES = Rule(
    name="substitute_values",
    statement=r"t_{k}, y_{k} \leftarrow \text{values}",
    example=r"t_{1} \log y_{1} => 1 \cdot \log 0.33",
    relation="substitutes",
    rewrite=_substitute_values,
)

POWER_IDENTITIES = Rule(
    name="power_identities",
    statement=r"a^{1} = a,\ a^{0} = 1",
    example=r"0.33^{1} \times 0.32^{0} \times 0.35^{0} => 0.33",
    relation="equals",
    rewrite=_power_identities,
)

ZERO_TERMS = Rule(
    name="zero_terms",
    statement=r"0 \cdot \log a = 0,\ 1 \cdot a = a",
    example=r"- (1 \cdot \log 0.33 + 0 \cdot \log 0.32) => - \log 0.33",
    relation="equals",
    rewrite=_zero_terms,
)

EVALUATE = Rule(
    name="evaluate",
    statement=r"\text{numeric value}",
    example=r"- \log 0.33 => 1.108663",
    relation="evaluates",
    rewrite=_evaluate,
    strategy="root",
)

RULES = (SUBSTITUTE_VALUES, POWER_IDENTITIES, ZERO_TERMS, EVALUATE)

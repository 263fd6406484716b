"""Rules the series needs beyond the article's two: quotients, exponentials, linearity of sums,
and putting a definition in.

log_quotient:    log(a/b)               => log(a) - log(b)                (a, b > 0)
log_exp:         log(exp(a))            => a                              (a real)
sum_linearity:   sum_i (c a_i + b_i)    => c sum_i a_i + sum_i b_i;  sum_{i=1}^{N} c => N c
use_definition:  log L                  => log(prod_k y_k^t_k)            (L defined as that)
use_equation:    -log L                 => -sum_k t_k log y_k             (a chain proved it)
mean:            sum_{n=1}^{N} a_n      => N m                            (m = 1/N sum a_n)
write_out:       sum_{k=1}^{2} a_k      => a_1 + a_2                      (integer bounds)
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from derivetex.model.logs import log_of, log_parts
from derivetex.model.symbols import positive
from derivetex.rules.base import Rule


def _log_quotient(node: sp.Expr) -> sp.Expr:
    parts = log_parts(node)
    if parts is None:
        return node
    arg, base = parts
    if _reciprocal(arg) and positive(arg.base):  # log(1/b) => -log b
        inverse = 1 / arg
        return sp.Mul(-1, log_of(inverse, base, evaluate=False), evaluate=False)
    if not isinstance(arg, sp.Mul):
        return node
    numerator = [f for f in arg.args if not _reciprocal(f)]
    denominator = [1 / f for f in arg.args if _reciprocal(f)]
    if not denominator or not all(positive(f) for f in arg.args):
        return node
    top = sp.Mul(*numerator, evaluate=False) if len(numerator) > 1 else (numerator or [1])[0]
    bottom = sp.Mul(*denominator, evaluate=False) if len(denominator) > 1 else denominator[0]
    pieces = [log_of(bottom, base, evaluate=False)]
    negative = sp.Mul(-1, pieces[0], evaluate=False)
    if top == 1:
        return negative
    return sp.Add(log_of(top, base, evaluate=False), negative, evaluate=False)


def _reciprocal(factor: sp.Expr) -> bool:
    return isinstance(factor, sp.Pow) and factor.exp.is_negative is True


def _log_exp(node: sp.Expr) -> sp.Expr:
    parts = log_parts(node)
    if parts is None or parts[1] is not None:
        return node
    arg = parts[0]
    if isinstance(arg, sp.exp) and arg.args[0].is_real:
        return arg.args[0]
    if isinstance(arg, sp.Pow) and arg.base == sp.E and arg.exp.is_real:
        return arg.exp
    return node


def _sum_linearity(node: sp.Expr) -> sp.Expr:
    if not isinstance(node, sp.Sum) or len(node.limits) != 1:
        return node
    index, lower, upper = node.limits[0]
    terms = sp.Add.make_args(node.function)
    pieces = [_one_term(term, index, lower, upper) for term in terms]
    result = pieces[0] if len(pieces) == 1 else sp.Add(*pieces, evaluate=False)
    return node if result == node else result


def _one_term(term: sp.Expr, index: sp.Symbol, lower: sp.Expr, upper: sp.Expr) -> sp.Expr:
    """c * sum_i a_i for one term c a_i: factors free of the index move out of the sum."""
    outside = [f for f in sp.Mul.make_args(term) if index not in f.free_symbols]
    inside = [f for f in sp.Mul.make_args(term) if index in f.free_symbols]
    if not inside:
        count = sp.Add(upper, -lower, 1) if lower != 1 else upper
        numbers = [f for f in outside if f.is_Number]
        rest = [f for f in outside if not f.is_Number]
        return sp.Mul(*numbers, count, *rest, evaluate=False)
    body = inside[0] if len(inside) == 1 else sp.Mul(*inside, evaluate=False)
    total = sp.Sum(body, (index, lower, upper))
    return sp.Mul(*outside, total, evaluate=False) if outside else total


def _mean(node: sp.Expr, means: Mapping[sp.Expr, sp.Expr]) -> sp.Expr:
    """sum_{n=1}^{N} a_n => N m, where the spec defines m = (1/N) sum_{n=1}^{N} a_n."""
    if not isinstance(node, sp.Sum) or len(node.limits) != 1:
        return node
    count = node.limits[0][2] if node.limits[0][1] == 1 else None
    for name, value in means.items():
        if count is not None and value * count == node:  # (1/N) sum ... times N: the sum
            return sp.Mul(count, name, evaluate=False)
    return node


def _write_out(node: sp.Expr) -> sp.Expr:
    """sum_{k=1}^{2} a_k => a_1 + a_2 (integer bounds only)."""
    from derivetex.judge.symbolic import write_out

    return write_out(node)


def _fold_definition(node: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr]) -> sp.Expr:
    """e^{a_i} / sum_j e^{a_j} => y_i where y_i is defined so (each index written in node)."""
    found = node
    indices = {i for item in node.atoms(sp.Indexed) for i in item.indices}
    for name, value in definitions.items():
        if (isinstance(name, sp.Indexed) and len(name.indices) == 1
                and isinstance(name.indices[0], sp.Symbol)):  # y_{i}: every y_{k}; m_{1}: one
            letter = name.indices[0]
            for index in indices:  # subs, not xreplace: a/s is found inside a * b / s
                found = found.subs(value.xreplace({letter: index}), name.base[index])
        elif value != name and (not isinstance(name, sp.Indexed)
                                or all(i.is_Integer for i in name.indices)):
            found = found.subs(value, name)
    return node if found == node else found


def _identity(node: sp.Expr) -> sp.Expr:
    return node


def rational_equal(a: sp.Expr, b: sp.Expr) -> bool:
    """a = b by the algebra of fractions alone (functions, sums and derivatives as atoms)."""
    try:
        return bool(sp.cancel(sp.together(a - b)) == 0)
    except (sp.PolynomialError, TypeError, ValueError):
        return False


def _use_definition(node: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr]) -> sp.Expr:
    return definitions.get(node, node)


LOG_QUOTIENT = Rule(
    name="log_quotient",
    statement=r"\log \frac{a}{b} = \log a - \log b",
    example=r"\log \frac{\lambda^{x}}{x!} => \log \lambda^{x} - \log x!",
    relation="equals",
    rewrite=_log_quotient,
    conditions=("a > 0", "b > 0"),
)

LOG_EXP = Rule(
    name="log_exp",
    statement=r"\log e^{a} = a",
    example=r"\log e^{- \lambda} => - \lambda",
    relation="equals",
    rewrite=_log_exp,
    conditions=("a real",),
)

SUM_LINEARITY = Rule(
    name="sum_linearity",
    statement=r"\sum_{i} (c a_{i} + b_{i}) = c \sum_{i} a_{i} + \sum_{i} b_{i}",
    example=r"\sum_{i=1}^{N} (x_{i} \log \lambda - \lambda) => \log \lambda \sum_{i=1}^{N} x_{i}"
    r" - N \lambda",
    relation="equals",
    rewrite=_sum_linearity,
    conditions=("c does not depend on i",),
)

USE_DEFINITION = Rule(
    name="use_definition",
    statement=r"A = B",
    example=r"\log L => \log \prod_{k=1}^{K} y_{k}^{t_{k}}",
    relation="equals",
    rewrite=_use_definition,
)

USE_EQUATION = Rule(
    name="use_equation",
    statement=r"A = B",
    example=r"- \log L => - \sum_{k=1}^{K} t_{k} \log y_{k}",
    relation="equals",
    rewrite=_use_definition,
)

MEAN = Rule(
    name="mean",
    statement=r"\sum_{n=1}^{N} a_{n} = N \bar{a},\ \bar{a} = \frac{1}{N} \sum_{n=1}^{N} a_{n}",
    example=r"\sum_{n=1}^{N} (x_{n} - \mu)^{2} => N M",
    relation="equals",
    rewrite=_mean,
)

WRITE_OUT = Rule(
    name="write_out",
    statement=r"\sum_{k=1}^{2} a_{k} = a_{1} + a_{2}",
    example=r"\sum_{k=1}^{2} t_{k} \log y_{k} => t_{1} \log y_{1} + t_{2} \log y_{2}",
    relation="equals",
    rewrite=_write_out,
)

FOLD_DEFINITION = Rule(
    name="fold_definition",
    statement=r"B = A",
    example=r"\frac{e^{a_{i}}}{\sum_{j=1}^{K} e^{a_{j}}} => y_{i}",
    relation="equals",
    rewrite=_fold_definition,
    strategy="root",
)

ALGEBRA = Rule(
    name="algebra",
    statement=r"\frac{a}{c} - \frac{b}{c} = \frac{a - b}{c}",
    example=r"\frac{u s - u v}{s^{2}} => \frac{u}{s} (1 - \frac{v}{s})",
    relation="equals",
    rewrite=_identity,
    strategy="root",
)
"""Rearranging fractions: never applied by itself; inference names it when the two rows
are equal by the algebra of fractions alone (``rational_equal``) and no rule gives the row."""

RULES = (LOG_QUOTIENT, LOG_EXP, SUM_LINEARITY, USE_DEFINITION, USE_EQUATION, MEAN, WRITE_OUT,
         FOLD_DEFINITION, ALGEBRA)

"""The article's two log rules, for natural logs and any fixed base.

log_product:  log(a*b)        => log(a) + log(b)        (a, b > 0)
              log(prod_k f_k) => sum_k log(f_k)         (f_k > 0)
log_power:    log(a**b)       => b*log(a)               (a > 0, b real)
"""

from __future__ import annotations

import sympy as sp

from derivetex.model.logs import log_of, log_parts
from derivetex.model.symbols import positive
from derivetex.model.written import WrittenProduct, WrittenSum
from derivetex.rules.base import Rule


def _log_product(node: sp.Expr) -> sp.Expr:
    parts = log_parts(node)
    if parts is None:
        return node
    arg, base = parts
    if isinstance(arg, sp.Mul) and all(positive(f) for f in arg.args):
        return sp.Add(*(log_of(f, base, evaluate=False) for f in arg.args), evaluate=False)
    if isinstance(arg, WrittenProduct) and positive(arg.function):  # every factor, at once
        return WrittenSum(log_of(arg.function, base, evaluate=False), *arg.limits)
    if isinstance(arg, sp.Product) and positive(arg.function) and len(arg.limits) > 1:
        *inner, outer = arg.limits  # log prod_n prod_k f => sum_n log prod_k f: one sign a step
        rest = sp.Product(arg.function, *inner)
        return sp.Sum(log_of(rest, base, evaluate=False), outer)
    if isinstance(arg, sp.Product) and positive(arg.function):
        return sp.Sum(log_of(arg.function, base, evaluate=False), *arg.limits)
    return node


def _log_power(node: sp.Expr) -> sp.Expr:
    parts = log_parts(node)
    if parts is None:
        return node
    arg, base = parts
    if isinstance(arg, sp.Pow) and positive(arg.base) and arg.exp.is_real:
        return sp.Mul(arg.exp, log_of(arg.base, base, evaluate=False), evaluate=False)
    return node


LOG_PRODUCT = Rule(
    name="log_product",
    statement=r"\log ab = \log a + \log b",
    example=r"\log (y_{1}^{t_{1}} \cdot y_{2}^{t_{2}}) => \log y_{1}^{t_{1}} + \log y_{2}^{t_{2}}",
    relation="equals",
    rewrite=_log_product,
    conditions=("a > 0", "b > 0"),
)

LOG_POWER = Rule(
    name="log_power",
    statement=r"\log a^{b} = b \log a",
    example=r"\log y_{1}^{t_{1}} => t_{1} \log y_{1}",
    relation="equals",
    rewrite=_log_power,
    conditions=("a > 0",),
)

RULES = (LOG_PRODUCT, LOG_POWER)

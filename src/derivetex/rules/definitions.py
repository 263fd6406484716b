"""Rules that introduce, recall or substitute whole equations.

define:               L => y_1^t_1 * y_2^t_2 * y_3^t_3        (the chain's symbol is defined)
take_log:             log L => log(y_1^t_1 * ...)              (L = X, so log L = log X)
recall_equation:      E => -sum_{k=1}^{K} t_k log y_k          (an equation proved earlier)
substitute_equation:  -log L => -sum_{k=1}^{K} t_k log y_k      (replace log L by (5.1))
"""

from __future__ import annotations

import sympy as sp

from derivetex.rules.base import Rule


def _replace_with(node: sp.Expr, value: sp.Expr) -> sp.Expr:
    return value


def _substitute(node: sp.Expr, old: sp.Expr, new: sp.Expr) -> sp.Expr:
    return new if node == old else node


DEFINE_LIKELIHOOD = Rule(
    name="define_likelihood",
    statement=r"L = \prod_{k=1}^{K} y_{k}^{t_{k}}",
    example=r"L => y_{1}^{t_{1}} \cdot y_{2}^{t_{2}} \cdot y_{3}^{t_{3}}",
    relation="defines",
    rewrite=_replace_with,
    strategy="root",
)

DEFINE_CROSS_ENTROPY = Rule(
    name="define_cross_entropy",
    statement=r"E = - \log L",
    example=r"E => - \log L",
    relation="defines",
    rewrite=_replace_with,
    strategy="root",
)

TAKE_LOG = Rule(
    name="take_log",
    statement=r"L = X \Rightarrow \log L = \log X",
    example=r"\log L => \log (y_{1}^{t_{1}} \cdot y_{2}^{t_{2}})",
    relation="equals",
    rewrite=_replace_with,
    strategy="root",
    conditions=("L > 0",),
)

RECALL_EQUATION = Rule(
    name="recall_equation",
    statement=r"A = B",
    example=r"E => - \sum_{k=1}^{K} t_{k} \log y_{k}",
    relation="equals",
    rewrite=_replace_with,
    strategy="root",
)

SUBSTITUTE_EQUATION = Rule(
    name="substitute_equation",
    statement=r"A = B",
    example=r"- \log L => - \sum_{k=1}^{K} t_{k} \log y_{k}",
    relation="equals",
    rewrite=_substitute,
)

RULES = (DEFINE_LIKELIHOOD, DEFINE_CROSS_ENTROPY, TAKE_LOG, RECALL_EQUATION, SUBSTITUTE_EQUATION)

"""Derivative rules, each a rewrite of one ``Derivative`` node (the softmax gradient's steps).

diff_linearity:  d/dx (c f + g)        => c df/dx + dg/dx   (sums: ``calculus.diff_sum``)
chain_rule:      d/dx F(u)             => dF/du * du/dx                 (u a name)
                 d/dx F(g)             => F'(g) * dg/dx                 (g an expression)
d_log:           d/du log u            => 1/u
d_exp:           d/du exp u            => exp u
d_index:         d a_i / d a_k         => delta_ik
quotient_rule:   d/dx (u/w)            => (du/dx w - u dw/dx) / w^2
sum_delta:       sum_i delta_ik f_i    => f_k
sum_to_one:      sum_k t_k             => 1                             (a stated fact)
expand_product:  a (b + c)             => a b + a c

Whether a term depends on x goes through ``definitions``: y_i depends on a_k when y_i is
defined by a_k (the rule sees y_i, not its definition).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy as sp

from derivetex.rules.base import Rule
from derivetex.rules.calculus import inner, outer_derivative


def _depends(expr: sp.Expr, var: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr]) -> bool:
    from derivetex.judge.terms import depends as depends_on

    if depends_on(expr, var):
        return True
    for node in sp.preorder_traversal(expr):
        value = definitions.get(node)
        if value is not None and value is not node and depends_on(value, var):
            return True
    return False


def _single(node: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """(body, variable) of a first derivative in one variable."""
    if isinstance(node, sp.Derivative) and len(node.variable_count) == 1:
        var, count = node.variable_count[0]
        if count == 1:
            return node.expr, var
    return None


def _d(expr: sp.Expr, var: sp.Expr) -> sp.Expr:
    return sp.Derivative(expr, var, evaluate=False)


def _diff_linearity(node: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr] = {}) -> sp.Expr:
    """d/dx of a sum is the sum of the derivatives, each with its constant factors outside."""
    parts = _single(node)
    if parts is None:
        return node
    body, var = parts
    if isinstance(body, sp.Add):
        return sp.Add(*(_scaled(term, var, definitions) for term in body.args), evaluate=False)
    result = _scaled(body, var, definitions)
    return node if result == node else result


def _scaled(body: sp.Expr, var: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr]) -> sp.Expr:
    """c d f/dx for a product c f whose factors c do not depend on x; d body/dx otherwise."""
    if isinstance(body, sp.Mul):
        constant = [f for f in body.args if not _depends(f, var, definitions)]
        varying = [f for f in body.args if _depends(f, var, definitions)]
        if not varying and body.args[0].is_Number and len(body.args) > 1:  # d(-y)/dx
            constant, varying = [body.args[0]], list(body.args[1:])
        if constant and varying:
            rest = varying[0] if len(varying) == 1 else sp.Mul(*varying, evaluate=False)
            return sp.Mul(*constant, _d(rest, var), evaluate=False)
    return _d(body, var)


def _chain_rule(node: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr] = {}) -> sp.Expr:
    """Through a name u (y_i defined by a_k): dF/du du/dx, each factor a step of its own;
    through an expression g (w x_i - y_i): F'(g) dg/dx, F' from ``outer_derivative``."""
    parts = _single(node)
    if parts is None:
        return node
    body, var = parts
    inside = inner(body)
    if inside is None or inside == var or not _depends(inside, var, definitions):
        return node
    if isinstance(body, sp.Pow) and _depends(body.exp, var, definitions):
        return node
    if isinstance(inside, (sp.Symbol, sp.Indexed)):  # d/du needs u to be a name
        return sp.Mul(_d(body, inside), _d(inside, var), evaluate=False)
    outer = outer_derivative(body, var)
    if outer is None:
        return node
    return sp.Mul(outer, _d(inside, var), evaluate=False)


Rewrite = Callable[[sp.Expr], sp.Expr]


def _outer(kind: type[sp.Function], result: Rewrite) -> Rewrite:
    def rewrite(node: sp.Expr) -> sp.Expr:
        parts = _single(node)
        if parts is None:
            return node
        body, var = parts
        if isinstance(body, kind) and body.args[0] == var:
            return result(var)
        return node

    return rewrite


def _d_index(node: sp.Expr) -> sp.Expr:
    parts = _single(node)
    if parts is None:
        return node
    body, var = parts
    if (isinstance(body, sp.Indexed) and isinstance(var, sp.Indexed) and body.base == var.base
            and len(body.indices) == 1 == len(var.indices)):
        return sp.KroneckerDelta(body.indices[0], var.indices[0], evaluate=False)
    return node


def _quotient_rule(node: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr] = {}) -> sp.Expr:
    parts = _single(node)
    if parts is None or not isinstance(parts[0], sp.Mul):
        return node
    body, var = parts
    top = [f for f in body.args if not (isinstance(f, sp.Pow) and f.exp == -1)]
    bottom = [f.base for f in body.args if isinstance(f, sp.Pow) and f.exp == -1]
    if len(bottom) != 1 or not top or not _depends(bottom[0], var, definitions):
        return node
    u = top[0] if len(top) == 1 else sp.Mul(*top, evaluate=False)
    w = bottom[0]
    numerator = sp.Add(sp.Mul(_d(u, var), w, evaluate=False),
                       sp.Mul(-1, u, _d(w, var), evaluate=False), evaluate=False)
    return sp.Mul(numerator, sp.Pow(sp.Pow(w, 2, evaluate=False), -1, evaluate=False),
                  evaluate=False)


def _sum_delta(node: sp.Expr) -> sp.Expr:
    if not isinstance(node, sp.Sum) or len(node.limits) != 1:
        return node
    index = node.limits[0][0]
    factors = _flat(node.function)
    for factor in factors:
        if isinstance(factor, sp.KroneckerDelta) and index in factor.args:
            other = factor.args[0] if factor.args[1] == index else factor.args[1]
            rest = [f for f in factors if f is not factor]
            body = sp.Mul(*rest, evaluate=False) if len(rest) > 1 else (rest or [1])[0]
            return sp.sympify(body).xreplace({index: other})
    return node


def _flat(product: sp.Expr) -> list[sp.Expr]:
    """The factors of a product, unevaluated products inside it opened (t (δ / y))."""
    return [f for arg in sp.Mul.make_args(product)
            for f in (_flat(arg) if isinstance(arg, sp.Mul) else [arg])]


def _sum_to_one(node: sp.Expr, bases: frozenset[sp.Basic] = frozenset()) -> sp.Expr:
    if (isinstance(node, sp.Sum) and len(node.limits) == 1
            and isinstance(node.function, sp.Indexed) and node.function.base in bases
            and node.function.indices == (node.limits[0][0],)):
        return sp.Integer(1)
    return node


def _expand_product(node: sp.Expr) -> sp.Expr:
    if isinstance(node, sp.Mul) and any(isinstance(f, sp.Add) for f in node.args):
        return sp.expand(node, deep=False, log=False, power_exp=False, power_base=False)
    return node


def _rule(name: str, statement: str, example: str, rewrite: Callable[..., sp.Expr],
          conditions: tuple[str, ...] = ()) -> Rule:
    return Rule(name=name, statement=statement, example=example, relation="equals",
                rewrite=rewrite, conditions=conditions)


RULES = (
    _rule("diff_linearity",
          r"\frac{\partial}{\partial x} (c f + g) = c \frac{\partial f}{\partial x} + "
          r"\frac{\partial g}{\partial x}",
          r"\frac{\partial}{\partial a_{k}} (- t_{i} \log y_{i}) => - t_{i} "
          r"\frac{\partial \log y_{i}}{\partial a_{k}}", _diff_linearity,
          ("c does not depend on x",)),
    _rule("chain_rule",
          r"\frac{\partial f(u)}{\partial x} = \frac{d f}{d u} \frac{\partial u}{\partial x}",
          r"\frac{\partial \log y_{i}}{\partial a_{k}} => \frac{d \log y_{i}}{d y_{i}} "
          r"\frac{\partial y_{i}}{\partial a_{k}}", _chain_rule),
    _rule("d_log", r"\frac{d}{d u} \log u = \frac{1}{u}",
          r"\frac{d \log y_{i}}{d y_{i}} => \frac{1}{y_{i}}", _outer(sp.log, lambda u: 1 / u),
          ("u > 0",)),
    _rule("d_exp", r"\frac{d}{d u} e^{u} = e^{u}", r"\frac{d e^{a_{i}}}{d a_{i}} => e^{a_{i}}",
          _outer(sp.exp, sp.exp)),
    _rule("d_index", r"\frac{\partial a_{i}}{\partial a_{k}} = \delta_{ik}",
          r"\frac{\partial a_{i}}{\partial a_{k}} => \delta_{ik}", _d_index),
    _rule("quotient_rule",
          r"\frac{\partial}{\partial x} \frac{u}{w} = \frac{\frac{\partial u}{\partial x} w - "
          r"u \frac{\partial w}{\partial x}}{w^{2}}",
          r"\frac{\partial}{\partial a_{k}} \frac{e^{a_{i}}}{S} => \frac{\frac{\partial "
          r"e^{a_{i}}}{\partial a_{k}} S - e^{a_{i}} \frac{\partial S}{\partial a_{k}}}{S^{2}}",
          _quotient_rule, ("w \\neq 0",)),
    _rule("sum_delta", r"\sum_{i} \delta_{ik} f_{i} = f_{k}",
          r"\sum_{i=1}^{K} \delta_{ik} t_{i} => t_{k}", _sum_delta),
    _rule("sum_to_one", r"\sum_{k} t_{k} = 1", r"\sum_{i=1}^{K} t_{i} => 1", _sum_to_one,
          ("t_{k} are one-hot or soft labels",)),
    _rule("expand_product", r"a (b + c) = a b + a c",
          r"t_{i} (\delta_{ik} - y_{k}) => t_{i} \delta_{ik} - t_{i} y_{k}", _expand_product),
)

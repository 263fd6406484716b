"""The calculus a derivation in ML writing needs, each rule a rewrite of one ``Derivative``.

power_rule:           d/dx x^n               => n x^{n-1}; d/dx x => 1      (n free of x)
product_rule:         d/dx (u v)             => du/dx v + u dv/dx           (u, v depend on x)
d_constant:           d/dx c                 => 0                           (c free of x)
diff_sum:             d/dx sum_i f_i         => sum_i df_i/dx               (a finite sum)
d_sigmoid:            d/du sigma(u)          => sigma(u) (1 - sigma(u))
d_tanh:               d/du tanh u            => 1 - tanh^2 u
differentiate_again:  d^2 f/dx^2             => d/dx (df/dx as proved)      (a Hessian)
set_derivative_zero:  dl/dp = 0, solved      => p = the solution            (an MLE's last step)

The chain rule through an expression (d/dx F(g) => F'(g) dg/dx) uses ``outer_derivative``,
F' for the outer functions these rules know (log, exp, powers, sigma, tanh).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy as sp

from derivetex.model.functions import sigmoid
from derivetex.rules.base import Rule


def single(node: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """(body, variable) of a first derivative in one variable."""
    if isinstance(node, sp.Derivative) and len(node.variable_count) == 1:
        var, count = node.variable_count[0]
        if count == 1:
            return node.expr, var
    return None


def d(expr: sp.Expr, var: sp.Expr) -> sp.Expr:
    """d expr / d var, kept unevaluated (a row shows it)."""
    return sp.Derivative(expr, var, evaluate=False)


def depends(expr: sp.Expr, var: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr]) -> bool:
    """expr depends on var, directly or through a defined name (y_i through a_k)."""
    from derivetex.judge.terms import depends as depends_on

    if depends_on(expr, var):
        return True
    for node in sp.preorder_traversal(expr):
        value = definitions.get(node)
        if value is not None and value is not node and depends_on(value, var):
            return True
    return False


def _mul(*factors: sp.Expr) -> sp.Expr:
    kept = [f for f in factors if f != 1]
    if not kept:
        return sp.Integer(1)
    return kept[0] if len(kept) == 1 else sp.Mul(*kept, evaluate=False)


def _power(base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
    """base^exponent written as a person would: n - 1 worked out, x^1 as x."""
    lower = sp.sympify(exponent - 1)
    if lower == 0:
        return sp.Integer(1)
    return base if lower == 1 else sp.Pow(base, lower, evaluate=False)


def outer_derivative(body: sp.Expr, var: sp.Expr) -> sp.Expr | None:
    """F'(u) for body = F(u) (u the argument); None for a function these rules do not know."""
    if isinstance(body, sp.Pow) and not body.exp.has(var) and body.base != sp.E:
        return _mul(body.exp, _power(body.base, body.exp))
    if isinstance(body, sp.log) and len(body.args) == 1:
        return sp.Pow(body.args[0], -1, evaluate=False)
    if isinstance(body, sp.exp):
        return body
    if isinstance(body, sigmoid):
        return sp.Mul(body, sp.Add(1, sp.Mul(-1, body, evaluate=False), evaluate=False),
                      evaluate=False)
    if isinstance(body, sp.tanh):
        return sp.Add(1, sp.Mul(-1, sp.Pow(body, 2, evaluate=False), evaluate=False),
                      evaluate=False)
    return None


def inner(body: sp.Expr) -> sp.Expr | None:
    """u in F(u) for the outer functions above."""
    if isinstance(body, sp.Pow) and body.base != sp.E:
        return body.base
    if isinstance(body, (sp.log, sp.exp, sigmoid, sp.tanh)) and len(body.args) == 1:
        return body.args[0]
    return None


def _power_rule(node: sp.Expr) -> sp.Expr:
    parts = single(node)
    if parts is None:
        return node
    body, var = parts
    if body == var:
        return sp.Integer(1)
    if isinstance(body, sp.Pow) and body.base == var and not body.exp.has(var):
        return _mul(body.exp, _power(var, body.exp))
    return node


def _product_rule(node: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr] = {}) -> sp.Expr:
    parts = single(node)
    if parts is None or not isinstance(parts[0], sp.Mul):
        return node
    body, var = parts
    factors = list(body.args)
    if len(factors) < 2 or not all(depends(f, var, definitions) for f in factors):
        return node
    terms = []
    for at, factor in enumerate(factors):
        terms.append(sp.Mul(*factors[:at], d(factor, var), *factors[at + 1:], evaluate=False))
    return sp.Add(*terms, evaluate=False)


def _d_constant(node: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr] = {}) -> sp.Expr:
    parts = single(node)
    if parts is None:
        return node
    body, var = parts
    return node if depends(body, var, definitions) else sp.Integer(0)


def _diff_sum(node: sp.Expr) -> sp.Expr:
    parts = single(node)
    if parts is None or not isinstance(parts[0], sp.Sum):
        return node
    body, var = parts
    if any(var.has(limit[0]) for limit in body.limits):
        return node  # d/da_k sum_k: the index of the sum is the variable's own
    return sp.Sum(d(body.function, var), *body.limits)


def _of_variable(kind: type[sp.Function]) -> Callable[[sp.Expr], sp.Expr]:
    """d/du F(u) => F'(u), for the argument exactly the variable."""

    def rewrite(node: sp.Expr) -> sp.Expr:
        parts = single(node)
        if parts is None:
            return node
        body, var = parts
        if isinstance(body, kind) and body.args[0] == var:
            found = outer_derivative(body, var)
            return node if found is None else found
        return node

    return rewrite


def _differentiate_again(node: sp.Expr, definitions: Mapping[sp.Expr, sp.Expr] = {}) -> sp.Expr:
    """d^2 f/dx^2 => d/dx (the first derivative proved earlier), for a chain of d f/dx."""
    if not isinstance(node, sp.Derivative) or len(node.variable_count) != 1:
        return node
    var, count = node.variable_count[0]
    first = definitions.get(sp.Derivative(node.expr, var))
    if count < 2 or first is None:
        return node
    return sp.Derivative(first, (var, count - 1), evaluate=False)


def _solve_zero(node: sp.Expr, parameter: sp.Expr) -> sp.Expr:
    """The one solution of node = 0 for parameter; node itself when there is not exactly one."""
    try:
        found = sp.solve(sp.Eq(node, 0), parameter, dict=False)
    except (NotImplementedError, TypeError, ValueError):
        return node
    return found[0] if isinstance(found, list) and len(found) == 1 else node


def _rule(name: str, statement: str, example: str, rewrite: object,
          conditions: tuple[str, ...] = ()) -> Rule:
    return Rule(name=name, statement=statement, example=example, relation="equals",
                rewrite=rewrite, conditions=conditions)  # type: ignore[arg-type]


RULES = (
    _rule("power_rule", r"\frac{d}{d x} x^{r} = r x^{r - 1}",
          r"\frac{\partial w^{2}}{\partial w} => 2 w", _power_rule, ("r does not depend on x",)),
    _rule("product_rule",
          r"\frac{\partial}{\partial x} (u v) = \frac{\partial u}{\partial x} v + u "
          r"\frac{\partial v}{\partial x}",
          r"\frac{\partial}{\partial w} (w e^{w}) => \frac{\partial w}{\partial w} e^{w} + w "
          r"\frac{\partial e^{w}}{\partial w}", _product_rule),
    _rule("d_constant", r"\frac{\partial c}{\partial x} = 0",
          r"\frac{\partial y_{i}}{\partial w} => 0", _d_constant, ("c does not depend on x",)),
    _rule("diff_sum",
          r"\frac{\partial}{\partial x} \sum_{i} f_{i} = "
          r"\sum_{i} \frac{\partial f_{i}}{\partial x}",
          r"\frac{\partial}{\partial w} \sum_{i=1}^{N} w x_{i} => \sum_{i=1}^{N} "
          r"\frac{\partial}{\partial w} (w x_{i})", _diff_sum, ("the sum is finite",)),
    _rule("d_sigmoid", r"\frac{d}{d u} \sigma(u) = \sigma(u) (1 - \sigma(u))",
          r"\frac{d \sigma(z)}{d z} => \sigma(z) (1 - \sigma(z))", _of_variable(sigmoid)),
    _rule("d_tanh", r"\frac{d}{d u} \tanh (u) = 1 - \tanh (u)^{2}",
          r"\frac{d \tanh (z)}{d z} => 1 - \tanh (z)^{2}", _of_variable(sp.tanh)),
    _rule("differentiate_again",
          r"\frac{\partial^{2} f}{\partial x^{2}} = \frac{\partial}{\partial x} "
          r"\frac{\partial f}{\partial x}",
          r"\frac{\partial^{2} E}{\partial w^{2}} => \frac{\partial}{\partial w} \sum_{i} "
          r"(\sigma(w x_{i}) - t_{i}) x_{i}", _differentiate_again),
    Rule(name="set_derivative_zero",
         statement=r"\frac{\partial \ell}{\partial \theta} = 0 \Rightarrow \theta = \hat{\theta}",
         example=r"\frac{\sum_{i} x_{i}}{p} - \frac{N - \sum_{i} x_{i}}{1 - p} = 0 => "
                 r"p = \frac{1}{N} \sum_{i} x_{i}",
         relation="solves", rewrite=_solve_zero, strategy="root"),
)

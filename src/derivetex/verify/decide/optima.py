r"""``\arg\max_\theta f = \arg\min_\theta g``: the same optimum, not the same value.

Two optima over the same variable are equal when one objective is an increasing function of
the other (or, between argmax and argmin, a decreasing one). derivetex recognises the ones
maximum-likelihood writing uses: a term without the variable added (``\log L + c``), a
positive factor (``\frac{1}{n} \sum``), a sign (``\arg\max \ell = \arg\min -\ell``) and the
logarithm (``\arg\max L = \arg\max \log L``). Anything else is left unchecked: an argmax
relation that holds for a reason derivetex does not see is never called wrong.
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from derivetex.judge import numeric as num
from derivetex.judge.show import show
from derivetex.judge.terms import carry_out

NAMES = ("argmax", "argmin")


def is_optimum(expr: sympy.Basic) -> bool:
    return isinstance(expr, AppliedUndef) and expr.func.__name__ in NAMES


def same_optimum(a: sympy.Expr, b: sympy.Expr) -> str | None:
    """Why ``a`` and ``b`` (both optima) are the same point; ``None`` if not shown."""
    (f, v), (g, w) = a.args, b.args
    if v != w:
        return None
    flip = "" if a.func == b.func else " (with a sign)"
    first, second = _maximised(a.func.__name__, f), _maximised(b.func.__name__, g)
    if _free_of(first - second, v):
        return "the objectives differ by a term without " + _name(v) + flip
    if _free_of(_log(second) - first, v) or _free_of(_log(first) - second, v):
        return "one objective is the logarithm of the other" + flip
    ratio = sympy.simplify(first / second)
    if _free_of(ratio, v) and _positive(ratio):
        return "the objectives differ by a positive factor" + flip
    if _affine(first, second, v):
        return f"the objectives differ by a positive factor and a term without {_name(v)}" + flip
    return None


def _affine(first: sympy.Expr, second: sympy.Expr, variable: sympy.Basic) -> bool:
    """``f = c g + k`` with c > 0 and c, k free of the variable: their derivatives by it are in
    a positive ratio free of it (a log-likelihood against the squared errors it contains)."""
    slope = sympy.diff(_expanded(second), variable)
    if slope == 0:
        return False
    ratio = sympy.simplify(sympy.diff(_expanded(first), variable) / slope)
    return _free_of(ratio, variable) and _positive(ratio)


def _maximised(kind: str, objective: sympy.Expr) -> sympy.Expr:
    return objective if kind == "argmax" else -objective


def _log(expr: sympy.Expr) -> sympy.Expr:
    return sympy.log(expr, evaluate=False)


def _expanded(expr: sympy.Expr) -> sympy.Expr:
    """Logs of products split, expectations spread, sums over a symbolic bound written out
    for 3 terms (enough to see which terms involve the variable)."""
    written = num.expand_bounds(expr, {s: sympy.Integer(3) for s in num.bound_symbols(expr)})
    positive = {a: sympy.Dummy(positive=True) for a in written.atoms(AppliedUndef)}
    expanded = sympy.expand(sympy.expand_log(carry_out(written).xreplace(positive), force=True))
    return expanded.xreplace({d: a for a, d in positive.items()})


def _free_of(expr: sympy.Expr, variable: sympy.Basic) -> bool:
    """Whether no term of ``expr`` (written out, logs split) involves ``variable``."""
    return all(variable not in term.free_symbols for term in sympy.Add.make_args(_expanded(expr)))


def _positive(expr: sympy.Expr) -> bool:
    """Positive at random positive values of its names (counts, sizes)."""
    rows = num.sample([expr], "optimum")
    return rows is not None and all(row[0] > 0 for row in rows)


def _name(variable: sympy.Basic) -> str:
    return f"${show(variable)}$"

"""Logarithms in a chosen base, kept unevaluated so the derivation shows `\\log_{2} y`.

SymPy rewrites `log(x, 2)` to `log(x)/log(2)` at once, which destroys the structure the
article's steps rely on; `LogBase` keeps the base as an argument and only turns into
natural logs when a check asks for it (`to_natural`).
"""

from __future__ import annotations

import sympy as sp


class LogBase(sp.Function):
    """`LogBase(x, b)` is log_b(x); it never evaluates on its own."""

    nargs = 2

    @classmethod
    def eval(cls, x: sp.Expr, base: sp.Expr) -> None:
        return None

    def _eval_is_real(self) -> bool | None:
        x, base = self.args
        if x.is_positive and base.is_positive:
            return True
        return None

    def _eval_rewrite_as_log(self, x: sp.Expr, base: sp.Expr, **kwargs: object) -> sp.Expr:
        return sp.log(x) / sp.log(base)


def log_of(x: sp.Expr, base: sp.Expr | None, evaluate: bool = True) -> sp.Expr:
    """The logarithm of x in `base` (None: natural), never simplified away."""
    if base is None:
        return sp.log(x, evaluate=evaluate)
    return LogBase(x, base)


def log_parts(expr: sp.Expr) -> tuple[sp.Expr, sp.Expr | None] | None:
    """(argument, base) when expr is a logarithm, else None; base None means natural."""
    if isinstance(expr, sp.log):
        return expr.args[0], None
    if isinstance(expr, LogBase):
        return expr.args[0], expr.args[1]
    return None


def to_natural(expr: sp.Expr) -> sp.Expr:
    """Rewrite every LogBase as a quotient of natural logs, for checking."""
    return expr.replace(
        lambda e: isinstance(e, LogBase), lambda e: sp.log(e.args[0]) / sp.log(e.args[1])
    )

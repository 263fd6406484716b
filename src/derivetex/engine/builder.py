"""Building a chain: apply a rule to the current row, verify the step, record it."""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivetex.engine.checks import CheckContext, verify_step
from derivetex.engine.step import Chain, Step
from derivetex.errors import RuleNotApplicable
from derivetex.rules.base import Rule


class ChainBuilder:
    """Accumulates verified steps for `lhs = ... = ...`; nothing unverified is ever kept."""

    def __init__(self, name: str, lhs: sp.Expr, context: CheckContext) -> None:
        self._name = name
        self._lhs = lhs
        self._context = context
        self._current = lhs
        self._steps: list[Step] = []

    def continue_from(self, row: sp.Expr) -> ChainBuilder:
        """Start from a row established elsewhere (the first step rewrites it, not the lhs)."""
        if self._steps:
            raise RuleNotApplicable("continue_from must come before the first step")
        self._current = row
        return self

    def try_step(self, rule: Rule, **params: Any) -> ChainBuilder:
        """step(), or nothing when the rule does not apply to the current row."""
        if rule.apply(self._current, **params) == self._current:
            return self
        return self.step(rule, **params)

    def step(self, rule: Rule, **params: Any) -> ChainBuilder:
        """Apply rule to the current row; the result becomes the next row once verified."""
        before = self._current
        after = rule.apply(before, **params)
        if after is before or after == before:
            raise RuleNotApplicable(f"rule '{rule.name}' does not apply to {sp.sstr(before)[:80]}")
        checks = verify_step(rule, self._lhs, before, after, params, self._context)
        self._steps.append(Step(rule, before, after, checks, dict(params)))
        self._current = after
        return self

    def build(self, tag: str | None = None, legend: tuple[str, ...] = ()) -> Chain:
        if not self._steps:
            raise RuleNotApplicable(f"chain '{self._name}' has no steps")
        return Chain(self._name, self._lhs, tuple(self._steps), tag, legend)

    @property
    def current(self) -> sp.Expr:
        return self._current

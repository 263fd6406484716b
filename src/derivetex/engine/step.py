"""The records a derivation is made of: immutable checks, steps, chains and the derivation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from derivetex.rules.base import Rule


@dataclass(frozen=True)
class Check:
    """One way a step was checked: `method` is symbolic, numeric, instance, definition, ..."""

    method: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"method": self.method, "detail": self.detail}


@dataclass(frozen=True)
class Step:
    """rule took `before` to `after`; `checks` say how that was verified."""

    rule: Rule
    before: sp.Expr
    after: sp.Expr
    checks: tuple[Check, ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    moves: tuple[Any, ...] = ()
    """The ``inference.Move``s that made ``after``, each with its own parameters (a spec row's
    sequence, a fill's one move); () when ``rule`` with ``params`` alone did."""

    @property
    def verified(self) -> bool:
        return bool(self.checks)


@dataclass(frozen=True)
class Chain:
    """One aligned block: `lhs = row_1 = row_2 = ...`, each row the `after` of a step."""

    name: str
    lhs: sp.Expr
    steps: tuple[Step, ...]
    tag: str | None = None
    legend: tuple[str, ...] = ()

    @property
    def result(self) -> sp.Expr:
        return self.steps[-1].after


@dataclass(frozen=True)
class Derivation:
    """An ordered tuple of chains plus what a renderer needs to know about the problem."""

    name: str
    chains: tuple[Chain, ...]
    K: int | None
    log_base: int | None
    labels: tuple[str, ...] | None
    y: tuple[sp.Rational, ...] | None
    t: tuple[sp.Rational, ...] | None
    values: Mapping[str, float]
    spec: Any = None
    """The spec a derivation was built from (its prose and symbols), None for built-in ones."""

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(step for chain in self.chains for step in chain.steps)

    def chain(self, name: str) -> Chain:
        for chain in self.chains:
            if chain.name == name:
                return chain
        raise KeyError(name)

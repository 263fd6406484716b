"""What a link taught its section, and the one place it is applied.

A link is checked against a *snapshot* of the section's scope; the check may record there what
the link gives (a definition, values, a fact, a vector's length, the equation it states).
:func:`learned` reads those changes off the snapshot, and the pipeline (``audit``) applies them
to the section with :func:`apply` -- or drops them, when the check did not finish (its budget
ran out, or it failed: ``internal``). So what one check does to its copy never reaches the
scope another check reads, except through the pipeline, in the order of the links.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from derivetex.verify.scope import Scope

_TABLES = (
    "definitions", "bindings", "earlier", "facts", "formulas", "sizes", "matrices", "conditions",
)
"""The scope's tables a check may change."""
_VALUES = ("origin", "earlier_origin", "equation")
"""The scope's single values a check may change."""


@dataclass(frozen=True)
class Learned:
    """Entries a link set (per table), entries it removed, single values it changed, and the
    names it defined a second time."""

    set: dict[str, dict[Any, Any]] = field(default_factory=dict)
    removed: dict[str, frozenset[Any]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    replaced: frozenset[Any] = frozenset()


def snapshot(scope: Scope) -> Scope:
    """A copy of ``scope`` whose tables a check may change without changing ``scope``."""
    copied = {f.name: getattr(scope, f.name) for f in fields(scope)}
    copied.update({name: dict(getattr(scope, name)) for name in _TABLES})
    copied["replaced"] = set(scope.replaced)
    return Scope(**copied)


def learned(before: Scope, after: Scope) -> Learned:
    """What ``after`` (a snapshot of ``before``, checked) has that ``before`` has not."""
    changed: dict[str, dict[Any, Any]] = {}
    removed: dict[str, frozenset[Any]] = {}
    for name in _TABLES:
        old, new = getattr(before, name), getattr(after, name)
        entries = {k: v for k, v in new.items() if k not in old or old[k] is not v}
        gone = frozenset(k for k in old if k not in new)
        if entries:
            changed[name] = entries
        if gone:
            removed[name] = gone
    values = {n: getattr(after, n) for n in _VALUES if getattr(after, n) is not getattr(before, n)}
    return Learned(changed, removed, values, frozenset(after.replaced - before.replaced))


def apply(scope: Scope, lesson: Learned) -> None:
    """Give ``scope`` what a link taught it (entries removed first, then set)."""
    for name, gone in lesson.removed.items():
        table = getattr(scope, name)
        for key in gone:
            table.pop(key, None)
    for name, entries in lesson.set.items():
        getattr(scope, name).update(entries)
    for name, value in lesson.values.items():
        setattr(scope, name, value)
    scope.replaced |= lesson.replaced

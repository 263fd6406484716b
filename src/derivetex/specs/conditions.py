"""``when`` conditions: a chain or row of a spec that holds only for some sizes or only with
the example's values (``K concrete``, ``K > 1``, ``values``), so one spec covers the written-out
and the general derivation.

A condition is checked when the spec is loaded (a malformed one names its key) and decided
when it is built, from the sizes the options chose (None: the size left as its letter).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping

CLAUSE = re.compile(
    r"^\s*(?:(?P<values>values)|(?P<name>[A-Za-z][A-Za-z0-9]*)\s+"
    r"(?:(?P<kind>symbolic|concrete)|(?P<op>=|>|<|>=|<=)\s*(?P<number>\d{1,6})))\s*$"
)
OPERATORS: dict[str, Callable[[int, int], bool]] = {
    "=": operator.eq, ">": operator.gt, "<": operator.lt, ">=": operator.ge, "<=": operator.le,
}
SYNTAX = ("'values', 'N symbolic', 'N concrete' or 'N > 1' (=, >, <, >=, <=), "
          "joined by 'and'")


def condition_problem(text: str, sizes: Mapping[str, object]) -> str | None:
    """What is wrong with ``text`` (None when it is a condition on the declared ``sizes``)."""
    for clause in text.split(" and "):
        found = CLAUSE.match(clause)
        if found is None:
            return f"cannot read the condition {clause.strip()!r} (write {SYNTAX})"
        name = found.group("name")
        if name is not None and name not in sizes:
            known = ", ".join(sorted(sizes)) or "none"
            return f"{name!r} is not a size of the example (sizes: {known})"
    return None


def holds(text: str | None, sizes: Mapping[str, int | None], has_values: bool) -> bool:
    """Whether the condition holds for these sizes (None: symbolic) and values."""
    if text is None:
        return True
    return all(_clause(clause, sizes, has_values) for clause in text.split(" and "))


def _clause(clause: str, sizes: Mapping[str, int | None], has_values: bool) -> bool:
    found = CLAUSE.match(clause)
    assert found is not None, clause  # checked by condition_problem when loaded
    if found.group("values"):
        return has_values
    size = sizes.get(found.group("name"))  # a size the options left out is its letter
    if found.group("kind") == "symbolic":
        return size is None
    if found.group("kind") == "concrete":
        return size is not None
    return size is not None and OPERATORS[found.group("op")](size, int(found.group("number")))

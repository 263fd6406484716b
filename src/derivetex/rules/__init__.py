"""The rewrite rules, each registered once, by family."""

from derivetex.rules import (
    algebra,
    calculus,
    definitions,
    derivatives,
    evaluation,
    logarithms,
    series,
)
from derivetex.rules.base import Relation, Rule

RULES: dict[str, Rule] = {
    rule.name: rule
    for family in (logarithms, series, definitions, evaluation, algebra, derivatives, calculus)
    for rule in family.RULES
}

__all__ = ["RULES", "Relation", "Rule"]

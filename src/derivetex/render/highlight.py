"""``--highlight``: in each row, the sub-terms the next step rewrites and the sub-terms the step
before made, each in a colour of the Okabe–Ito palette (told apart by colour-blind readers)
and underlined, so a print in grey still shows them.

The printer asks ``Marks`` about every node it prints; ``engine.changes`` gives nodes of the
rows themselves, so a node is matched by equality. A change that is the whole row before and the
whole row after (a definition put in for the left-hand side, a recalled equation) is listed
in the JSON but not marked: colouring every row says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from derivetex.engine import Step
from derivetex.engine.changes import Change, changes

KINDS = ("after", "before")
"""Wrapped in this order, the first innermost: a term made by one step and rewritten by the
next is underlined twice."""
PALETTE = {"before": "D55E00", "after": "0072B2"}
"""Okabe–Ito vermillion (rewritten next) and blue (just made); they differ in grey too."""
TEX_NAMES = {"before": "dtbefore", "after": "dtafter"}
TEX_PREAMBLE = "\\usepackage{xcolor}\n" + "".join(
    f"\\definecolor{{{TEX_NAMES[kind]}}}{{HTML}}{{{PALETTE[kind]}}}\n" for kind in PALETTE)
"""What a highlighted tex document loads (KaTeX and MathJax take the hex colour itself)."""
SIGN = re.compile(r"^-\s*")


@dataclass(frozen=True)
class Marks:
    """The sub-terms of one row to colour, and the target they print for."""

    kinds: Mapping[sp.Basic, frozenset[str]]
    target: str

    def kinds_of(self, expr: sp.Basic) -> frozenset[str]:
        return self.kinds.get(expr, frozenset()) if self.kinds else frozenset()

    def wrap(self, text: str, kinds: frozenset[str]) -> str:
        """``\\textcolor{...}{\\underline{text}}``; a leading minus stays outside, where the
        printer's sums read it."""
        sign = SIGN.match(text)
        head, body = (sign.group(0), text[sign.end():]) if sign else ("", text)
        for kind in KINDS:
            if kind in kinds:
                body = rf"\textcolor{{{self.colour(kind)}}}{{\underline{{{body}}}}}"
        return head + body

    def colour(self, kind: str) -> str:
        return TEX_NAMES[kind] if self.target == "print" else f"#{PALETTE[kind]}"


def chain_marks(lhs: sp.Expr, steps: Sequence[Step], target: str) -> list[Marks]:
    """Marks for the left-hand side, then for each step's row: what the step made, and what
    the next step rewrites."""
    found = [_shown(step) for step in steps]
    rows: list[dict[sp.Basic, set[str]]] = [{} for _ in range(len(steps) + 1)]
    for position, step_changes in enumerate(found):
        for change in step_changes:
            _add(rows[position], change.before, "before")
            _add(rows[position + 1], change.after, "after")
    return [Marks({k: frozenset(v) for k, v in row.items()}, target) for row in rows]


def _shown(step: Step) -> tuple[Change, ...]:
    return tuple(c for c in changes(step) if (*c.before, *c.after) != (step.before, step.after))


def _add(row: dict[sp.Basic, set[str]], terms: tuple[sp.Expr, ...], kind: str) -> None:
    for term in terms:
        row.setdefault(term, set()).add(kind)


def changed_data(step: Step, latex: Any) -> list[dict[str, Any]]:
    """The JSON's ``changed`` of one step: each change's sub-terms before and after, as LaTeX."""
    return [{"before": [latex(t) for t in c.before], "after": [latex(t) for t in c.after],
             "found": c.found} for c in changes(step)]

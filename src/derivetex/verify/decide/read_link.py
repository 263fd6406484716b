"""A link with its sides as read: the one record the decide steps hand each other."""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy

from derivetex.judge.claims import Claim
from derivetex.verify.links.rows import Link
from derivetex.verify.readings.side import Reading


@dataclass(frozen=True)
class ReadLink:
    """``link``, the readings of its sides, the number its right side claims (if any) and the
    expressions judged (``left``, ``right``: the readings' own, or a reading of them such as
    bare names applied). One record, so no step repeats a long list of its parts."""

    link: Link
    left_reading: Reading
    right_reading: Reading
    claim: Claim | None
    left: sympy.Expr
    right: sympy.Expr

    def with_sides(self, left: sympy.Expr, right: sympy.Expr) -> ReadLink:
        """The same link judged with other expressions for its sides."""
        return replace(self, left=left, right=right)

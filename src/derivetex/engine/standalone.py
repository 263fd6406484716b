"""The moves that need nothing from a spec (no definitions, sizes or values): what
``derivetex fill`` searches with and what ``verify --explain`` names an ok link by."""

from __future__ import annotations

from functools import cache

import sympy as sp

from derivetex.engine.inference import Move
from derivetex.rules import RULES

STANDALONE = ("log_product", "log_power", "log_quotient", "log_exp", "sum_linearity",
              "write_out", "diff_linearity", "diff_sum", "chain_rule", "d_log", "d_exp",
              "d_index", "quotient_rule", "sum_delta", "expand_product", "power_identities",
              "zero_terms", "power_rule", "product_rule", "d_constant", "d_sigmoid", "d_tanh")
"""Rules that need nothing from a spec."""


@cache
def standalone_moves() -> tuple[Move, ...]:
    """The rules above, and collecting terms into a sum over k (the letter people use)."""
    k = sp.Symbol("k", positive=True)
    collect = (Move(RULES["collect_sum"], {"index": k}),
               Move(RULES["collect_product"], {"index": k}))
    return (*(Move(RULES[name]) for name in STANDALONE), *collect)

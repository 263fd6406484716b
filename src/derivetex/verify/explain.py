"""``verify --explain``: for each ``ok`` link, the registered rule (or short sequence) that
takes its left side to its right, in the rule catalog's words, as a justification row a writer
can paste between the two rows of an ``aligned`` block.

The same inference specs use (``engine.inference``). Names are taken positive, as the judge
takes them, so the log rules can apply; a link no rule sequence gives is left unexplained.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import sympy

from derivetex.engine.inference import Move, find_sequence
from derivetex.errors import DerivetexError
from derivetex.reader import Unreadable, parse
from derivetex.render.wording import CATALOGS, circled, fill
from derivetex.rules import RULES
from derivetex.rules.algebra import rational_equal
from derivetex.verify.report import OK, FileReport, Finding

EXPLAINING = ("log_product", "log_power", "log_quotient", "log_exp", "sum_linearity",
              "write_out", "diff_linearity", "diff_sum", "chain_rule", "d_log", "d_exp",
              "d_index", "quotient_rule", "sum_delta", "expand_product", "power_identities",
              "zero_terms", "power_rule", "product_rule", "d_constant", "d_sigmoid", "d_tanh")
"""Rules that need nothing from a spec (no definitions, sizes or values)."""
MAX_LATEX = 2000
JOIN = {"ja": r"\text{、}", "en": r"\text{, then }"}


@cache
def _moves() -> tuple[Move, ...]:
    """The rules above, and collecting terms into a sum over k (the letter people use)."""
    k = sympy.Symbol("k", positive=True)
    collect = (Move(RULES["collect_sum"], {"index": k}),
               Move(RULES["collect_product"], {"index": k}))
    return (*(Move(RULES[name]) for name in EXPLAINING), *collect)


def explain_report(report: FileReport, lang: str) -> FileReport:
    """``report`` with each ok link that a rule sequence gives carrying its justification."""
    return replace(report, findings=tuple(_explained(f, lang) for f in report.findings))


def _explained(finding: Finding, lang: str) -> Finding:
    if finding.status != OK or len(finding.latex) > MAX_LATEX:
        return finding
    sides = _sides(finding.latex)
    if sides is None:
        return finding
    before, after = sides
    try:
        sequence = find_sequence(before, after, _moves())
        if sequence is None and before != after and rational_equal(before, after):
            sequence = (Move(RULES["algebra"]),)
    except (DerivetexError, RecursionError, TypeError, ValueError):
        return finding
    if not sequence:
        return finding
    names = tuple(move.rule.name for move in sequence)
    return replace(finding, rules=names, justification=justification_row(names, lang))


def justification_row(names: tuple[str, ...], lang: str) -> str:
    """The catalog's words for the rules, consecutive repeats said once."""
    words = CATALOGS[lang]
    said = [n for i, n in enumerate(names) if i == 0 or names[i - 1] != n]
    pieces = [
        fill(words.justifications.get(name, words.justifications["_default"]),
             statement=RULES[name].statement, circle1=circled(1, "web"),
             circle2=circled(2, "web"))
        for name in said
    ]
    return JOIN[lang].join(pieces)


def _sides(latex: str) -> tuple[sympy.Expr, sympy.Expr] | None:
    """The two sides of ``a = b`` as read, every name taken positive."""
    depth, cut = 0, -1
    for at, char in enumerate(latex):
        depth += {"{": 1, "}": -1, "(": 1, ")": -1}.get(char, 0)
        if char == "=" and depth == 0:
            if cut >= 0:
                return None
            cut = at
    if cut < 0:
        return None
    try:
        left, right = parse(latex[:cut])[0], parse(latex[cut + 1:])[0]
    except (Unreadable, RecursionError):
        return None
    return _positive(left), _positive(right)


def _positive(expr: sympy.Expr) -> sympy.Expr:
    from derivetex.engine.strategies import rebuild

    if isinstance(expr, sympy.Indexed):
        base = sympy.IndexedBase(str(expr.base.label), positive=True)
        return base[tuple(_positive(i) for i in expr.indices)]
    if isinstance(expr, sympy.Symbol):
        return sympy.Symbol(expr.name, positive=True)
    if not expr.args:
        return expr
    return rebuild(expr, tuple(_positive(a) for a in expr.args))

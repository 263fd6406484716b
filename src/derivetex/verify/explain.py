"""``verify --explain``: for each ``ok`` link, the registered rule (or short sequence) that
takes its left side to its right, in the rule catalog's words, as a justification row a writer
can paste between the two rows of an ``aligned`` block.

The same inference specs use (``engine.inference``). Names are taken positive, as the judge
takes them, so the log rules can apply. A link no short sequence gives gets the rows the fill
finds between its sides (``engine.fill``), if it finds them within a small budget.
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from derivetex.engine.inference import Move, find_sequence
from derivetex.errors import DerivetexError
from derivetex.reader import Unreadable, parse
from derivetex.render.wording import CATALOGS, circled, fill
from derivetex.rules import RULES
from derivetex.rules.algebra import rational_equal
from derivetex.verify.report import OK, FileReport, Finding

MAX_LATEX = 2000
FILL_BUDGET = 3000
FILL_SECONDS = 3.0
"""What one suggestion of rows may cost (rule applications, seconds)."""
JOIN = {"ja": r"\text{、}", "en": r"\text{, then }"}


def _moves() -> tuple[Move, ...]:
    """The rules that need nothing from a spec, and collecting terms into a sum over k."""
    from derivetex.engine.standalone import standalone_moves

    return standalone_moves()


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
        return _suggested(finding, before, after, lang)
    names = tuple(move.rule.name for move in sequence)
    return replace(finding, rules=names, justification=justification_row(names, lang))


def _suggested(finding: Finding, before: sympy.Expr, after: sympy.Expr, lang: str) -> Finding:
    """A link no short sequence gives: the rows the fill finds between its sides (a small
    budget: a suggestion, not a proof search), each with its justification, to paste."""
    from derivetex.engine.fill import fill
    from derivetex.engine.standalone import standalone_moves
    from derivetex.render.spec_printer import spec_latex

    try:
        rows = fill(before, after, standalone_moves(), max_applications=FILL_BUDGET,
                    max_seconds=FILL_SECONDS)
    except (DerivetexError, RecursionError, TypeError, ValueError):
        return finding
    if len(rows) < 2:
        return finding
    names = tuple(row.move.rule.name for row in rows)
    lines = [rf"&\qquad {justification_row((row.move.rule.name,), lang)} \\ &= "
             f"{spec_latex(row.row)}" for row in rows]
    return replace(finding, rules=names, justification=r" \\ ".join(lines))


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

"""``derivetex fill 'LATEX' 'LATEX'``: the rows between two expressions, found by the fill
(``engine.fill``), each verified by the judge, printed in Markdown, LaTeX or JSON.

Names are taken positive, as ``verify --explain`` takes them, so the log rules can apply;
``\\sigma(u)`` is the logistic sigmoid. The rules are those that need nothing from a spec.
"""

from __future__ import annotations

import json

import sympy as sp

from derivetex.engine.checks import expand_definitions
from derivetex.engine.fill import FillFailed, fill
from derivetex.engine.rows import RowContext, RowRefused, filled_step
from derivetex.engine.standalone import standalone_moves
from derivetex.errors import InputError
from derivetex.judge.equality import judge_equal
from derivetex.model.functions import as_exponentials, read_sigmoid
from derivetex.reader import Unreadable, parse
from derivetex.render.spec_printer import spec_latex
from derivetex.verify.explain import justification_row

FILL_FORMATS = ("md", "tex", "json")
MAX_LATEX = 2000


def fill_text(before: str, after: str, fmt: str = "md", lang: str = "en") -> str:
    """The filled rows from ``before`` to ``after`` in ``fmt``; InputError for unreadable
    input, FillFailed (one line) when no sequence is found."""
    if fmt not in FILL_FORMATS:
        raise InputError(f"fill writes {', '.join(FILL_FORMATS)}, not {fmt!r}")
    if lang not in ("ja", "en"):
        raise InputError(f"unknown language {lang!r} (use ja or en)")
    start, goal = read_side(before, "first"), read_side(after, "second")
    verdict = judge_equal(as_exponentials(expand_definitions(start, {})),
                          as_exponentials(expand_definitions(goal, {})), "fill")
    if not verdict.holds:
        raise InputError(f"the two expressions are not equal ({verdict.failed}): no rules "
                         "can fill the gap")
    context = RowContext({}, standalone_moves(), "fill")
    steps, current = [], start
    for filled in fill(start, goal, context.moves):
        try:
            steps.append(filled_step(current, filled, context))
        except RowRefused as refused:
            raise InputError(f"a filled row does not hold ({refused.problem})") from None
        current = filled.row
    if not steps:
        raise InputError("the two expressions are already the same form: nothing to fill")
    rows = [{"latex": spec_latex(step.after), "rules": list(step.params["rules"]),
             "backwards": bool(step.params["backwards"]),
             "justification": justification_row(tuple(step.params["rules"]), lang),
             "checks": [check.as_dict() for check in step.checks]} for step in steps]
    if fmt == "json":
        return json.dumps({"from": spec_latex(start), "to": spec_latex(goal), "rows": rows},
                          ensure_ascii=False, indent=2) + "\n"
    lines = []
    for position, shown in enumerate(rows):
        lines.append(rf"&\qquad {shown['justification']} \\")
        lhs = spec_latex(start) if position == 0 else ""
        lines.append(f"{lhs} &= {shown['latex']}" + (r" \\" if position < len(rows) - 1 else ""))
    body = "\\begin{aligned}\n" + "\n".join(lines) + "\n\\end{aligned}"
    return f"$$\n{body}\n$$\n" if fmt == "md" else f"\\[\n{body}\n\\]\n"


def read_side(latex: str, which: str) -> sp.Expr:
    """One side as read, every name positive, ``\\sigma(u)`` the sigmoid."""
    if len(latex) > MAX_LATEX:
        raise InputError(f"the {which} expression is longer than {MAX_LATEX} characters")
    try:
        expr, _ = parse(latex)
    except Unreadable as error:
        raise InputError(f"cannot read the {which} expression {latex!r}: {error}") from None
    return positive_names(read_sigmoid(expr))


def positive_names(expr: sp.Basic) -> sp.Expr:
    """expr with every name (and indexed base) taken positive, rebuilt unevaluated."""
    from derivetex.engine.strategies import rebuild

    if isinstance(expr, sp.Indexed):
        base = sp.IndexedBase(str(expr.base.label), positive=True)
        return base[tuple(positive_names(i) for i in expr.indices)]
    if isinstance(expr, sp.Symbol):
        return sp.Symbol(expr.name, positive=True)
    if not expr.args:
        return expr
    return rebuild(expr, tuple(positive_names(a) for a in expr.args))


def run_fill(before: str, after: str, fmt: str, lang: str) -> int:
    """Print the rows; FillFailed and bad input reach the CLI as one line, exit 2."""
    from derivetex.outputs import to_stdout

    try:
        text = fill_text(before, after, fmt, lang)
    except FillFailed as failed:
        closest, target = (spec_latex(part) for part in failed.differs)
        raise InputError(f"{failed.why} takes the first expression to the second; closest "
                         f"reached {spec_latex(failed.closest)}, where {closest} still differs "
                         f"from {target}") from None
    to_stdout(text)
    return 0

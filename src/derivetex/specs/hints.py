"""What a refusal adds about how a row was read, where notation is the usual cause.

``\\log (1 - p)^{1 - x_{i}}`` may mean the log of a power or the power of a log; the reader
takes a power after a parenthesised argument as the power of the log. When such a row does
not follow, the message says which reading was taken and how to write the other.
"""

from __future__ import annotations

import sympy as sp

from derivetex.model.logs import LogBase
from derivetex.render.spec_printer import spec_latex


def reading_hint(row: sp.Expr | None) -> str:
    """``; read \\log (1 - p)^{e} as (\\log (1 - p))^{e}, ...`` for the first power of a log
    in ``row``, or "" when the row has none."""
    if row is None:
        return ""
    powers = sorted((p for p in row.atoms(sp.Pow) if isinstance(p.base, (sp.log, LogBase))),
                    key=sp.default_sort_key)
    if not powers:
        return ""
    power = powers[0]
    log, exponent = power.base, spec_latex(power.exp)
    inside = sp.Pow(log.args[0], power.exp, evaluate=False)
    log_of_power = log.func(inside, *log.args[1:], evaluate=False)
    return (f"; the row reads {spec_latex(power)} as ({spec_latex(log)})^{{{exponent}}} (the "
            f"power outside the log); for the power inside, write {spec_latex(log_of_power)}")

"""Short LaTeX for expressions quoted in messages (terms dropped, values bound)."""

from __future__ import annotations

import re
from decimal import Decimal

import sympy


def show(expr: sympy.Basic) -> str:
    """LaTeX close to the article's notation: ``y_{1}`` not ``{y}_{1}``, ``\\log(x)``."""
    text = sympy.latex(expr)
    text = re.sub(r"\{([A-Za-z]+)\}_\{", r"\1_{", text)
    text = re.sub(r"\\log\{\\left\((.*?) \\right\)\}", r"\\log(\1)", text)
    return text


def decimal(value: sympy.Basic, places: int) -> str:
    """``value`` rounded to ``places`` decimals (at least one significant figure shown)."""
    number = Decimal(str(sympy.Float(value, 40)))
    if places <= 0:
        places = 6
    text = f"{number:.{places}f}"
    return "0." + "0" * places if text == "-0." + "0" * places else text

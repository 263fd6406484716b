"""Short LaTeX for expressions quoted in messages (terms dropped, values bound)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter

SEPARATORS = {",": ", ", ";": "; ", "|": " \\mid ", "||": " \\| "}


class _MessagePrinter(LatexPrinter):
    """Opaque terms as the reader names them (``p(|`` is ``p(\\cdot \\mid \\cdot)``):
    printed back as written, ``p(y \\mid x)``, ``\\mathbb{E}[x]``."""

    def _print_Function(self, expr: sympy.Basic, exp: str | None = None) -> str:
        name = str(expr.func)
        if not isinstance(expr, AppliedUndef) or not re.search(r"[(\[]", name):
            return str(super()._print_Function(expr, exp))
        cut = max(name.find("("), name.find("["))
        head, opener, signature = name[:cut], name[cut], name[cut + 1 :]
        marks = re_marks(signature)
        args = [self._print(arg) for arg in expr.args]
        text = args[0] if args else ""
        for mark, arg in zip(marks, args[1:], strict=False):
            text += SEPARATORS.get(mark, ", ") + arg
        for arg in args[1 + len(marks) :]:  # an index the reader put first: \sigma(c, z)
            text += ", " + arg
        closer = ")" if opener == "(" else "]"
        shown = f"{head}{opener}{text}{closer}"
        return f"{shown}^{{{exp}}}" if exp else shown


    def _print_Tuple(self, expr: sympy.Tuple) -> str:
        """An event read inside an argument (``X = 0``: the reader keeps its parts) as
        written; any other tuple as SymPy prints it."""
        if any(isinstance(a, sympy.Symbol) and a.name in _RELATIONS for a in expr.args):
            return " ".join(self._print(a) for a in expr.args)
        return str(super()._print_Tuple(expr))


_RELATIONS = {"=", "<", ">", r"\le", r"\ge", r"\leq", r"\geq", r"\neq"}


def re_marks(signature: str) -> list[str]:
    """``|,`` -> ``["|", ","]``; ``||`` is one mark."""
    return re.findall(r"\|\||[,;|]", signature)


_PRINTER = _MessagePrinter()


def show(expr: sympy.Basic) -> str:
    """LaTeX close to the article's notation: ``y_{1}`` not ``{y}_{1}``, ``\\log(x)``."""
    text = _PRINTER.doprint(expr)
    text = re.sub(r"\{([A-Za-z]+)\}_\{", r"\1_{", text)
    text = re.sub(r"\\log\{\\left\((.*?) \\right\)\}", r"\\log(\1)", text)
    return text


def decimal(value: sympy.Basic, places: int) -> str:
    """``value`` rounded to ``places`` decimals (at least one significant figure shown)."""
    number = Decimal(str(sympy.N(value, 40)))  # N, not Float: log(4) is a value too
    if places <= 0:
        places = 6
    with localcontext() as context:  # half up, as a writer rounds
        context.prec = 80
        try:
            text = f"{number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
        except InvalidOperation:  # beyond 80 digits: the rounding mode no longer shows
            text = f"{number:.{places}f}"
    return "0." + "0" * places if text == "-0." + "0" * places else text

"""Read one side of a relation from LaTeX into a SymPy expression, or say why not.

SymPy's ``parse_latex`` with the ANTLR backend reads blog notation (``\\log y_{1}^{t_{1}}``,
``\\ln``, ``\\log_{2}``, ``\\cdot``, implicit products, ``\\sum``/``\\prod``) correctly; the lark
backend silently mis-reads log chains, so it is never used. After parsing, the reading is made
concrete: subscripted names become ``Indexed`` objects (so ``t_{k}`` under ``\\sum_{k=1}^{3}``
expands to ``t_{1}``, matching the written-out terms), decimals become exact rationals, and
``e`` becomes Euler's number while ``E`` stays an ordinary symbol (the loss); ``0 \\cdot \\log 0``
is 0, the convention derivetex's documents state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed, IndexedBase

from derivetex.verify.ellipsis import DOTS, write_out
from derivetex.verify.numeric import rebuilt

_SIZING = re.compile(
    r"\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![A-Za-z])"
)
_FONTS = re.compile(r"\\(?:mathbf|boldsymbol|mathit|bm)\{([A-Za-z])\}")
_UNSUPPORTED = re.compile(
    r"\\(?:cdots|ldots|dots|vdots|ddots|operatorname|mathrm|mathcal|mathbb|hat|bar|tilde|vec|"
    r"partial|nabla|int|lim|max|min|arg|sup|inf|mathbb|text)(?![A-Za-z])|\.\.\.|[\[\]|]"
)
_SUBSCRIPT_NAME = re.compile(r"^(?P<base>\\?[A-Za-z]+)_\{(?P<sub>.+)\}$")
# a \log or \ln, with or without a written base, whose argument does not open with "("
_UNBRACKETED_LOG = re.compile(r"\\(?:log|ln)(?:_(?:\{[^{}]*\}|[0-9A-Za-z]))?\s*(?![\s(_])")
_MULTI_SUBSCRIPT = re.compile(r"(?<![\\A-Za-z])(\\?[A-Za-z]+)_\{([A-Za-z]{2,4})\}")


@dataclass(frozen=True)
class Reading:
    """An expression, or ``None`` with the reason it could not be read unambiguously."""

    expr: sympy.Expr | None
    reason: str = ""


def normalise(latex: str) -> str:
    """Blog notation to what the ANTLR grammar reads: sizing commands, fonts, fractions."""
    text = _SIZING.sub("", latex)
    text = _FONTS.sub(r"\1", text)
    text = re.sub(r"\\[dt]frac(?![A-Za-z])", r"\\frac", text)
    text = text.replace(r"\lbrace", "{").replace(r"\rbrace", "}")
    return text.strip().rstrip(".,")


@lru_cache(maxsize=4096)
def read(latex: str) -> Reading:
    """Parse ``latex`` (one side of a relation) into a concrete SymPy expression."""
    text = normalise(latex)
    if not text:
        return Reading(None, "empty expression")
    if DOTS in text:
        elision = write_out(text)
        if elision.text is None:
            return Reading(None, f"cannot write out \\cdots: {elision.reason}")
        text = elision.text
    unsupported = _UNSUPPORTED.search(text)
    if unsupported:
        return Reading(None, f"notation {unsupported.group(0)!r} is not read")
    try:
        from sympy.parsing.latex import parse_latex

        parsed = parse_latex(text, backend="antlr")
    except Exception as error:  # the parser raises several unrelated types on bad input
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return Reading(None, f"cannot parse: {first}")
    if not isinstance(parsed, sympy.Expr):
        return Reading(None, "not a single expression")
    if parsed.atoms(AppliedUndef):
        name = sorted(str(f.func) for f in parsed.atoms(AppliedUndef))[0]
        return Reading(None, f"ambiguous: {name}(...) may be a function or a product")
    if _log_reaches_too_far(text, parsed):
        return Reading(None, "ambiguous: where the argument of a \\log without parentheses ends")
    if _too_large(parsed):
        return Reading(None, f"a power too large to evaluate exactly (exponent > {MAX_EXPONENT})")
    return Reading(_concrete(parsed, _subscript_orders(text)))


MAX_EXPONENT = 10_000
"""Numeric powers beyond this are not evaluated: 10^{10^{10}} would never finish."""


def _too_large(parsed: sympy.Basic) -> bool:
    """A numeric power whose exponent is a power tower or a number over MAX_EXPONENT."""
    for node in sympy.preorder_traversal(parsed):
        if not isinstance(node, sympy.Pow) or node.base.free_symbols:
            continue
        exponent = node.exp
        if exponent.free_symbols:
            continue
        if exponent.atoms(sympy.Pow) or (exponent.is_Number and abs(exponent) > MAX_EXPONENT):
            return True
    return False


def _log_reaches_too_far(text: str, parsed: sympy.Expr) -> bool:
    """``\\log 8 / \\log 2`` parses as log(8 / log 2): a log inside an unbracketed log."""
    if not _UNBRACKETED_LOG.search(text):
        return False
    nested = (sympy.log, sympy.exp, sympy.Sum, sympy.Product)
    return any(arg.has(*nested) for node in parsed.atoms(sympy.log) for arg in node.args[:1])


def _subscript_orders(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """The written order of multi-letter subscripts; the parser keeps only their product."""
    orders: dict[tuple[str, str], tuple[str, ...]] = {}
    for base, letters in _MULTI_SUBSCRIPT.findall(text):
        orders[(base, "".join(sorted(letters)))] = tuple(letters)
    return orders


def _concrete(parsed: sympy.Expr, orders: dict[tuple[str, str], tuple[str, ...]]) -> sympy.Expr:
    mapping: dict[sympy.Basic, sympy.Basic] = {}
    for symbol in parsed.atoms(sympy.Symbol):
        if not isinstance(symbol, sympy.Symbol):
            continue
        if symbol.name == "e":
            mapping[symbol] = sympy.E
            continue
        indexed = _as_indexed(symbol.name, orders)
        if indexed is not None:
            mapping[symbol] = indexed
    for number in parsed.atoms(sympy.Float):
        mapping[number] = sympy.Rational(str(number))
    return _rebuild(parsed.xreplace(mapping))


def _rebuild(expr: sympy.Basic) -> sympy.Expr:
    """Evaluate the parser's unevaluated nodes, so ``(a + b) + c`` has three terms."""
    if not expr.args or isinstance(expr, Indexed):
        return sympy.sympify(expr)
    return rebuilt(expr, [_rebuild(arg) for arg in expr.args])


def _as_indexed(name: str, orders: dict[tuple[str, str], tuple[str, ...]]) -> Indexed | None:
    match = _SUBSCRIPT_NAME.match(name)
    if not match:
        return None
    base, sub = match.group("base"), match.group("sub")
    if re.fullmatch(r"\d+", sub):
        return IndexedBase(base)[int(sub)]
    factors = sub.split("*")
    if all(re.fullmatch(r"\\?[A-Za-z]+", f) for f in factors):
        key = (base, "".join(sorted(factors)))
        letters = orders.get(key, tuple(factors)) if len(factors) > 1 else tuple(factors)
        return IndexedBase(base)[tuple(sympy.Symbol(letter) for letter in letters)]
    return None

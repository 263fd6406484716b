"""Read one side of a relation from LaTeX into a SymPy expression, or say why not.

The reader (``derivetex.reader``) does the grammar; this module makes the reading concrete for
checking: ``\\cdots`` written out when the terms shown fix the rest, decimals kept both exact
and as *literals* (so a link can be judged at the precision its numbers show), numeric power
towers refused, and ``0 \\cdot \\log 0`` taken as 0, the convention derivetex's documents state.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

import sympy
from sympy.tensor.indexed import Indexed

from derivetex.judge.numeric import rebuilt
from derivetex.reader import Unreadable, parse, read_alternatives
from derivetex.reader.choices import Chooser
from derivetex.reader.names import bare_log_base, reading_bare_log_in
from derivetex.reader.parser import MAX_EXPONENT, read_with
from derivetex.verify.readings.ellipsis import elided, write_out

MAX_LENGTH = 20_000
"""A side longer than this (characters) is not read."""

Literals = dict[sympy.Symbol, tuple[sympy.Rational, int]]


@dataclass(frozen=True)
class Reading:
    """An expression, or ``None`` with the reason it could not be read unambiguously.

    ``rounded`` is the same expression with each written decimal as a symbol, and
    ``literals`` maps those symbols to (exact value, decimals shown).
    """

    expr: sympy.Expr | None
    reason: str = ""
    rounded: sympy.Expr | None = None
    literals: Literals = field(default_factory=dict)
    vector: bool = False
    algebra: bool = False


_OLD_FONT = re.compile(r"\{\s*\\(bf|rm|it|cal|sf|tt)(?![A-Za-z])\s*([^{}]*)\}")
"""``{\\bf x}``, ``{ \\bf w }``, ``{\\bf\\Sigma}``: a font switch of plain TeX inside a group."""
_NEW_FONT = {
    "bf": "mathbf",
    "rm": "mathrm",
    "it": "mathit",
    "cal": "mathcal",
    "sf": "mathsf",
    "tt": "mathtt",
}
_SLASHED = re.compile(
    r"\\partial\s*([^/=]+?)\s*/\s*\\partial\s*"
    r"((?:\\[A-Za-z]+\s*\{[^{}]*\}|[A-Za-z\\]+)(?:_\{?[^\s{}]+\}?)?)"
)
"""``\\partial L / \\partial p``, ``\\partial L/\\partial \\hat{y}``: a derivative with a slash."""


_BRACED_SUBSCRIPT = re.compile(
    r"(\\[A-Za-z]+|\b[A-Za-z])\{_(?:\{([A-Za-z0-9]+)\}|([A-Za-z0-9]+))\}"
)
"""``\\theta{_k}``: a subscript written inside braces after its name."""
_CHECKMARK = re.compile(r"\s*(\\checkmark|✓|✔)\s*$")


_OPTIMISER = re.compile(
    r"\\arg\s*\\(max|min)"
    r"|\\(?:mathop|operatorname\*?|mathrm|text|rm)\s*\{\s*(?:\\rm\s*|\\mathrm\s*\{)?"
    r"\s*arg\s*(?:\\[,;:! ]\s*)?(max|min)\s*\}?\s*\}"
    r"|\\(argmax|argmin)\b"
)
_UNDERSET = re.compile(r"\\underset\s*\{([^{}]*)\}\s*\{\s*\\arg(max|min)\s*\}")


def optimisers(text: str) -> str:
    """Every spelling of argmax / argmin (``\\arg\\max``, ``\\mathop{\\rm argmax}\\limits``,
    ``\\operatorname*{arg\\,min}``, ``\\underset{\\theta}{\\arg\\max}``) as ``\\argmax``."""
    text = _OPTIMISER.sub(lambda m: "\\arg" + (m.group(1) or m.group(2) or m.group(3)[3:]), text)
    text = re.sub(r"(\\arg(?:max|min))\s*\\(?:no)?limits", r"\1", text)
    return _UNDERSET.sub(lambda m: f"\\arg{m.group(2)}_{{{m.group(1)}}}", text)


_EVALUATED_AT = re.compile(
    r"(?P<body>.+?)\s*(?P<mark>\\right|\\[bB]igg?[lr]?)?\s*\|_\{?\s*"
    r"(?P<var>[A-Za-z]|\\[a-z]+)\s*=\s*(?P<at>[^{}=]+?)\s*\}?",
    re.DOTALL,
)
"""``\\left. \\frac{d}{dx} f \\right|_{x=0}``, ``… \\Big|_{x = 1}``: the side at that point."""


def normalise(latex: str) -> str:
    """Trailing punctuation and check marks off; ``\\lbrace`` as a brace; ``{\\bf x}`` as
    ``\\mathbf{x}``; ``\\theta{_k}`` as ``\\theta_{k}``; ``\\partial L / \\partial p`` as a
    fraction."""
    text = optimisers(latex).replace(r"\lbrace", "{").replace(r"\rbrace", "}")
    text = re.sub(r"\\bf\s*\{", r"\\mathbf{", text)  # \bf{x}, written as a command
    text = _OLD_FONT.sub(lambda m: f"\\{_NEW_FONT[m.group(1)]}{{{m.group(2).strip()}}}", text)
    text = _SLASHED.sub(
        lambda m: f"\\frac{{\\partial {m.group(1)}}}{{\\partial {m.group(2)}}}", text
    )
    text = _BRACED_SUBSCRIPT.sub(lambda m: f"{m.group(1)}_{{{m.group(2) or m.group(3)}}}", text)
    text = _CHECKMARK.sub("", text)
    text = text.strip().rstrip(".,;")
    if text.endswith("\\") and not text.endswith("\\\\"):
        text = text[:-1].rstrip()  # a control space "\ " cut off at the end of a row
    return text


_PLANS: ContextVar[Mapping[str, tuple[int, ...]] | None] = ContextVar("reading_plans",
                                                                      default=None)
"""Sides to read another way than the first: prepared text -> the reader's plan."""


@contextmanager
def reading_as(plans: Mapping[str, tuple[int, ...]]) -> Iterator[None]:
    """Within the block, each side whose prepared text is in ``plans`` is read with that plan
    (an alternative of ``side_alternatives``), every other side as written."""
    token = _PLANS.set(plans)
    try:
        yield
    finally:
        _PLANS.reset(token)


def read(latex: str, functions: frozenset[str] = frozenset()) -> Reading:
    """Parse ``latex`` (one side of a relation) into a concrete SymPy expression."""
    text = _prepared(latex)
    if isinstance(text, Reading):
        return text
    plans = _PLANS.get()
    return _read(text, functions, plans.get(text, ()) if plans else (), bare_log_base())


def side_alternatives(latex: str, functions: frozenset[str] = frozenset()) -> list[SideReading]:
    """The other readings of a side where its notation is ambiguous (``reader.ambiguity``),
    as (prepared text, plan, reader codes, hint); none for a side that cannot be read."""
    text = _prepared(latex)
    if isinstance(text, Reading) or _EVALUATED_AT.fullmatch(text):
        return []
    try:
        found = read_alternatives(text, functions)
    except _UNREADABLE:
        return []
    return [SideReading(text, alt.plan, alt.chosen, alt.hint) for alt in found[1:]]


@dataclass(frozen=True)
class SideReading:
    """One other reading of a side: the text it is of, the plan that reads it so, the codes
    of the reader's readings that differ from the first (``reader.readings``) and the hint
    for the writer."""

    text: str
    plan: tuple[int, ...]
    codes: tuple[str, ...]
    hint: str


_UNREADABLE = (Unreadable, RecursionError, TypeError, ValueError, AttributeError, IndexError)


@lru_cache(maxsize=4096)
def _prepared(latex: str) -> str | Reading:
    """The text the reader is given: normalised, ``\\cdots`` written out (or why not)."""
    text = normalise(latex)
    if len(text) > MAX_LENGTH:
        return Reading(None, f"an expression of over {MAX_LENGTH} characters")
    if elided(text):
        elision = write_out(text)
        if elision.text is None:
            return Reading(None, f"cannot write out \\cdots: {elision.reason}")
        text = elision.text
    return text


@lru_cache(maxsize=4096)
def _read(
    text: str, functions: frozenset[str], plan: tuple[int, ...], base: int | None = None
) -> Reading:
    """``text`` read with ``plan``, a bare ``\\log`` in ``base`` (the settings' log-base;
    None: natural)."""
    with reading_bare_log_in(base):
        return _read_in_base(text, functions, plan)


def _read_in_base(text: str, functions: frozenset[str], plan: tuple[int, ...]) -> Reading:
    at = _EVALUATED_AT.fullmatch(text)
    if at is not None and (at.group("mark") or "|" not in at.group("body")):
        text = at.group("body").removeprefix(r"\left").lstrip().removeprefix(".")
    try:
        parsed, notes, _ = read_with(text, functions, Chooser(text, plan))
        if at is not None and (at.group("mark") or "|" not in at.group("body")):
            variable, _ = parse(at.group("var"), functions)
            point, _ = parse(at.group("at"), functions)
            parsed = sympy.Subs(parsed, variable, point)
    except Unreadable as error:
        return Reading(None, str(error))
    except (RecursionError, TypeError, ValueError, AttributeError, IndexError) as error:
        return Reading(None, f"cannot read: {type(error).__name__}")
    if _too_large(parsed):
        return Reading(None, f"a power too large to evaluate exactly (exponent > {MAX_EXPONENT})")
    values = {symbol: value for symbol, (value, _) in notes.literals.items()}
    try:
        exact = _rebuild(parsed.xreplace(values))
    except (TypeError, ValueError, ArithmeticError) as error:
        return Reading(None, f"cannot evaluate: {type(error).__name__}")
    return Reading(exact, "", parsed, dict(notes.literals), notes.vector, notes.algebra)


def _too_large(parsed: sympy.Basic) -> bool:
    """A numeric power whose exponent is a power tower or a number over MAX_EXPONENT."""
    for node in sympy.preorder_traversal(parsed):
        if not isinstance(node, sympy.Pow) or node.base.free_symbols - _literal_names(node):
            continue
        exponent = node.exp
        if exponent.free_symbols - _literal_names(exponent):
            continue
        if exponent.atoms(sympy.Pow) or (exponent.is_Number and abs(exponent) > MAX_EXPONENT):
            return True
    return False


def _literal_names(expr: sympy.Basic) -> set[sympy.Basic]:
    return {s for s in expr.free_symbols if str(s).startswith("#lit")}


def _rebuild(expr: sympy.Basic) -> sympy.Expr:
    """Evaluate the nodes again, so ``(a + b) + c`` has three terms and 0 log 0 is 0."""
    if not expr.args or isinstance(expr, Indexed):
        return sympy.sympify(expr)
    if isinstance(expr, (sympy.Derivative, sympy.Sum, sympy.Product)):
        return expr.func(_rebuild(expr.args[0]), *expr.args[1:])
    return rebuilt(expr, [_rebuild(arg) for arg in expr.args])

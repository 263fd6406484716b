r"""Read one side of a relation, written in ML blog LaTeX, into a SymPy expression.

A small recursive-descent parser over ``tokens``, written for the notation people use:
implicit products, ``\log`` without parentheses (its argument is the implicit product that
follows, as in ``\log y_{1}^{t_{1}}``), unbraced scripts (``\sum_k t_k``), subscripted names
(``y_{nk}`` is y indexed by n, k), decorated names (``\hat{y}`` is its own name), named and
undefined functions (``\sigma(z)``, ``p(y \mid x)``: opaque but consistent terms),
expectations, derivatives (``\frac{\partial E}{\partial a_k}``, ``\frac{d}{dx}``, ``f'(x)``).

Anything it cannot read with certainty raises ``Unreadable`` with the reason: the caller
leaves the link unchecked rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import IndexedBase

from derivetex.reader import limits
from derivetex.reader import names as N
from derivetex.reader.bare import bare_big
from derivetex.reader.groups import divergence_follows, lists_arguments, set_builder
from derivetex.reader.tokens import Token, tokenize

MAX_DEPTH = 60
"""Nesting deeper than this is refused (recursion, and ``\\log(`` towers)."""
MAX_TOKENS = 4000
MAX_EXPONENT = 10_000
"""A numeric power beyond this is not built: SymPy would compute 10^{10^{10}} exactly."""
ROUNDED_DIGITS = 3
"""A decimal with this many significant digits (2.718, 0.0498, -1.386) may be a rounded
constant: a link using it holds when it holds at the precision the decimal shows."""


class Unreadable(Exception):
    """The text cannot be read with certainty; the message says why."""


@dataclass
class Notes:
    """What a reading met besides the expression: rounded literals, vectors."""

    literals: dict[sympy.Symbol, tuple[sympy.Rational, int]] = field(default_factory=dict)
    algebra: bool = False
    """A transpose or a matrix was met: no elementwise reading is exact."""
    vector: bool = False


_STOP = {
    "+", "-", ")", "]", "}", ",", ";", "|", "=", "<", ">", "&", r"\}", r"\mid", r"\|", r"\rVert",
}
_INDICATOR = re.compile(r"\\(?:mathbb|mathbf|mathds|mathbbm)\{[1I]\}")
"""The indicator of an event, ``\\mathbb{1}[y_i = k]``: an opaque term of its event."""
_NORM_OPENERS = {r"\|": r"\|", r"\lVert": r"\rVert", r"\Vert": r"\Vert"}
OPTIMA = {r"\argmax": "argmax", r"\argmin": "argmin"}
"""The optimiser commands (after ``verify.reading.normalise``) and their terms' names."""
_BIG = {r"\sum": sympy.Sum, r"\prod": sympy.Product}
_ELEMENTWISE = {r"\circ", r"\odot"}
_PRODUCT_OPS = {r"\cdot", r"\times", "*", r"\ast"}
_OPEN = {"(": ")", "[": "]", r"\{": r"\}", r"\lbrace": r"\rbrace", r"\lbrack": r"\rbrack"}
_ARG_SPLIT = {
    ",": ",", ";": ";", "|": "|", r"\mid": "|", r"\|": "||", r"\parallel": "||", r"\Vert": "||",
}  # fmt: skip
_EVENT_RELATIONS = {
    "=", r"\sim", r"\in", "<", ">", r"\le", r"\leq", r"\ge", r"\geq", r"\neq", r"\ne",
    r"\cap", r"\cup", r"\setminus",
}  # fmt: skip
"""What joins the parts of an event inside ``P(...)``: relations and set operations."""
_FUNCTION_STARTS = {*N.LOGS, *N.ELEMENTARY, r"\sum", r"\prod"}


def _simple(argument: sympy.Basic) -> bool:
    """An argument as functions take them: a name, a number, or a tuple of those."""
    return isinstance(argument, (sympy.Symbol, sympy.Indexed, sympy.Tuple, sympy.Number)) or (
        isinstance(argument, sympy.Mul) and len(argument.args) == 2 and argument.args[0] == -1
    )


def _linear_term(term: sympy.Expr) -> bool:
    """A number, a plain name (no literal, no index) or a number times one."""
    coefficient, rest = term.as_coeff_Mul()
    if rest == 1:
        return bool(coefficient.is_Number)
    return isinstance(rest, sympy.Symbol) and not rest.name.startswith("#")


def _top_level(tokens: list[Token]) -> list[str]:
    """The tokens' texts, with those inside braces or brackets blanked."""
    texts: list[str] = []
    depth = 0
    for token in tokens:
        if token.text in ("}", ")", "]"):
            depth -= 1
        texts.append(token.text if depth == 0 else "")
        if token.text in ("{", "(", "["):
            depth += 1
    return texts


def _lacks_partial(top: list[Token], bottom: list[Token]) -> bool:
    """``\\frac{\\partial}{o_k}``: a lone ∂ over a plain name, the ∂ below forgotten."""
    texts = [t.text for t in bottom]
    plain = bool(bottom) and bottom[0].kind == "letter" and r"\partial" not in texts
    return len(top) == 1 and top[0].text == r"\partial" and plain and len(bottom) <= 4


def _letters_listed(tokens: list[Token]) -> list[Token]:
    """The letters of ``n,k`` (two or more, separated by commas); else none."""
    letters, commas = tokens[::2], tokens[1::2]
    if len(letters) < 2 or len(commas) != len(letters) - 1:
        return []
    if all(c.text == "," for c in commas) and all(t.kind == "letter" for t in letters):
        return letters
    return []


def parse(text: str, functions: frozenset[str] = frozenset()) -> tuple[sympy.Expr, Notes]:
    """The expression ``text`` denotes, and notes on it; ``functions`` are names the
    document defines as functions (so ``g(x)`` is an application, never a product)."""
    tokens = tokenize(text)
    if len(tokens) > MAX_TOKENS:
        raise Unreadable(f"an expression of over {MAX_TOKENS} tokens")
    if not tokens:
        raise Unreadable("empty expression")
    parser = _Parser(tokens, functions)
    expr = parser.sum()
    if parser.more():
        raise Unreadable(f"cannot read {parser.peek().text!r} here")
    return expr, parser.notes


class _Parser:
    def __init__(self, tokens: list[Token], functions: frozenset[str]) -> None:
        self.tokens = tokens
        self.at = 0
        self.depth = 0
        self.functions = functions
        self.notes = Notes()
        self.norms = 0  # norms open: inside one, \| closes it instead of opening another

    # -- token helpers -------------------------------------------------------------------
    def more(self) -> bool:
        return self.at < len(self.tokens)

    def peek(self, ahead: int = 0) -> Token:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else Token("end", "", -1)

    def take(self) -> Token:
        token = self.peek()
        if token.kind == "end":
            raise Unreadable("the expression ends too early")
        self.at += 1
        return token

    def expect(self, text: str) -> None:
        token = self.take()
        if token.text != text:
            raise Unreadable(f"expected {text!r}, found {token.text!r}")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Unreadable(f"nested more than {MAX_DEPTH} deep")

    # -- grammar -------------------------------------------------------------------------
    def sum(self) -> sympy.Expr:
        self.enter()
        terms: list[sympy.Expr] = []
        sign = 1
        if self.peek().text in ("+", "-"):
            sign = -1 if self.take().text == "-" else 1
        first = self.product()
        terms.append(first if sign == 1 else -first)
        while self.peek().text in ("+", "-"):
            sign = -1 if self.take().text == "-" else 1
            terms.append(sign * self.product())
        self.depth -= 1
        if isinstance(terms[0], sympy.Tuple) and len(terms) == 1 and sign == 1:
            return terms[0]
        if any(isinstance(term, sympy.Tuple) for term in terms):
            raise Unreadable("arithmetic on a vector")
        return sympy.Add(*terms)

    def product(self, stop: frozenset[str] = frozenset()) -> sympy.Expr:
        factors = [self.power()]
        while self.more():
            token = self.peek()
            if token.text in stop:
                break
            if token.text in _PRODUCT_OPS:
                self.take()
                sign = self.take().text if self.peek().text in ("+", "-") else "+"
                factor = self.power()  # a \cdot -e^{-x}: the sign belongs to the factor
                factors.append(-factor if sign == "-" else factor)
            elif token.text == "/":
                self.take()
                factors.append(1 / self.power())
            elif token.text in _ELEMENTWISE:
                self.take()  # a ∘ b, a ⊙ b: Hadamard (or composition), never a scalar product
                self.notes.vector = self.notes.algebra = True
                joined = sympy.Function(token.text)(sympy.Mul(*factors), self.power())
                factors = [joined]
            elif self.starts_factor(token):
                factors.append(self.power())
            else:
                break
        if len(factors) > 1 and any(isinstance(f, sympy.Tuple) for f in factors):
            raise Unreadable("arithmetic on a vector")
        if len(factors) == 1:
            return factors[0]
        if any(factor == 0 for factor in factors):
            return sympy.Mul(*factors, evaluate=False)  # 0 · log 0: the reading decides
        return sympy.Mul(*factors)

    def starts_factor(self, token: Token) -> bool:
        if token.kind in ("num", "letter", "word") or token.text == r"\lVert":
            return True
        if token.text == r"\|":
            return self.norms == 0  # a \|w\| after a factor
        if token.kind == "cmd":
            return (
                token.text not in _STOP
                and token.text not in _PRODUCT_OPS
                and (token.text not in (r"\to", r"\in", r"\sim", r"\approx", r"\neq", r"\leq"))
            )
        return token.text in ("(", "[", "{")

    def power(self) -> sympy.Expr:
        base = self.primary()
        while self.peek().text in ("^", "!", "'", r"\%"):
            token = self.take()
            if token.text == "!":
                base = sympy.factorial(base)
            elif token.text == r"\%":
                base = base / 100
            elif token.text == "'" and isinstance(base, sympy.Symbol):
                base = sympy.Symbol(f"{base}'")  # L' is a name of its own
            elif token.text == "'" and isinstance(base, sympy.Indexed):
                base = IndexedBase(f"{base.base}'")[base.indices]  # e_i': the name e', at i
            elif token.text == "'":
                base = self.prime(base)
            else:
                if self.transpose_follows():
                    self.notes.vector = self.notes.algebra = True
                    continue
                exponent = self.script()
                if base.is_Number and exponent.is_Number and abs(exponent) > MAX_EXPONENT:
                    raise Unreadable(f"a power too large to evaluate (exponent > {MAX_EXPONENT})")
                base = sympy.Pow(base, exponent)
        return base

    def transpose_follows(self) -> bool:
        token, after = self.peek(), self.peek(1)
        if token.text in (r"\top", r"\intercal", "T") and token.kind != "num":
            self.take()
            return True
        if token.text == "{" and after.text in (r"\top", r"\intercal", "T", r"\mathsf"):
            depth = 0
            while True:  # skip the braced group
                text = self.take().text
                depth += {"{": 1, "}": -1}.get(text, 0)
                if depth == 0:
                    return True
        return False

    def prime(self, base: sympy.Expr) -> sympy.Expr:
        """``(\\ln x)'``: the derivative in the one variable the expression has."""
        variables = [s for s in base.free_symbols if isinstance(s, sympy.Symbol)]
        if len(variables) != 1:
            raise Unreadable("a prime on an expression without exactly one variable")
        return sympy.Derivative(base, variables[0])

    def script(self) -> sympy.Expr:
        """A sub- or superscript: a braced group or one token (``^12`` is ``^1`` then 2)."""
        if self.peek().text == "{":
            self.take()
            value = self.sum()
            self.expect("}")
            return value
        self.split_digits()
        self.enter()
        value = self.primary()
        self.depth -= 1
        return value

    def split_digits(self) -> None:
        """An unbraced script or ``\\frac`` argument takes one digit: ``\\frac12``."""
        token = self.peek()
        if token.kind == "num" and "." not in token.text and len(token.text) > 1:
            first, rest = token.text[0], token.text[1:]
            self.tokens[self.at : self.at + 1] = [
                Token("num", first, token.at),
                Token("num", rest, token.at + 1),
            ]

    def group(self) -> list[Token]:
        """The tokens of a braced group (or of a single token), consumed."""
        if self.peek().text != "{":
            self.split_digits()
            first = self.take()
            takes_group = first.text in N.WORDS or first.text in N.DECORATIONS
            if takes_group and self.peek().text == "{":
                start = self.at
                self.group()
                return [first, *self.tokens[start : self.at]]
            return [first]
        self.take()
        depth, start = 1, self.at
        while depth:
            text = self.take().text
            depth += {"{": 1, "}": -1}.get(text, 0)
        return self.tokens[start : self.at - 1]

    def sub_parser(self, tokens: list[Token]) -> sympy.Expr:
        inner = _Parser(tokens, self.functions)
        inner.notes = self.notes
        inner.depth = self.depth
        if not tokens:
            raise Unreadable("an empty group")
        value = inner.sum()
        if inner.more():
            raise Unreadable(f"cannot read {inner.peek().text!r} here")
        return value

    def number(self, text: str) -> sympy.Expr:
        if "." not in text:
            return sympy.Integer(text)
        value = sympy.Rational(text)
        places = len(text.split(".")[1])
        if len(text.replace(".", "").lstrip("0")) < ROUNDED_DIGITS:
            return value  # 0.5, 0.33: data, taken as exact
        literal = sympy.Symbol(f"#lit{len(self.notes.literals)}")
        self.notes.literals[literal] = (value, places)
        return literal

    def primary(self) -> sympy.Expr:
        self.enter()
        try:
            return self._primary()
        finally:
            self.depth -= 1

    def _primary(self) -> sympy.Expr:
        token = self.take()
        text = token.text
        if token.kind == "num":
            return self.number(text)
        if text == r"\{" and set_builder(self.tokens, self.at - 1):
            return self.set_of()
        if text in _OPEN:
            value = self.sum()
            if text in ("(", "[") and self.peek().text == ",":
                return self.vector(value, _OPEN[text])
            self.expect(_OPEN[text])
            if text in ("(", "[") and self.peek().text == "_":
                return self.component(value)
            return value
        if text == "{":
            value = self.sum()
            self.expect("}")
            if isinstance(value, AppliedUndef) and self.peek().text == "_":
                return self.indexed_result(value)  # {\text{softmax}(\theta)}_k
            if (
                isinstance(value, sympy.Symbol)
                and self.peek().text == "^"
                and self.is_label(self.peek(1), self.peek(2), value.name)
            ):
                return self.name(Token("cmd", value.name, token.at))  # {x}^{(i)} is x^{(i)}
            return value
        if text == "|":
            value = self.sum()
            self.expect("|")
            return sympy.Abs(value)
        if text in _NORM_OPENERS:
            return self.norm(_NORM_OPENERS[text])
        if text in (r"\frac", r"\dfrac", r"\tfrac", r"\cfrac"):
            return self.fraction()
        if text == r"\sqrt":
            return self.root()
        if text in N.LOGS:
            return self.logarithm(text)
        if text in N.ELEMENTARY:
            if self.peek().text == "'":
                return self.derivative_of(N.ELEMENTARY[text])
            power = self.function_power(text)
            return N.ELEMENTARY[text](self.argument()) ** power
        if text in (r"\sum", r"\prod"):
            if bare_big(self.tokens, self.at):
                return self.bare_name(text)  # \frac{e_i}{\sum}: the writer's name for a sum
            return self.big_operator(text)
        if text == r"\int":
            return self.integral()
        if text in (r"\max", r"\min") and self.peek().text == "(":
            self.take()
            items = [self.sum()]
            while self.peek().text == ",":
                self.take()
                items.append(self.sum())
            self.expect(")")
            return (sympy.Max if text == r"\max" else sympy.Min)(*items)
        if text in OPTIMA:
            return self.optimum(text)
        if text == r"\lim":
            return self.limit()
        if text == r"\nabla":
            return self.gradient()
        if text in (r"\binom", r"\dbinom", r"\tbinom"):
            return sympy.binomial(self.sub_parser(self.group()), self.sub_parser(self.group()))
        if text == r"\boxed" and self.boxed_follows(1):
            return self.boxed_row()
        if text in N.TRANSPARENT:
            return self.sub_parser(self.group())
        if text in (r"\underbrace", r"\overbrace"):
            value = self.sub_parser(self.group())
            if self.peek().text in ("_", "^"):
                self.take()
                self.group()
            return value
        if text in (r"\color", r"\textcolor"):
            self.group()
            return self.sub_parser(self.group())
        if text == r"\infty":
            return sympy.oo
        if text == r"\ELIDEDLIST":
            return self.elided_list()
        if text == r"\MATRIX":
            self.notes.vector = self.notes.algebra = True
            return sympy.Symbol("MATRIX")
        if text in N.UNREAD:
            raise Unreadable(f"notation {text} is not read")
        if token.kind == "word":
            return self.name(token)
        if (
            token.kind == "letter"
            or text in N.DECORATIONS
            or text in N.WORDS
            or (text.startswith("\\") and text[1:] in N.GREEK)
        ):
            return self.name(token)
        if token.kind == "cmd" and self.peek().text == "{" and text not in N.NOT_VALUES:
            return self.unknown_macro(text)
        raise Unreadable(f"notation {text!r} is not read")

    # -- constructs ----------------------------------------------------------------------
    def elided_list(self) -> sympy.Expr:
        """``x_1, \\ldots, x_n`` (as ``verify.sequences`` writes it): one opaque value named
        ``(x_{i}, i = 1, \\ldots, n)``, a vector (its items are never summed)."""
        pattern, index, low, high = (
            "".join(t.text + (" " if t.kind == "cmd" else "") for t in self.group()).strip()
            for _ in range(4)
        )
        self.notes.vector = True  # opaque: its items are never compared one by one
        run = sympy.Symbol(f"{index} = {low}, \\ldots, {high}")
        return sympy.Function("(")(sympy.Symbol(pattern), run)

    def set_of(self) -> sympy.Expr:
        """``\\{1 \\le i \\le n \\mid p_i \\neq 0\\}``: a set, one opaque value named by
        what is written (a set is no number, so never part of arithmetic)."""
        start, depth = self.at, 0
        while True:
            text = self.take().text
            if text == r"\}" and depth == 0:
                break
            depth += {r"\{": 1, r"\}": -1}.get(text, 0)
        written = " ".join(t.text for t in self.tokens[start : self.at - 1])
        self.notes.vector = self.notes.algebra = True
        return sympy.Function(r"\{")(sympy.Symbol(written))

    def component(self, value: sympy.Expr) -> sympy.Expr:
        """``[\\hat{y} - y]_b``: the b-th component of a sum of names is that sum of their
        b-th components; ``(\\frac{\\partial^2 \\ell}{\\partial w_i \\partial w_j})_{i,j}``
        is the matrix of those entries (opaque, and a matrix). Anything else is refused."""
        self.take()
        _, found = self.subscript()
        if found is None:
            raise Unreadable("a subscript on a bracket that is not an index")
        names = value.free_symbols
        if names and all(_linear_term(term) for term in sympy.Add.make_args(value)):
            at = tuple(found)
            return value.xreplace({n: IndexedBase(str(n))[at] for n in names})
        if len(found) == 2:
            self.notes.vector = self.notes.algebra = True
            entries = sympy.Symbol(",".join(str(i) for i in found))
            return sympy.Function("(")(value, entries)
        raise Unreadable("a component of a bracket that is not a sum of names")

    def unknown_macro(self, command: str) -> sympy.Expr:
        """``\\ex{x}{i}``: a command this reader does not know with two or more braced
        arguments -- the writer's own macro, defined elsewhere -- as an opaque term of them
        (the same text is the same value; nothing else is assumed). With one argument it may
        only dress its content (``\\hl{x}``), so it stays unread."""
        groups: list[list[Token]] = []
        while self.peek().text == "{":
            groups.append(self.group())
        if len(groups) < 2:
            raise Unreadable(f"notation {command!r} is not read")
        arguments: list[sympy.Basic] = []
        for group in groups:
            try:
                arguments.append(self.argument_value(group))
            except Unreadable:
                arguments.append(sympy.Symbol("".join(t.text for t in group) or "{}"))
        return sympy.Function(f"{command}(" + "," * (len(groups) - 1))(*arguments)

    def limit(self) -> sympy.Expr:
        """``\\lim_{x \\to 0^+} x \\log x``: the limit of the product that follows, taken
        (``reader.limits`` says when)."""
        if self.peek().text != "_":
            raise Unreadable("\\lim without the variable written below it")
        self.take()
        try:
            variable, point, side = limits.approach(self.group())
            at = self.sub_parser(point)
            name = self.sub_parser(variable)
            return limits.take(self.product(), name, at, side)
        except limits.NoLimit as error:
            raise Unreadable(str(error)) from error

    def indexed_result(self, value: AppliedUndef) -> sympy.Expr:
        """``{f(x)}_k``: the k-th component of f's result, as ``f(x)_k`` and ``f_k(x)`` are."""
        name = str(value.func)
        if not name.endswith("(") or "_{" in name:
            raise Unreadable(f"a subscript after {name}...) that is not an index")
        self.take()
        _, found = self.subscript()
        if found is None:
            raise Unreadable(f"a subscript after {name}...) that is not an index")
        return value.func(*found, *value.args)

    def bare_name(self, command: str) -> sympy.Expr:
        """``\\sum`` or ``\\sum_K`` with no summand: a name (its subscript a label, never an
        index: ``\\sum_K`` is not the K-th of anything)."""
        name = command
        if self.peek().text == "_":
            self.take()
            name += "_{" + "".join(t.text for t in self.group()) + "}"
        return sympy.Symbol(name)

    def vector(self, first: sympy.Expr, close: str = ")") -> sympy.Expr:
        """``(0.33, 0.32, 0.35)`` or ``[0.7, 0.2, 0.1]``: the components of a vector, as a
        tuple."""
        items = [first]
        while self.peek().text == ",":
            self.take()
            items.append(self.sum())
        self.expect(close)
        self.notes.vector = True
        return sympy.Tuple(*items)

    def boxed_follows(self, boxes: int) -> bool:
        """Whether ``boxes`` more ``\boxed{...}`` groups follow, side by side."""
        at = self.at
        for _ in range(boxes):
            if self.tokens[at].text != "{" if at < len(self.tokens) else True:
                return False
            depth, at = 1, at + 1
            while depth and at < len(self.tokens):
                depth += {"{": 1, "}": -1}.get(self.tokens[at].text, 0)
                at += 1
            if at >= len(self.tokens) or self.tokens[at].text != r"\boxed":
                return False
            at += 1
        return True

    def boxed_row(self) -> sympy.Expr:
        """``\boxed{0.090}\boxed{0.245}\boxed{0.665}``: boxes side by side are the cells of
        a vector, as some posts draw one (never a product of the numbers)."""
        items = [self.sub_parser(self.group())]
        while self.more() and self.peek().text == r"\boxed":
            self.take()
            items.append(self.sub_parser(self.group()))
        self.notes.vector = True
        return sympy.Tuple(*items)

    def fraction(self) -> sympy.Expr:
        top, bottom = self.group(), self.group()
        derivative = self.derivative(top, bottom)
        if derivative is not None:
            return derivative
        return self.sub_parser(top) / self.sub_parser(bottom)

    def derivative(self, top: list[Token], bottom: list[Token]) -> sympy.Expr | None:
        """``\\frac{\\partial E}{\\partial a}``, ``\\frac{d}{dx} f``, ``\\frac{dy}{dx}``."""
        marks = (r"\partial", "d")
        if _lacks_partial(top, bottom):
            bottom = [top[0], *bottom]  # \frac{\partial}{o_k}: a typo for \partial o_k
        if not top or top[0].text not in marks or len(bottom) < 2 or bottom[0].text != top[0].text:
            return None
        if top[0].text == "d" and (
            bottom[1].kind not in ("letter", "cmd") or (len(top) > 1 and top[1].text == "_")
        ):
            return None
        order = 1
        rest = top[1:]
        if rest[:1] and rest[0].text == "^":
            order = int(rest[1].text) if rest[1:2] and rest[1].kind == "num" else 0
            rest = rest[2:]
        groups: list[list[Token]] = [[]]
        for token in bottom[1:]:
            if token.text == top[0].text and top[0].text == r"\partial":
                groups.append([])
            else:
                groups[-1].append(token)
        variables: list[tuple[sympy.Expr, int]] = []
        for group in groups:
            power = 1
            if group[-2:-1] and group[-2].text == "^" and group[-1].kind == "num":
                power, group = int(group[-1].text), group[:-2]
            if not group:
                raise Unreadable("a derivative this reader does not take apart")
            variable = self.sub_parser(group)
            if not isinstance(variable, (sympy.Symbol, sympy.Indexed)):
                raise Unreadable("a derivative with respect to an expression")
            variables.append((variable, power))
        if order == 1 and len(variables) == 1 and variables[0][1] > 1:
            return self.by_a_power(rest, *variables[0])  # \partial / \partial \sigma^2
        if order < 1 or sum(power for _, power in variables) != order:
            raise Unreadable("a derivative whose orders do not add up")
        body = self.sub_parser(rest) if rest else self.operand()
        return sympy.Derivative(body, *variables)

    def by_a_power(self, rest: list[Token], base: sympy.Expr, power: int) -> sympy.Expr:
        """``\\frac{\\partial}{\\partial \\sigma^2}``: the derivative with respect to σ² as a
        variable of its own, v; the body is written in v (σ⁴ = v²) and v is σ² again after."""
        body = self.sub_parser(rest) if rest else self.operand()
        variable = sympy.Dummy(f"{base}^{power}")
        written = body.subs(base**power, variable)
        if written.has(base):
            raise Unreadable(f"a derivative by {base}^{power} of a body with {base} alone")
        return sympy.Subs(sympy.Derivative(written, variable), variable, base**power)

    def operand(self) -> sympy.Expr:
        """What ``\\frac{d}{dx}`` applies to: the implicit product that follows it."""
        factors = [self.power()]
        while self.more() and self.starts_factor(self.peek()):
            if self.peek().text in (r"\frac", r"\dfrac"):
                break
            factors.append(self.power())
        return sympy.Mul(*factors)

    def root(self) -> sympy.Expr:
        degree: sympy.Expr = sympy.Integer(2)
        if self.peek().text == "[":
            self.take()
            start = self.at
            while self.peek().text != "]":
                self.take()
            degree = self.sub_parser(self.tokens[start : self.at])
            self.take()
        return sympy.root(self.sub_parser(self.group()), degree)

    def logarithm(self, command: str) -> sympy.Expr:
        base: sympy.Expr | None = N.LG_BASE if command == r"\lg" else None
        if self.peek().text == "_":
            self.take()
            base = self.script()
        power = self.function_power(command)
        argument = self.argument()
        value = sympy.log(argument, evaluate=argument != 0)
        return (value if base is None else value / sympy.log(base)) ** power

    def derivative_of(self, function: Callable[[sympy.Expr], sympy.Expr]) -> sympy.Expr:
        """``\\tanh'(x)``, ``\\mathrm{sigmoid}''(0)``: a known smooth function's derivative
        (as many as the primes) at its argument."""
        order = 0
        while self.peek().text == "'":
            self.take()
            order += 1
        at = sympy.Dummy("ξ")
        return sympy.diff(function(at), at, order).subs(at, self.argument())

    def function_power(self, command: str) -> int:
        """``\\tanh^2 x``, ``\\log^2 x``: the power of the value (1 when none is written);
        ``\\sin^{-1}`` (the inverse?) or any other script on the function is refused."""
        if self.peek().text != "^":
            return 1
        self.take()
        power = "".join(t.text for t in self.group())
        if not re.fullmatch(r"[2-9]", power):
            raise Unreadable(f"a power written on {command} itself")
        return int(power)

    def argument(self) -> sympy.Expr:
        """A function's argument: parenthesised, or the implicit product that follows."""
        if self.peek().text in ("(", "["):
            opener = self.take().text
            value = self.sum()
            self.expect(_OPEN[opener])
            return value
        factors = [self.power()]
        while self.more() and self.starts_factor(self.peek()):
            if self.peek().text in _FUNCTION_STARTS or self.peek().text in (r"\frac", r"\dfrac"):
                break
            factors.append(self.power())
        return sympy.Mul(*factors)

    def big_operator(self, command: str) -> sympy.Expr:
        lower: list[Token] = []
        upper: sympy.Expr | None = None
        for _ in range(2):
            if self.peek().text == "_":
                self.take()
                lower = self.group()
            elif self.peek().text == "^":
                self.take()
                upper = self.script()
        letters = _letters_listed(lower)
        if letters and upper is None:  # \sum_{n,k}: one sum over each letter
            body = self.product(stop=frozenset())
            for token in reversed(letters):
                index = sympy.Symbol(token.text)
                body = _BIG[command](body, (index, 1, sympy.Symbol(f"#{index}")))
            return body
        index, low, excluded, bound = self.sum_index(lower)
        body = self.product(stop=frozenset())
        if index is None:
            index = self.implicit_index(body)
        if command == r"\sum":
            body = self.summand_continued(body, index)
        if upper is None:
            upper = sympy.Symbol(f"#{bound or index}")
        kind = sympy.Sum if command == r"\sum" else sympy.Product
        whole = kind(body, (index, low, upper))
        if excluded is None:
            return whole
        left_out = body.xreplace({index: excluded})
        return whole - left_out if kind is sympy.Sum else whole / left_out

    def gradient(self) -> sympy.Expr:
        """``\\nabla_\\theta \\ell``: the derivative by the variable written below (by a bold
        variable it is a vector, which the vector checks then leave alone)."""
        if self.peek().text != "_":
            raise Unreadable("a gradient without the variable written below it")
        self.take()
        variable = self.sub_parser(self.group())
        if not isinstance(variable, (sympy.Symbol, sympy.Indexed)):
            raise Unreadable("a gradient by an expression")
        return sympy.Derivative(self.product(), variable)

    def norm(self, closer: str) -> sympy.Expr:
        """``\\|\\mathbf{w}\\|_2``: an opaque term of its argument (and its subscript)."""
        self.norms += 1
        value = self.sum()
        self.norms -= 1
        self.expect(closer)
        name = r"\|"
        if self.peek().text == "_":
            self.take()
            name += "_{" + "".join(t.text for t in self.group()) + "}"
        return sympy.Function(name + "(")(value)

    def optimum(self, command: str) -> sympy.Expr:
        """``\\argmax_\\theta f``: an opaque term of the objective (to the end of the side)
        and the variable; ``verify.optima`` relates two of them."""
        if self.peek().text != "_":
            raise Unreadable(f"{command} without the variable it optimises over")
        self.take()
        variable = self.sub_parser(self.group())
        vector, algebra = self.notes.vector, self.notes.algebra
        objective = self.sum()
        self.notes.vector, self.notes.algebra = vector, algebra  # the optimum is one value
        return sympy.Function(OPTIMA[command])(objective, variable)

    def summand_continued(self, body: sympy.Expr, index: sympy.Symbol) -> sympy.Expr:
        """``\\sum_i y_i \\log p_i + (1 - y_i) \\log(1 - p_i)``: a term after the summand that
        still uses the index belongs to it (outside the sum the index would mean nothing)."""
        while self.peek().text in ("+", "-") and self.depth < MAX_DEPTH:
            start = self.at
            sign = -1 if self.take().text == "-" else 1
            try:
                term = self.product(stop=frozenset())
            except Unreadable:
                self.at = start
                break
            if index not in term.free_symbols:
                self.at = start
                break
            body = body + sign * term
        return body

    def integral(self) -> sympy.Expr:
        """``\\int_a^b f(x) \\, dx`` (and ``\\mathrm{d}x``, ``dx\\,dy``): an opaque term, kept
        whole so that the same integral on both sides is the same unknown. The body runs to
        the differentials at its end; anything else (``\\int dx\\, f``) is refused."""
        bounds: dict[str, sympy.Expr] = {}
        domain: set[str] = set()
        for _ in range(2):
            if self.peek().text in ("_", "^"):
                mark = self.take().text
                group = self.group()
                listed = _letters_listed(group) if mark == "_" else []
                if listed:  # \int_{x, y}: over all of x and y, the differentials say the same
                    domain = {t.text for t in listed}
                    continue
                bounds[mark] = self.sub_parser(group)
        start = depth = 0
        start = self.at
        variables: list[sympy.Symbol] = []
        while self.more():
            token = self.peek()
            depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(token.text, 0)
            if depth < 0:
                break
            if depth == 0 and self._differential():
                end = self.at
                while self.more() and self._differential():
                    variables.append(self._take_differential())
                if not self.tokens[start:end]:
                    raise Unreadable("an integral with nothing before its differential")
                if domain and domain != {str(v) for v in variables}:
                    raise Unreadable("an integral over other names than its differentials")
                body = self.sub_parser(self.tokens[start:end])
                low, high = bounds.get("_"), bounds.get("^")
                limits = [
                    (v, low, high) if low is not None and high is not None else (v,)
                    for v in variables
                ]
                return sympy.Integral(body, *limits)
            self.take()
        raise Unreadable("an integral without a differential dx at its end")

    def _differential(self) -> bool:
        first, second = self.peek(), self.peek(1)
        if first.text == "d" and second.kind == "letter":
            return True
        return first.text in (r"\mathrm", r"\text") and self.peek(2).text == "d"

    def _take_differential(self) -> sympy.Symbol:
        if self.take().text in (r"\mathrm", r"\text"):
            self.take()  # {
            self.take()  # d
            self.take()  # }
        variable = self.take()
        if variable.kind != "letter":
            raise Unreadable("a differential of something other than a letter")
        return sympy.Symbol(variable.text)

    def implicit_index(self, body: sympy.Expr) -> sympy.Symbol:
        """``\\sum p_i``: the one letter the summand uses as an index."""
        letters = {
            i
            for item in body.atoms(sympy.Indexed)
            for i in item.indices
            if isinstance(i, sympy.Symbol)
        }
        if len(letters) != 1:
            raise Unreadable("a sum without an index")
        return letters.pop()

    def sum_index(
        self, lower: list[Token]
    ) -> tuple[sympy.Symbol | None, sympy.Expr, sympy.Expr | None, str]:
        """(index, lower bound, an index left out by ``j \\neq i``, name of a set's size)."""
        texts = [t.text for t in lower]
        if not texts:
            return None, sympy.Integer(1), None, ""
        for relation in ("=", r"\neq", r"\ne", r"\in"):
            if relation in texts:
                cut = texts.index(relation)
                index = self.sub_parser(lower[:cut])
                if not isinstance(index, sympy.Symbol):
                    raise Unreadable("a sum whose index is not a letter")
                rest = lower[cut + 1 :]
                if relation == "=":
                    return index, self.sub_parser(rest), None, ""
                if relation == r"\in":
                    return index, sympy.Integer(1), None, "|" + "".join(t.text for t in rest) + "|"
                return index, sympy.Integer(1), self.sub_parser(rest), ""
        if len(lower) == 1 or (len(lower) == 2 and lower[0].text.startswith("\\")):
            index = self.sub_parser(lower)
            if isinstance(index, sympy.Symbol):
                return index, sympy.Integer(1), None, ""
        raise Unreadable(f"a sum over {''.join(texts)!r}")

    # -- names ---------------------------------------------------------------------------
    def name(self, token: Token) -> sympy.Expr:
        text = token.text
        if text in N.DECORATIONS:
            tokens = self.group()
            if len(tokens) > 2 and tokens[1].text == "_" and tokens[0].kind == "letter":
                self.tokens[self.at : self.at] = tokens[1:]  # \hat{y_i} is \hat{y}_i
                tokens = tokens[:1]
            inner = "".join(t.text for t in tokens)
            if text in N.BOLD:
                self.notes.vector = True
            text = f"{text}{{{inner}}}"
        elif text in N.WORDS:
            group = self.group()
            word = "".join(t.text for t in group).strip()
            applied = re.fullmatch(r"([A-Za-z]{2,})\(.+\)", word)
            if applied:  # \text{softmax(x)}: softmax applied to x
                opening = next(i for i, t in enumerate(group) if t.text == "(")
                self.tokens[self.at : self.at] = group[opening:]
                word = applied.group(1)
            if word.lower() in N.WORD_FUNCTIONS:
                if self.peek().text == "'" and word.lower() != "relu":  # ReLU'(0)?
                    return self.derivative_of(N.WORD_FUNCTIONS[word.lower()])
                return N.WORD_FUNCTIONS[word.lower()](self.argument())
            if word == "d":
                raise Unreadable("a differential d")
            text = word if re.fullmatch(r"[A-Za-z]+", word) else f"\\mathrm{{{word}}}"
        label = ""
        indices: list[sympy.Expr] = []
        subscripted = False
        while True:
            following = self.peek().text
            if following == "_" and not subscripted:
                self.take()
                subscripted = True
                part, found = self.subscript()
                if found is None:
                    text += f"_{{{part}}}"
                else:
                    indices = found
            elif following == "^" and self.is_label(self.peek(1), self.peek(2), text):
                self.take()
                label += "^{" + "".join(t.text for t in self.group()) + "}"
            else:
                break
        text += label
        if text == r"\delta" and len(indices) == 2:
            return sympy.KroneckerDelta(*indices)
        if self.peek().text == "'" and self.peek(1).text == "(":
            self.take()
            return self.applied(text, indices, derivative=True)
        if self.peek().text == "(" and (
            self.applies(text) or lists_arguments(self.tokens, self.at)
        ):
            return self.applied(text, indices)
        if self.peek().text == "[" and (
            re.match(r"(\\mathbb\{E\}|E)(_|$)", text) or divergence_follows(self.tokens, self.at)
        ):
            return self.applied(text, indices, opener="[")
        if _INDICATOR.fullmatch(text) and self.peek().text in ("[", "(", r"\{"):
            return self.applied(text, indices, opener=self.peek().text)  # 1[y_i = k]
        return self.symbol(text, indices)

    def is_label(self, first: Token, second: Token, name: str = "") -> bool:
        """``^{(i)}``, ``^{*}``, ``^\\prime``, ``p^m(x)``: part of the name, not a power."""
        if first.text == "{" and second.text in ("(", "*", r"\prime", r"\ast"):
            return True
        if first.kind == "letter" and second.text == "(" and name in N.APPLIED_LETTERS:
            return True
        return first.text in ("*", r"\prime", r"\ast")

    def subscript(self) -> tuple[str, list[sympy.Expr] | None]:
        """Indices (``_{nk}``, ``_{i,j}``, ``_{K+1}``, ``_\\theta``), or a label (``_{KL}``)."""
        tokens = self.group()
        text = "".join(t.text for t in tokens)
        if re.fullmatch(r"\d+", text):
            return text, [sympy.Integer(text)]
        if re.fullmatch(r"[a-z]{1,3}", text) or re.fullmatch(r"[A-Z]", text):
            return text, [sympy.Symbol(letter) for letter in text]
        if re.fullmatch(r"\\[a-z]+", text) and text[1:] in N.GREEK:
            return text, [sympy.Symbol(text)]
        if re.fullmatch(r"[A-Za-z0-9]+(?:,[A-Za-z0-9]+)+", text):
            return text, [self.sub_parser([t]) for t in tokens if t.text != ","]
        if re.fullmatch(r"[A-Za-z][+-]\d|[a-z][+-][a-z]", text):
            return text, [self.sub_parser(tokens)]
        return text, None

    def applies(self, name: str) -> bool:
        """Whether ``name(`` is a function applied (else a product with a bracket)."""
        base = re.sub(r"\^\{.*\}$", "", name.split("_{")[0])  # p^{m}(x): p applied
        decorated = re.fullmatch(r"\\(?:hat|tilde|bar|mathcal|mathbb)\{(.+)\}", base)
        if decorated and decorated.group(1) in N.APPLIED_LETTERS:
            return True  # \hat{p}(x), \tilde{q}(z)
        if name in self.functions or base in self.functions or base in N.APPLIED_LETTERS:
            return True
        return re.fullmatch(r"[A-Za-z]{2,}|\\mathrm\{.*\}", base) is not None

    def applied(
        self, name: str, indices: list[sympy.Expr], opener: str = "(", derivative: bool = False
    ) -> sympy.Expr:
        closer = _OPEN[opener]
        self.expect(opener)
        parts: list[list[Token]] = [[]]
        signature = ""
        depth = 0
        while True:
            token = self.take()
            if token.text in ("(", "[", "{", r"\{"):
                depth += 1
            elif token.text in (")", "]", "}", r"\}"):
                if depth == 0 and token.text == closer:
                    break
                depth -= 1
            elif depth == 0 and token.text in _ARG_SPLIT:
                signature += _ARG_SPLIT[token.text]
                parts.append([])
                continue
            parts[-1].append(token)
        arguments = [self.argument_value(part) for part in parts]
        if not indices and opener == "(" and self.peek().text == "_":
            self.take()  # softmax(z)_i: the index of the result, as in softmax_i(z)
            _, found = self.subscript()
            if found is None:
                raise Unreadable(f"a subscript after {name}(...) that is not an index")
            indices = found
        own = sympy.Symbol(name)
        if len(arguments) == 1 and not indices and own in arguments[0].free_symbols:
            return own * arguments[0]  # p(1 - p): a product, not p applied to 1 - p
        if (
            len(arguments) == 1
            and indices
            and not signature
            and opener == "("
            and not _simple(arguments[0])
        ):
            return IndexedBase(name)[tuple(indices)] * arguments[0]  # p_i (1 - p_i)
        shape = "(" if opener == "[" and "||" in signature else opener  # KL[p \| q] = KL(p \| q)
        function = sympy.Function(f"{name}{shape}{signature}")
        value = function(*indices, *arguments)
        if derivative:
            if len(arguments) != 1:
                raise Unreadable(f"{name}' of several arguments")
            if isinstance(arguments[0], (sympy.Symbol, sympy.Indexed)):
                return sympy.Derivative(value, arguments[0])
            at = sympy.Dummy("ξ")  # f'(0): the derivative taken at the point
            return sympy.Subs(sympy.Derivative(function(*indices, at), at), at, arguments[0])
        return value

    def argument_value(self, tokens: list[Token]) -> sympy.Basic:
        """One argument of an applied function: an expression, or an opaque ``y = 1``."""
        if not tokens:
            raise Unreadable("an empty argument")
        if len(tokens) == 1 and tokens[0].text in ("+", "-"):
            return sympy.Symbol(tokens[0].text)  # P(+ \mid D): the event "tested positive"
        negated = len(tokens) == 2 and tokens[0].text in (r"\neg", r"\lnot")
        if negated and tokens[1].kind == "letter":
            return sympy.Symbol(rf"\neg {tokens[1].text}")  # P(\neg D): the event "not D"
        texts = _top_level(tokens)  # P(y = 1): the = of the argument, not of \sum_{j=1}
        cuts = [i for i, text in enumerate(texts) if text in _EVENT_RELATIONS]
        if cuts:  # P(x \le X < x + \Delta x), I(A \cap B): an event, kept as written
            pieces: list[sympy.Basic] = []
            for start, end in zip([-1, *cuts], [*cuts, len(tokens)], strict=True):
                pieces.append(self.sub_parser(tokens[start + 1 : end]))
                if end < len(tokens):
                    pieces.append(sympy.Symbol(texts[end]))
            return sympy.Tuple(*pieces)
        vector, algebra = self.notes.vector, self.notes.algebra
        value = self.sub_parser(tokens)
        self.notes.vector = vector  # bold inside an argument is part of an opaque term
        self.notes.algebra = algebra
        return value

    def symbol(self, text: str, indices: list[sympy.Expr]) -> sympy.Expr:
        if text == "e" and not indices:
            if self.peek().text == "^":
                self.take()
                return sympy.exp(self.script())
            return sympy.E
        if text == r"\pi" and not indices:
            return sympy.pi
        if indices:
            return IndexedBase(text)[tuple(indices)]
        return sympy.Symbol(text)

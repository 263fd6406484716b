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

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import IndexedBase

from derivetex.reader import names as N
from derivetex.reader.applications import Applications
from derivetex.reader.bare import bare_big
from derivetex.reader.calculus import Calculus
from derivetex.reader.choices import Chooser
from derivetex.reader.choosing import E_NOTATION, FUNCTION_WORD, Choosing
from derivetex.reader.cursor import BRACKETS, OPTIMA, Notes, Unreadable
from derivetex.reader.groups import set_builder
from derivetex.reader.operators import BigOperators
from derivetex.reader.tokens import Token, tokenize

MAX_TOKENS = 4000
MAX_EXPONENT = 10_000
"""A numeric power beyond this is not built: SymPy would compute 10^{10^{10}} exactly."""
ROUNDED_DIGITS = 3
"""A decimal with this many significant digits (2.718, 0.0498, -1.386) may be a rounded
constant: a link using it holds when it holds at the precision the decimal shows."""


_STOP = {
    "+", "-", ")", "]", "}", ",", ";", "|", "=", "<", ">", "&", r"\}", r"\mid", r"\|", r"\rVert",
}
_NORM_OPENERS = {r"\|": r"\|", r"\lVert": r"\rVert", r"\Vert": r"\Vert"}
_ELEMENTWISE = {r"\circ", r"\odot"}
_PRODUCT_OPS = {r"\cdot", r"\times", "*", r"\ast"}
TRANSPOSE_OR_POWER = ("R540", "R541")
MAX_DECIMAL_EXPONENT = 308
"""``1e308``: a written number beyond a float's range is not read (nor built exactly)."""


def _linear_term(term: sympy.Expr) -> bool:
    """A number, a plain name (no literal, no index) or a number times one."""
    coefficient, rest = term.as_coeff_Mul()
    if rest == 1:
        return bool(coefficient.is_Number)
    return isinstance(rest, sympy.Symbol) and not rest.name.startswith("#")


def parse(text: str, functions: frozenset[str] = frozenset()) -> tuple[sympy.Expr, Notes]:
    """The expression ``text`` denotes, and notes on it; ``functions`` are names the
    document defines as functions (so ``g(x)`` is an application, never a product).
    Where notation is ambiguous this is the first reading (``read_alternatives`` lists all)."""
    expr, notes, _ = read_with(text, functions, Chooser(text))
    return expr, notes


def read_with(
    text: str, functions: frozenset[str], chooser: Chooser
) -> tuple[sympy.Expr, Notes, Chooser]:
    """One reading of ``text``, answering the grammar's questions with ``chooser``."""
    tokens = tokenize(text)
    if len(tokens) > MAX_TOKENS:
        raise Unreadable(f"an expression of over {MAX_TOKENS} tokens")
    if not tokens:
        raise Unreadable("empty expression")
    parser = _Parser(tokens, functions, chooser)
    expr = parser.sum()
    if parser.more():
        raise Unreadable(f"cannot read {parser.peek().text!r} here")
    return expr, parser.notes, chooser


class _Parser(Choosing, Applications, Calculus, BigOperators):
    """The grammar: sums of products of powers of primaries."""

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
        if token.kind in ("num", "letter", "word", "fword") or token.text == r"\lVert":
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
        letter = token.text == "T" or (token.text == "{" and after.text == "T")
        if letter and self.chooser.choose(("T",), TRANSPOSE_OR_POWER) == 1:
            self.chooser.explain(("T",), "^T", "a power (T a name)", "`^\\top` writes a transpose")
            return False
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


    def sub_parser(self, tokens: list[Token]) -> sympy.Expr:
        inner = _Parser(tokens, self.functions, self.chooser)
        inner.notes = self.notes
        inner.depth = self.depth
        if not tokens:
            raise Unreadable("an empty group")
        value = inner.sum()
        if inner.more():
            raise Unreadable(f"cannot read {inner.peek().text!r} here")
        return value

    def number(self, text: str) -> sympy.Expr:
        mantissa, _, power = text.lower().partition("e")
        if power:
            self.chooser.note(E_NOTATION)
            if abs(int(power)) > MAX_DECIMAL_EXPONENT:
                raise Unreadable(f"a number beyond 1e{MAX_DECIMAL_EXPONENT}: {text}")
        if "." not in mantissa and not power:
            return sympy.Integer(text)
        value = sympy.Rational(mantissa) * sympy.Rational(10) ** int(power or 0)
        places = len(mantissa.partition(".")[2]) - int(power or 0)
        if len(mantissa.replace(".", "").lstrip("0")) < ROUNDED_DIGITS:
            return value  # 0.5, 0.33, 2.5e-4: data, taken as exact
        literal = sympy.Symbol(f"#lit{len(self.notes.literals)}")
        self.notes.literals[literal] = (value, max(places, 0))
        return literal

    def primary(self) -> sympy.Expr:
        self.enter()
        try:
            return self._primary()
        finally:
            self.depth -= 1

    def _primary(self) -> sympy.Expr:
        self.take_alternative()
        token = self.take()
        text = token.text
        if token.kind == "num":
            return self.number(text)
        if token.kind in ("cmd", "fword") and self.chooser.source[token.at : token.at + 1] != "\\":
            self.chooser.note(FUNCTION_WORD)  # log, sigmoid written as words
        if token.kind == "fword":
            return self.function_word(token)
        if text == r"\{" and set_builder(self.tokens, self.at - 1):
            return self.set_of()
        if text in BRACKETS:
            value = self.sum()
            if text in ("(", "[") and self.peek().text == ",":
                return self.vector(value, BRACKETS[text])
            self.expect(BRACKETS[text])
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
        elif command == r"\log" and N.bare_log_base() is not None:
            base = sympy.Integer(N.bare_log_base())  # the settings' log-base: explicit notation
        power = self.function_power(command)
        if self.peek().text in ("(", "["):
            argument = self.argument()  # the parentheses written: one reading
        else:
            argument = self.bare_argument(log=True)
        value = sympy.log(argument, evaluate=argument != 0)
        return (value if base is None else value / sympy.log(base)) ** power


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

    # -- names ---------------------------------------------------------------------------


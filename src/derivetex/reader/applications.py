"""Names and what is applied to them: ``y_{nk}``, ``\\hat{y}``, ``\\sigma(z)``, ``p(y \\mid x)``,
``P(y = 1 \\mid x)`` (an event inside is no link), the indicator ``\\mathbb{1}[y_i = k]``."""

from __future__ import annotations

import re

import sympy
from sympy.tensor.indexed import IndexedBase

from derivetex.reader import names as N
from derivetex.reader.cursor import BRACKETS, Cursor, Unreadable
from derivetex.reader.groups import divergence_follows, lists_arguments
from derivetex.reader.tokens import Token

_ARG_SPLIT = {
    ",": ",", ";": ";", "|": "|", r"\mid": "|", r"\|": "||", r"\parallel": "||", r"\Vert": "||",
}  # fmt: skip


_EVENT_RELATIONS = {
    "=", r"\sim", r"\in", "<", ">", r"\le", r"\leq", r"\ge", r"\geq", r"\neq", r"\ne",
    r"\cap", r"\cup", r"\setminus",
}  # fmt: skip
"""What joins the parts of an event inside ``P(...)``: relations and set operations."""


PRODUCT_OR_APPLICATION = ("R511", "R510")
EULER_OR_NAME = ("R530", "R531")

_INDICATOR = re.compile(r"\\(?:mathbb|mathbf|mathds|mathbbm)\{[1I]\}")
"""The indicator of an event, ``\\mathbb{1}[y_i = k]``: an opaque term of its event."""


def _simple(argument: sympy.Basic) -> bool:
    """An argument as functions take them: a name, a number, or a tuple of those."""
    return isinstance(argument, (sympy.Symbol, sympy.Indexed, sympy.Tuple, sympy.Number)) or (
        isinstance(argument, sympy.Mul) and len(argument.args) == 2 and argument.args[0] == -1
    )


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


_EXPECTATIONS = frozenset({r"\mathbb{E}", r"\mathrm{E}", r"\operatorname{E}", r"\mathbf{E}"})
r"""The expectation operator's spellings that are never a plain name E (an energy, an error):
written before a name without brackets, ``\mathbb{E}X`` and ``\mathbb{E}\hat\theta``, it takes
that name as ``\mathbb{E}[X]`` does."""


class Applications(Cursor):
    """A name and its subscripts, and the function applied to it."""

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
        if text in _EXPECTATIONS and self.starts_a_name(self.peek()):
            return sympy.Function(f"{text}[")(*indices, self.argument())  # \mathbb{E}X: E[X]
        primes = 0
        while self.peek(primes).text == "'":
            primes += 1
        if primes and self.peek(primes).text == "(":  # f'(x), \ell''(p): its derivatives
            for _ in range(primes):
                self.take()
            return self.applied(text, indices, derivative=primes)
        if self.peek().text == "(" and (
            self.applies(text) or lists_arguments(self.tokens, self.at)
        ):
            return self.applied(text, indices)
        if self.peek().text == "(" and self.applied_instead(text, token):
            return self.applied(text, indices)
        if self.peek().text == "[" and (
            re.match(r"(\\mathbb\{E\}|E)(_|$)", text) or divergence_follows(self.tokens, self.at)
        ):
            return self.applied(text, indices, opener="[")
        if _INDICATOR.fullmatch(text) and self.peek().text in ("[", "(", r"\{"):
            return self.applied(text, indices, opener=self.peek().text)  # 1[y_i = k]
        return self.symbol(text, indices, explicit=token.text in N.WORDS)

    @staticmethod
    def starts_a_name(token: Token) -> bool:
        """A letter, a Greek letter or a decorated or bold name begins here."""
        if token.kind == "letter":
            return True
        return token.kind == "cmd" and (
            token.text[1:] in N.GREEK or token.text in N.DECORATIONS or token.text in N.BOLD
        )

    def is_label(self, first: Token, second: Token, name: str = "") -> bool:
        """``^{(i)}``, ``^{*}``, ``^\\prime``, ``p^m(x)``: part of the name, not a power."""
        if first.text == "{" and second.text in ("(", "*", r"\prime", r"\ast"):
            return True
        if first.kind == "letter" and second.text == "(" and name in N.APPLIED_LETTERS:
            return not self.bracket_mentions(2, name)
        return first.text in ("*", r"\prime", r"\ast")

    def bracket_mentions(self, ahead: int, name: str) -> bool:
        """Whether the bracket opening ``ahead`` tokens on holds ``name`` itself: then
        ``p^k (1 - p)^{n-k}`` is a product (a likelihood), not a family p^k applied."""
        depth = 0
        while (token := self.peek(ahead)).text:
            depth += {"(": 1, ")": -1}.get(token.text, 0)
            if token.text == name and depth > 0:
                return True
            if depth == 0:
                return False
            ahead += 1
        return False

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
        self, name: str, indices: list[sympy.Expr], opener: str = "(", derivative: int = 0
    ) -> sympy.Expr:
        """``name`` applied to the bracket that follows (its ``derivative``-th derivative
        there: 1 for f'(x), 2 for f''(x))."""
        closer = BRACKETS[opener]
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
                return sympy.Derivative(value, (arguments[0], derivative))
            at = sympy.Dummy("ξ")  # f'(0): the derivative taken at the point
            taken = sympy.Derivative(function(*indices, at), (at, derivative))
            return sympy.Subs(taken, at, arguments[0])
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

    def applied_instead(self, name: str, token: Token) -> bool:
        """``y_k(\\phi_n)``, ``w(x + 1)``: a name not known as a function before a bracket
        is a product first and an application second (asked once per name)."""
        if name in ("e", r"\pi") or name in self.functions:
            return False
        key = ("apply", name)
        if self.chooser.choose(key, PRODUCT_OR_APPLICATION) != 1:
            return False
        written = self.chooser.text(token.at, self.bracket_end())
        reading = f"`{self.chooser.text(token.at, self.offset())}` applied to the bracket"
        advice = f"defining `{name}(…)` as a function would say so"
        self.chooser.explain(key, written, reading, advice)
        return True

    def symbol(self, text: str, indices: list[sympy.Expr], explicit: bool = False) -> sympy.Expr:
        """A name's value; ``e`` is Euler's number first and a name second (``\\mathrm{e}``
        is Euler's number only)."""
        euler = text == "e" and not indices
        if euler and not explicit and self.chooser.choose(("e",), EULER_OR_NAME) == 1:
            advice = "another letter, or `\\mathrm{e}` for Euler's number, would say which"
            self.chooser.explain(("e",), "e", "a name, not Euler's number", advice)
            return sympy.Symbol("e")
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

"""The token cursor the reader's parts share, and what a reading returns.

``parser._Parser`` reads the grammar; ``applications``, ``calculus`` and ``operators`` read
names and applied functions, derivatives and integrals, sums and the other big operators.
Each part is a class over this cursor, so a part can ask for the grammar's own entry points
(``sum``, ``product``, ``argument``, ...): they are declared here and read in ``parser``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy

from derivetex.reader import names as N
from derivetex.reader.choices import Chooser
from derivetex.reader.tokens import Token

MAX_DEPTH = 60
"""Nesting deeper than this is refused (recursion, and ``\\log(`` towers)."""


class Unreadable(Exception):
    """The text cannot be read with certainty; the message says why."""


@dataclass
class Notes:
    """What a reading met besides the expression: rounded literals, vectors."""

    literals: dict[sympy.Symbol, tuple[sympy.Rational, int]] = field(default_factory=dict)
    algebra: bool = False
    """A transpose or a matrix was met: no elementwise reading is exact."""
    vector: bool = False


def letters_listed(tokens: list[Token]) -> list[Token]:
    """The letters of ``n,k`` (two or more, separated by commas); else none."""
    letters, commas = tokens[::2], tokens[1::2]
    if len(letters) < 2 or len(commas) != len(letters) - 1:
        return []
    if all(c.text == "," for c in commas) and all(t.kind == "letter" for t in letters):
        return letters
    return []


BRACKETS = {"(": ")", "[": "]", r"\{": r"\}", r"\lbrace": r"\rbrace", r"\lbrack": r"\rbrack"}
"""Each opening bracket and the one that closes it."""
OPTIMA = {r"\argmax": "argmax", r"\argmin": "argmin"}
"""The optimiser commands (after ``verify.reading.normalise``) and their terms' names."""


class Cursor(ABC):
    """Tokens and a position in them; the grammar reads from here."""

    def __init__(
        self, tokens: list[Token], functions: frozenset[str], chooser: Chooser | None = None
    ) -> None:
        self.tokens = tokens
        self.at = 0
        self.depth = 0
        self.functions = functions
        self.notes = Notes()
        self.chooser = chooser if chooser is not None else Chooser("")
        self.norms = 0  # norms open: inside one, \| closes it instead of opening another

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

    def offset(self, ahead: int = 0) -> int | None:
        """Where the token ``ahead`` starts in the source (None at the end)."""
        token = self.peek(ahead)
        return None if token.kind == "end" else token.at

    def bracket_end(self) -> int | None:
        """The source offset just after the bracket opening at the current token."""
        depth = 0
        for index in range(self.at, len(self.tokens)):
            text = self.tokens[index].text
            depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(text, 0)
            if depth == 0:
                return self.tokens[index].at + 1
        return None

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Unreadable(f"nested more than {MAX_DEPTH} deep")

    def split_digits(self) -> None:
        """An unbraced script or ``\\frac`` argument takes one digit: ``\\frac12``."""
        token = self.peek()
        if token.kind == "num" and token.text.isdigit() and len(token.text) > 1:
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

    # -- the grammar's entry points, read in ``parser._Parser`` ------------------------------
    @abstractmethod
    def sum(self) -> sympy.Expr: ...

    @abstractmethod
    def product(self, stop: frozenset[str] = frozenset()) -> sympy.Expr: ...

    @abstractmethod
    def power(self) -> sympy.Expr: ...

    @abstractmethod
    def operand(self) -> sympy.Expr: ...

    @abstractmethod
    def argument(self) -> sympy.Expr: ...

    @abstractmethod
    def script(self) -> sympy.Expr: ...

    @abstractmethod
    def starts_factor(self, token: Token) -> bool: ...

    @abstractmethod
    def sub_parser(self, tokens: list[Token]) -> sympy.Expr: ...

    @abstractmethod
    def name(self, token: Token) -> sympy.Expr: ...

    @abstractmethod
    def derivative_of(self, function: Callable[[sympy.Expr], sympy.Expr]) -> sympy.Expr: ...

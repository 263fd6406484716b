r"""The grammar's ambiguous places: each asks the ``Chooser`` and explains the other reading.

* a token with a second reading (``tokens.Token.alt``): ``abc`` letters or one name,
  ``Var(X)`` a function or letters, ``2e-3`` a number or 2e − 3;
* the scope of an unparenthesised log argument: ``\log a b`` (of ab, or log a times b) and
  ``\log P(A) \cdot P(B)`` (of P(A) alone, or of the product);
* a function word spelled without a backslash (``sigmoid(z)``, ``sqrt(x)``) is read here.
"""

from __future__ import annotations

import sympy

from derivetex.reader import names as N
from derivetex.reader.cursor import Cursor
from derivetex.reader.tokens import Token

_PRODUCT_OPS = {r"\cdot", r"\times"}
_ARGUMENT_STOPS = {*N.LOGS, *N.ELEMENTARY, r"\sum", r"\prod", r"\frac", r"\dfrac"}

FUNCTION_WORD = "R501"
E_NOTATION = "R503"
LOG_OF_FACTOR, LOG_OF_PRODUCT = "R512", "R513"
LOG_OF_JUXTAPOSED, LOG_OF_FIRST = "R514", "R515"

_ALT_READINGS = {
    "R521": ("one name", "`\\mathrm{{{w}}}` would say so"),
    "R522": ("a function applied to the bracket", "`\\operatorname{{{w}}}` would say so"),
    "R523": ("a product of its letters", "`\\cdot` between them would say so"),
    "R533": ("a number times Euler's e, minus a number", "spaces (`2e - 3`) would say so"),
}
"""For each alternative of a token: how it reads, and what the writer can do."""


class Choosing(Cursor):
    """The places where the grammar asks which reading to take."""

    def take_alternative(self) -> None:
        """Before a token with a second reading: ask, and put the other tokens in if so."""
        token = self.peek()
        if not token.alt:
            return
        span = self.tokens[self.at : self.at + token.span]
        written = "".join(t.text for t in span)
        key = ("token", token.code, written)
        if self.chooser.choose(key, token.code) == 1:
            self.tokens[self.at : self.at + token.span] = list(token.alt)
            reading, advice = _ALT_READINGS.get(token.code[1], ("another reading", ""))
            self.chooser.explain(key, written, reading, advice.format(w=written))

    def function_word(self, token: Token) -> sympy.Expr:
        """``sigmoid(z)``, ``relu(x)``, ``sqrt(x)``: the function; ``softmax(z)`` an
        application of the name (as ``\\mathrm{softmax}(z)`` is)."""
        function = N.WORD_FUNCTIONS.get(token.text)
        if function is None:
            return self.name(Token("word", token.text, token.at))
        if self.peek().text == "'" and token.text != "relu":
            return self.derivative_of(function)
        return function(self.argument())

    def argument(self) -> sympy.Expr:
        """A function's argument: parenthesised, or the implicit product that follows."""
        if self.peek().text in ("(", "["):
            opener = self.take().text
            value = self.sum()
            self.expect({"(": ")", "[": "]"}[opener])
            return value
        return self.bare_argument(log=False)

    def bare_argument(self, log: bool) -> sympy.Expr:
        """The unparenthesised argument: the factors written side by side. Of a log, it may
        be the first factor only, or run on through ``\\cdot`` (both asked)."""
        start = self.offset()
        factors = [self.power()]
        cut = False
        while self.more() and self.starts_factor(self.peek()):
            if self.peek().text in _ARGUMENT_STOPS or self.peek().kind == "fword":
                break
            if log and len(factors) == 1 and self._first_only(start):
                cut = True
                break
            factors.append(self.power())
        if log and not cut and self.peek().text in _PRODUCT_OPS and start is not None:
            factors.extend(self._through_products(start))
        return sympy.Mul(*factors)

    def _first_only(self, start: int | None) -> bool:
        key = ("log-first", start)
        if self.chooser.choose(key, (LOG_OF_JUXTAPOSED, LOG_OF_FIRST)) != 1:
            return False
        first = self.chooser.text(start or 0, self.offset())
        written = self.chooser.text(start or 0, self._end_of_factors())
        reading = f"`(\\log {first}) {written[len(first):].strip()}`"
        self.chooser.explain(key, f"\\log {written}", reading, "parentheses would say so")
        return True

    def _end_of_factors(self) -> int | None:
        """Where the side-by-side factors after the current one end (for a hint only)."""
        at = self.at
        while at < len(self.tokens) and self.tokens[at].text not in {"+", "-", "=", ")", "}"}:
            at += 1
        return self.tokens[at].at if at < len(self.tokens) else None

    def _through_products(self, start: int) -> list[sympy.Expr]:
        """``\\log P(A) \\cdot P(B)``: asked whether the log takes the product too."""
        key = ("log-product", start)
        if self.chooser.choose(key, (LOG_OF_FACTOR, LOG_OF_PRODUCT)) != 1:
            return []
        factors: list[sympy.Expr] = []
        while self.peek().text in _PRODUCT_OPS:
            self.take()
            factors.append(self.power())
            while self.more() and self.starts_factor(self.peek()):
                if self.peek().text in _ARGUMENT_STOPS:
                    break
                factors.append(self.power())
        written = self.chooser.text(start, self.offset())
        reading = f"`\\log ({written})`"
        self.chooser.explain(key, f"\\log {written}", reading, "parentheses would say so")
        return factors

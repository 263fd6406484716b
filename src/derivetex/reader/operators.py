"""Sums and products over an index (``\\sum_k``, ``\\sum_{n,k}``, the bound left unwritten),
norms, and the optimisers ``\\argmax``/``\\argmin``."""

from __future__ import annotations

import sympy

from derivetex.reader.cursor import MAX_DEPTH, OPTIMA, Cursor, Unreadable, letters_listed
from derivetex.reader.tokens import Token

_BIG = {r"\sum": sympy.Sum, r"\prod": sympy.Product}


class BigOperators(Cursor):
    """Sums, products, norms and optima."""

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
        letters = letters_listed(lower)
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

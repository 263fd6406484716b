"""Derivatives in every common notation (``\\frac{\\partial E}{\\partial a_k}``,
``\\frac{d}{dx}``, ``f'(x)``, ``\\nabla_w``), integrals with their differential, limits."""

from __future__ import annotations

from collections.abc import Callable

import sympy

from derivetex.reader import limits
from derivetex.reader.cursor import Cursor, Unreadable, letters_listed
from derivetex.reader.tokens import Token


def _lacks_partial(top: list[Token], bottom: list[Token]) -> bool:
    """``\\frac{\\partial}{o_k}``: a lone ∂ over a plain name, the ∂ below forgotten."""
    texts = [t.text for t in bottom]
    plain = bool(bottom) and bottom[0].kind == "letter" and r"\partial" not in texts
    return len(top) == 1 and top[0].text == r"\partial" and plain and len(bottom) <= 4


class Calculus(Cursor):
    """Derivatives, gradients, integrals and limits."""

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

    def derivative_of(self, function: Callable[[sympy.Expr], sympy.Expr]) -> sympy.Expr:
        """``\\tanh'(x)``, ``\\mathrm{sigmoid}''(0)``: a known smooth function's derivative
        (as many as the primes) at its argument."""
        order = 0
        while self.peek().text == "'":
            self.take()
            order += 1
        at = sympy.Dummy("ξ")
        return sympy.diff(function(at), at, order).subs(at, self.argument())

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
                listed = letters_listed(group) if mark == "_" else []
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

r"""Matrix algebra read in the order it is written, for the matrix checks.

SymPy's reading of a side is commutative, so ``(\mathbf{L}\mathbf{L}^\top)^{-1}`` and
``(\mathbf{L}^\top\mathbf{L})^{-1}`` read the same. This small reader keeps the order: a
side becomes a tree of sums, products (juxtaposition, ``\times``, ``\cdot``), transposes,
inverses, determinants and quotients by scalars over named matrices, vectors and scalars.

A name's kind comes from how it is written, as ML writing does: bold or arrowed lower case
(``\mathbf{x}``, ``\bm{\mu}``, ``\vec{a}``) is a vector; bold upper case (``\mathbf{L}``)
and ``\Sigma``/``\Lambda`` are matrices; a plain name that is transposed somewhere in the
side is a vector (lower case) or a matrix (upper case); any other plain name is a scalar.
Bold and plain upper case name one matrix (``\bm{\Sigma}`` is ``\Sigma``). With
``gradients`` a derivative by a vector or a matrix (``\frac{\partial f}{\partial \mathbf{w}}``,
``\nabla_{\mathbf{w}} f``, :mod:`matrix_gradient`) is an ``Op("grad", (f, variable))``, and
inside it a function the section defined (``h(\boldsymbol{\beta})``) is read through its
definition. Anything else -- a derivative by a scalar, a sum, another function applied to an
argument, a blackboard letter -- is not read (:class:`NotMatrixAlgebra`), and the link is
left to the other checks.
"""

from __future__ import annotations

import re

from derivetex.verify.decide.matrix_tokens import is_letter, is_upper, tokens
from derivetex.verify.decide.matrix_tree import (
    MATRIX,
    SCALAR,
    VECTOR,
    Literal,
    Name,
    Node,
    NotMatrixAlgebra,
    Number,
    Op,
    function_key,
)

_BOLD = (r"\mathbf", r"\bm", r"\boldsymbol", r"\vec", r"\pmb")
MATRIX_GREEK = frozenset({r"\Sigma", r"\Lambda"})
"""Greek capitals written plain that name matrices (a covariance, a precision)."""
_TRANSPOSE = {"T", r"\top", r"\intercal", r"\mathsf{T}", r"\mathrm{T}", r"\mathsf T", "t"}
_FUNCTIONS = {r"\log": "log", r"\ln": "log", r"\exp": "exp"}


_ENVIRONMENT = re.compile(r"\\begin\{([pbvBV]?)matrix\}(.*?)\\end\{\1matrix\}", re.DOTALL)


def read_side(
    latex: str, link: str = "", gradients: bool = False, functions: frozenset[str] = frozenset()
) -> Node:
    """The tree of one side; :class:`NotMatrixAlgebra` when it is not plain matrix algebra.
    ``link`` is the whole link's text: a letter transposed anywhere in it is not a scalar.
    ``gradients``: derivatives by vectors and matrices are read; ``functions``: the keys of
    the functions the section defined as matrix expressions (``h``)."""
    literals: list[Literal] = []

    def literal(match: re.Match[str]) -> str:
        rows = [r for r in re.split(r"\\\\", match.group(2)) if r.strip()]
        entries = tuple(tuple(e.strip() for e in row.split("&")) for row in rows)
        if not entries or len({len(row) for row in entries}) != 1:
            raise NotMatrixAlgebra("a matrix with rows of different lengths")
        literals.append(Literal(entries))
        index = len(literals) - 1
        return f" \\LITERAL{{{index}}} " if match.group(1) != "v" else f" |\\LITERAL{{{index}}}| "

    text = _ENVIRONMENT.sub(literal, latex)
    whole = f"{latex} {link}"
    transposed = _transposed_names(whole) | (_nabla_variables(whole) if gradients else set())
    reader = _Reader(tokens(text), transposed, literals)
    reader.gradients, reader.functions = gradients, functions
    node = reader.sum()
    if reader.at < len(reader.tokens):
        raise NotMatrixAlgebra(f"cannot read {reader.tokens[reader.at]!r} here")
    return node


def _transposed_names(latex: str) -> set[str]:
    """Plain letters written with a transpose (``\\theta^T``): vectors or matrices."""
    mark = r"(?:\^\s*\{?\s*(?:T|\\top|\\intercal|\\mathsf\{T\})\s*\}?)"
    return set(re.findall(r"(\\[A-Za-z]+|[A-Za-z])(?:_\{?[A-Za-z0-9]+\}?)?\s*" + mark, latex))


def _nabla_variables(latex: str) -> set[str]:
    """Plain letters a gradient is taken by (``\\nabla_w``, ``\\partial A`` below a fraction
    bar): vectors or matrices."""
    nabla = re.findall(r"\\nabla_\{?\s*(\\[A-Za-z]+|[A-Za-z])", latex)
    capitals = re.findall(r"\}\s*\{\s*(?:\\partial|d)\s*([A-Z])\s*\}", latex)
    return set(nabla) | set(capitals)


class _Reader:
    gradients = False
    functions: frozenset[str] = frozenset()
    inside = 0
    norms = 0
    """How many gradients the reader is inside (defined functions are read only there)."""

    def __init__(self, tokens: list[str], transposed: set[str], literals: list[Literal]) -> None:
        self.tokens = tokens
        self.literals = literals
        self.at = 0
        self.transposed = transposed
        self.bars = 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise NotMatrixAlgebra(f"expected {expected!r}")
        self.at += 1
        return token

    def sum(self) -> Node:
        terms: list[Node] = []
        sign = self._sign()
        terms.append(self._signed(sign, self.product()))
        while self.peek() in ("+", "-"):
            sign = self._sign()
            terms.append(self._signed(sign, self.product()))
        return terms[0] if len(terms) == 1 else Op("+", tuple(terms))

    def _sign(self) -> bool:
        negative = False
        while self.peek() in ("+", "-"):
            negative ^= self.take() == "-"
        return negative

    @staticmethod
    def _signed(negative: bool, node: Node) -> Node:
        return Op("neg", (node,)) if negative else node

    def product(self) -> Node:
        factors = [self.postfix()]
        while True:
            token = self.peek()
            if token in (r"\times", r"\cdot", "*"):
                self.take()
                factors.append(self.postfix())
            elif (
                token is not None
                and token not in ("+", "-", ")", "]", "}", "=", ",")
                and (token != "|" or self.bars == 0)
                and (token != r"\NORM" or self.norms == 0)
            ):
                factors.append(self.postfix())
            else:
                break
        return factors[0] if len(factors) == 1 else Op("*", tuple(factors))

    def postfix(self) -> Node:
        node = self.atom()
        while self.peek() == "^":
            self.take()
            node = self._power(node)
        return node

    def _power(self, node: Node) -> Node:
        text = self._group_text()
        compact = text.replace(" ", "")
        if compact in _TRANSPOSE and (compact != "t" or _kind(node) != SCALAR):
            return Op("T", (node,))
        if compact == "-1":
            return Op("inv", (node,))
        if re.fullmatch(r"\d+", compact):
            return Op("pow", (node, Number(float(compact))))
        raise NotMatrixAlgebra(f"the power ^{{{text}}}")

    def _group_text(self) -> str:
        """The raw tokens of a ``{...}`` group, or the one token after ``^``."""
        if self.peek() != "{":
            token = self.take()
            if token == "\\":
                raise NotMatrixAlgebra("a lone backslash")
            return token
        self.take("{")
        depth, parts = 1, list[str]()
        while True:
            token = self.take()
            depth += {"{": 1, "}": -1}.get(token, 0)
            if depth == 0:
                return " ".join(parts)
            parts.append(token)

    def atom(self) -> Node:
        token = self.peek()
        if token is None:
            raise NotMatrixAlgebra("the side ends too early")
        if token in ("(", "[", "{"):
            close = {"(": ")", "[": "]", "{": "}"}[self.take()]
            node = self.sum()
            self.take(close)
            return node
        if token == "|":
            self.take()
            self.bars += 1
            node = self.sum()
            self.take("|")
            self.bars -= 1
            return Op("det", (node,))
        if re.fullmatch(r"\d*\.?\d+", token):
            return Number(float(self.take()))
        if token == r"\LITERAL":
            self.take()
            return self.literals[int(self._group_text())]
        if token == r"\frac":
            self.take()
            derivative = self._derivative() if self.gradients else None
            if derivative is not None:
                return derivative
            top, bottom = self._braced(), self._braced()
            return Op("div", (top, bottom))
        if token == r"\nabla" and self.gradients:
            return self._nabla()
        if token == r"\NORM":
            return self._norm()
        if token == r"\TRACE":
            self.take()
            return Op("tr", (self.postfix(),))
        if token in _FUNCTIONS:
            self.take()
            return Op(_FUNCTIONS[token], (self.postfix(),))
        if token == r"\sqrt":
            self.take()
            return Op("sqrt", (self._braced(),))
        return self.name()

    def _derivative(self) -> Node | None:
        """``\\frac{\\partial f}{\\partial \\mathbf{w}}`` or ``\\frac{d}{d\\mathbf{w}} f`` (the
        ``\\frac`` taken), or ``None`` with nothing taken when the fraction is no derivative."""
        start = self.at
        ahead = self.tokens[start : start + 2]
        if len(ahead) < 2 or ahead[0] != "{" or ahead[1] not in (r"\partial", "d"):
            return None
        marker = ahead[1]
        self.at += 2
        self.inside += 1
        try:
            function = None if self.peek() == "}" else self.sum()
            self.take("}")
            self.take("{")
            self.take(marker)
            variable = self._variable()
            self.take("}")
        except NotMatrixAlgebra:
            self.at = start
            return None
        finally:
            self.inside -= 1
        return self._gradient(function, variable)

    def _nabla(self) -> Node:
        self.take(r"\nabla")
        self.take("_")
        if self.peek() == "{":
            self.take("{")
            variable = self._variable()
            self.take("}")
        else:
            variable = self._variable()
        return self._gradient(None, variable)

    def _variable(self) -> Name:
        variable = self.name()
        if not isinstance(variable, Name) or variable.kind == SCALAR:
            raise NotMatrixAlgebra("a derivative by a scalar")
        return variable

    def _gradient(self, function: Node | None, variable: Name) -> Node:
        """The gradient of ``function``, or of the product written after the operator."""
        if function is None:
            self.inside += 1
            try:
                function = self.product()
            finally:
                self.inside -= 1
        return Op("grad", (function, variable))

    def _norm(self) -> Node:
        r"""``\|\mathbf{v}\|`` (a subscript ``_2`` after it is the Euclidean norm's)."""
        self.take(r"\NORM")
        self.norms += 1
        node = self.sum()
        self.take(r"\NORM")
        self.norms -= 1
        if self.peek() == "_" and self.tokens[self.at + 1 : self.at + 2] in (["2"], ["{"]):
            self.take("_")
            if self._group_text().strip() != "2":
                raise NotMatrixAlgebra("a norm other than the Euclidean")
        return Op("norm", (node,))

    def _label(self) -> str:
        """``^{(0)}`` after a name: a layer or step label, part of the name."""
        ahead = self.tokens[self.at : self.at + 3]
        if ahead[:3] == ["^", "{", "("]:
            end = self.tokens.index("}", self.at) if "}" in self.tokens[self.at :] else -1
            if end > 0 and self.tokens[end - 1] == ")":
                label = "".join(self.tokens[self.at + 2 : end])
                self.at = end + 1
                return label
        return ""

    def _braced(self) -> Node:
        if self.peek() != "{":
            return self.postfix()
        self.take("{")
        node = self.sum()
        self.take("}")
        return node

    def name(self) -> Node:
        token = self.take()
        if token in _ACCENTS and self.peek() == "{":  # \hat{\mathbf{p}}: part of the name
            self.take("{")
            under = self.name()
            self.take("}")
            if not isinstance(under, Name):
                raise NotMatrixAlgebra(f"notation {token!r}")
            accent = token.lstrip("\\")
            return Name(f"{accent} {under.key}", under.kind, f"{token}{{{under.shown}}}")
        bold = False
        if token in _BOLD:
            bold = True
            self.take("{")
            inner = self.take()
            self.take("}")
            token = inner
        if not (re.fullmatch(r"[A-Za-z]", token) or re.fullmatch(r"\\[A-Za-z]+", token)):
            raise NotMatrixAlgebra(f"notation {token!r}")
        if token.startswith("\\") and not is_letter(token):
            raise NotMatrixAlgebra(f"notation {token!r}")
        shown = f"\\mathbf{{{token}}}" if bold and not is_upper(token) else token
        key = token
        if self.peek() == "_":
            self.take()
            sub = self._group_text()
            key += f"_{{{sub}}}"
            shown += f"_{{{sub}}}"
        label = self._label()
        if label:
            key += f"^{{{label}}}"
            shown += f"^{{{label}}}"
        upper = is_upper(token)
        if bold or token in MATRIX_GREEK or token in self.transposed:
            kind = MATRIX if upper else VECTOR
        else:
            kind = SCALAR
        if kind == SCALAR and self.inside and key in self.functions:
            return self._defined_function(key, shown)
        if kind == SCALAR and self.peek() == "(":  # f(x), \sigma(z): not a product
            raise NotMatrixAlgebra(f"{shown} applied to an argument")
        if kind == VECTOR:
            key = "bold " + key  # \mathbf{x} and a scalar x are different names
        return Name(key, kind, shown)


    def _defined_function(self, key: str, shown: str) -> Node:
        """``h(\\boldsymbol{\\beta})`` or a bare ``h``, defined in the section as a matrix
        expression of its parameter."""
        function = Name(function_key(key), SCALAR, shown)
        if self.peek() != "(":
            return function
        self.take("(")
        argument = self.sum()
        self.take(")")
        return Op("apply", (function, argument))


_ACCENTS = frozenset({r"\hat", r"\bar", r"\tilde", r"\widehat", r"\widetilde", r"\check"})

def _kind(node: Node) -> str:
    return node.kind if isinstance(node, Name) else MATRIX if isinstance(node, Op) else SCALAR

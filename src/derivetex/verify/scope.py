"""What a section of a document has established so far: definitions, facts and values.

A name defined by the first row of a chain (``L = ...``, ``y_{i} = \\sigma_i(z)``,
``\\sigma(z) = \\frac{1}{1+e^{-z}}``) is a definition, kept until the section ends (a heading,
a rule, ``\\section``): a name bound in one worked example never proves a link in another.
Values -- from ``K = 6``, from a link that substitutes numbers for symbols, or from a sum that
only holds for one K -- are bindings. A binding applies to every later link of its own block.
When the block ends it becomes an *earlier value*, kept for the rest of the section, and
earlier values are used only for a link that states a number: a numeric claim
(``E = 1.108663``), or a link one side of which is a number while the other becomes one with
those values. A general equation, with symbols on both sides, is never checked at earlier
values, only symbolically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed, IndexedBase

from derivetex.errors import LimitExceeded
from derivetex.judge import numeric as num
from derivetex.verify.readings.information import Meaning, expectations_as_sums

if TYPE_CHECKING:
    from derivetex.verify.decide.matrix_tree import Definitions

MAX_EXPANSIONS = 12

Values = dict[sympy.Basic, sympy.Basic]


@dataclass(frozen=True)
class Definition:
    """``name = expr`` as written on ``line``; ``latex`` is the right-hand side.

    ``name`` is a symbol, an indexed name (``y_{i}``: its indices are parameters) or a
    function applied to distinct symbols (``\\sigma(z)``: its arguments are parameters).
    """

    symbol: sympy.Basic
    expr: sympy.Expr
    line: int
    latex: str

    @property
    def key(self) -> sympy.Basic:
        if isinstance(self.symbol, AppliedUndef):
            return self.symbol.func
        if isinstance(self.symbol, Indexed) and not _numeric_indices(self.symbol):
            return self.symbol.base
        return self.symbol

    @property
    def loose(self) -> bool:
        """Whether the right side uses an index of the name as a number (``p_j = e^j / Σ_i
        e^i``, most likely ``e^{o_j}`` with its letter lost): good enough to confirm a step,
        not to accuse one."""
        if not isinstance(self.symbol, Indexed):
            return False
        letters = {i for i in self.symbol.indices if isinstance(i, sympy.Symbol)}
        return _outside_indices(self.expr, letters)

    def instance(self, use: sympy.Basic) -> sympy.Expr | None:
        """The definition's right side for ``use`` (its parameters put in), if it fits."""
        if use == self.symbol:
            return self.expr
        params = (
            self.symbol.args
            if isinstance(self.symbol, AppliedUndef)
            else (self.symbol.indices if isinstance(self.symbol, Indexed) else ())
        )
        given = (
            use.args
            if isinstance(use, AppliedUndef)
            else (use.indices if isinstance(use, Indexed) else ())
        )
        if (
            not params
            or len(params) != len(given)
            or any(isinstance(g, sympy.Tuple) for g in given)
        ):
            return None
        by_components = {
            p: g for p, g in zip(params, given, strict=True) if _by_components(p, self.expr)
        }
        if any(p != g for p, g in by_components.items()):
            return None  # y(x, \\bm{w}) = w_0 + w_1 x says nothing about y(x, \\bm{v})
        if not all(
            self.expr.has(param.base if param.is_Pow else param) or param in by_components
            for param in params
        ):
            return None  # H(X) = -Σ p(x) log p(x) says nothing about H(Y)
        pairs = dict(zip(params, given, strict=True))
        if all(isinstance(p, (sympy.Symbol, Indexed)) for p in params):
            return sympy.sympify(self.expr.xreplace(pairs))
        # σ² as a parameter: subs, so that σ⁴ in the definition becomes v² for σ² = v
        dummies = {p: sympy.Dummy() for p in params}
        general = self.expr.subs(dummies)
        return sympy.sympify(general.xreplace({dummies[p]: g for p, g in pairs.items()}))


_BOLD = re.compile(r"\\(?:bm|mathbf|boldsymbol|vec)\{([A-Za-z])\}")


def _by_components(param: sympy.Basic, expr: sympy.Basic) -> bool:
    """A bold parameter written in the body by its components: ``\\bm{w}`` in
    ``y(x, \\bm{w}) = w_0 + w_1 x``."""
    if not isinstance(param, sympy.Symbol) or expr.has(param):
        return False
    bold = _BOLD.fullmatch(param.name)
    if bold is None:
        return False
    return any(str(item.base.label) == bold.group(1) for item in expr.atoms(Indexed))


def _outside_indices(expr: sympy.Basic, letters: set[sympy.Symbol]) -> bool:
    """Whether one of ``letters`` occurs in ``expr`` other than as an index (of a name, of
    a function such as σ_i(z), of a Kronecker delta)."""
    if isinstance(expr, (Indexed, AppliedUndef, sympy.KroneckerDelta)):
        return False
    if isinstance(expr, sympy.Symbol):
        return expr in letters
    return any(_outside_indices(arg, letters) for arg in expr.args)


def _numeric_indices(item: Indexed) -> bool:
    return all(index.is_Integer for index in item.indices)


@dataclass
class Scope:
    """Definitions and earlier values for the section; bindings for the current block.

    ``origin`` is the general expression and values of the block's last substitution (for
    diagnosing a wrong claim); ``earlier_origin`` is the last one of an earlier block.
    ``equation`` is the last lone equation (``e^z(1-P) = P``), which the next may rearrange.
    """

    definitions: dict[sympy.Basic, Definition] = field(default_factory=dict)
    bindings: Values = field(default_factory=dict)
    origin: tuple[sympy.Expr, Values] | None = None
    earlier: Values = field(default_factory=dict)
    inherited: frozenset[sympy.Basic] = frozenset()
    """The names whose earlier value an enclosing section gave (not this one)."""
    line: int = 0
    """The first line of the current block."""
    earlier_lines: dict[sympy.Basic, int] = field(default_factory=dict)
    """The first line of the block that gave each earlier value."""
    earlier_origin: tuple[sympy.Expr, Values] | None = None
    equation: tuple[sympy.Expr, int] | None = None
    facts: dict[sympy.Basic, int] = field(default_factory=dict)
    defaults: dict[str, Meaning] = field(default_factory=dict)
    formulas: dict[sympy.Basic, tuple[sympy.Expr, int]] = field(default_factory=dict)
    bits: bool = False
    """Whether a bare log may be read as log₂ where natural fails (the document's guess)."""
    log_base: int | None = None
    """The base the settings state for a bare log (read so already); None: natural."""
    log_base_from: str = ""
    """Where the settings state it: ``log-base = 2 in pyproject.toml``, ``--log-base 2``."""
    sizes: dict[str, int] = field(default_factory=dict)
    """Lengths of the vectors given as values (``P = [0.7, 0.2, 0.1]``), for the section."""
    replaced: set[sympy.Basic] = field(default_factory=set)
    """Names defined more than once in the section (a later definition may not be the one
    an earlier link meant)."""
    matrices: Definitions = field(default_factory=dict)
    conditions: dict[str, int] = field(default_factory=dict)
    """Vector and matrix names a lone matrix equation of the section constrains, with its
    line (``decide.matrix_conditions``)."""
    """Matrix expressions named in the section (``\\mathbf{L}^\\top\\mathbf{L} = \\Sigma``)."""
    disabled: frozenset[str] = frozenset()
    """Codes of the registered readings not to take (``--disable-reading``)."""
    preview: bool = False
    """``--preview``: the confirm-only readings may accuse as well (the verdict rule reads it)."""
    believed: tuple[tuple[sympy.Expr, sympy.Expr], ...] = ()
    """Derivatives taken as a wrong row wrote them (``f'(x) = 2x^2``): what the writer goes on
    with, used only to check whether a later link follows from that row (R404)."""

    def gave_here(self, name: sympy.Basic) -> bool:
        """Whether an earlier block of this section (not an enclosing one) gave ``name`` a
        value."""
        return name in self.earlier and name not in self.inherited

    def allows(self, code: str) -> bool:
        """Whether the reading ``code`` (``verify.readings``) may be taken in this audit."""
        return code not in self.disabled

    def borrowing(self, earlier: dict[sympy.Basic, Definition]) -> Scope:
        """A copy of this scope that also knows ``earlier`` definitions (its own win); the
        copy's changes stay in the copy."""
        return Scope(
            definitions={**earlier, **self.definitions},
            bindings=dict(self.bindings),
            earlier=dict(self.earlier),
            inherited=self.inherited,
            line=self.line,
            earlier_lines=dict(self.earlier_lines),
            facts=dict(self.facts),
            defaults=self.defaults,
            formulas=dict(self.formulas),
            bits=self.bits,
            log_base=self.log_base,
            log_base_from=self.log_base_from,
            sizes=dict(self.sizes),
            matrices=dict(self.matrices),
            conditions=dict(self.conditions),
            disabled=self.disabled,
            preview=self.preview,
            believed=self.believed,
        )

    def new_block(self, line: int = 0) -> None:
        """The block's bindings become earlier values; definitions stay as they are. ``line``
        is where the next block starts."""
        self.earlier.update(self.bindings)
        self.earlier_lines.update(dict.fromkeys(self.bindings, self.line))
        self.inherited = self.inherited - self.bindings.keys()
        self.line = line
        if self.origin is not None:
            self.earlier_origin = self.origin
        self.bindings = {}
        self.origin = None

    def define(self, definition: Definition) -> Definition | None:
        """Record ``definition``; the one it replaces, if any."""
        old = self.definitions.get(definition.key)
        if old is not None:
            self.replaced.add(definition.key)
        self.definitions[definition.key] = definition
        self.bindings.pop(definition.symbol, None)
        self.earlier.pop(definition.symbol, None)
        return old

    def defines(self, name: sympy.Basic) -> bool:
        """Whether ``name`` has a definition (an expression, not only a value) here; then
        ``name = 1.5`` is a claim about it, not a new value."""
        return self._lookup(name) is not None

    def built_in(self, name: sympy.Basic) -> bool:
        """Whether ``name`` has a meaning without a definition here (``H(p, q)``)."""
        if not isinstance(name, AppliedUndef):
            return False
        meaning = self.defaults.get(f"{name.func}/{len(name.args)}")
        return meaning is not None and meaning(*name.args) is not None

    def function_names(self) -> frozenset[str]:
        """Names the section defines as functions, so ``g(x)`` reads as g applied to x."""
        return frozenset(
            str(d.symbol.func).rstrip("(")
            for d in self.definitions.values()
            if isinstance(d.symbol, AppliedUndef)
        )

    def expand(self, expr: sympy.Expr) -> sympy.Expr:
        """Replace defined names by their definitions, repeatedly (capped)."""
        for _ in range(MAX_EXPANSIONS):
            new = self._expand_once(expr)
            if new == expr:
                return expr
            expr = new
        raise LimitExceeded(f"definitions nest more than {MAX_EXPANSIONS} deep")

    def _expand_once(self, node: sympy.Basic) -> sympy.Basic:
        """One pass: a name is a leaf (y is not replaced inside y_i), and a derivative's
        variables stay as written (d/du is not d/d(-z) when u = -z is defined)."""
        if isinstance(node, (sympy.Symbol, Indexed, AppliedUndef)):
            found = self._lookup(node)
            if found is not None:
                return found
        if isinstance(node, (sympy.Symbol, Indexed, IndexedBase)) or not node.args:
            return node
        if isinstance(node, sympy.Derivative):
            defined = [v for v in node.variables if self._lookup(v) is not None]
            if defined:
                return self._by_defined_variable(node, defined)
            return sympy.Derivative(self._expand_once(node.expr), *node.variable_count)
        args = [self._expand_once(arg) for arg in node.args]
        if all(new is old for new, old in zip(args, node.args, strict=True)):
            return node
        return node.func(*args)

    def _by_defined_variable(
        self, node: sympy.Derivative, defined: list[sympy.Basic]
    ) -> sympy.Basic:
        """``\\frac{d(e^u)}{du}`` with u = -z_i defined: differentiate by u as written, then
        put u's definition in (e^{-z_i}); expanding u first would leave nothing to
        differentiate by."""
        values = {v: self._lookup(v) for v in defined}
        keys = {Definition(v, v, 0, "").key for v in defined}
        hidden = {k: self.definitions.pop(k) for k in keys if k in self.definitions}
        try:
            inner = self.expand(node.expr)
        finally:
            self.definitions.update(hidden)
        if any(inner.has(v) and not isinstance(v, (sympy.Symbol, Indexed)) for v in defined):
            return node
        return sympy.Derivative(inner, *node.variable_count).doit().subs(values)

    def _lookup(self, node: sympy.Basic) -> sympy.Expr | None:
        key = node.func if isinstance(node, AppliedUndef) else node
        definition = self.definitions.get(key)
        if definition is None and isinstance(node, Indexed):
            definition = self.definitions.get(node.base)
        if definition is None:
            if not isinstance(node, AppliedUndef):
                return None
            default = self.defaults.get(f"{key}/{len(node.args)}")
            return default(*node.args) if default is not None else None
        return definition.instance(node)

    def resolve(self, expr: sympy.Expr) -> sympy.Expr:
        """Definitions expanded, vectors of known size read as such, then this block's
        bindings applied."""
        if self.believed:
            expr = as_believed(expr, self.believed)
        expanded = expectations_as_sums(self.expand(expr))
        return num.substitute(self.sized(expanded), self.bindings)

    def sized(self, expr: sympy.Expr) -> sympy.Expr:
        """With ``P = [0.7, 0.2, 0.1]`` given: ``P(i)`` is the component P_i, and a sum over
        i with no upper bound written (``\\sum_i P(i) \\log Q(i)``) runs to 3."""
        if not self.sizes:
            return expr
        components = {
            node: IndexedBase(node.func.__name__.rstrip("("))[node.args[0]]
            for node in expr.atoms(AppliedUndef)
            if node.func.__name__.rstrip("(") in self.sizes
            and node.func.__name__.endswith("(")
            and len(node.args) == 1
        }
        expr = expr.xreplace(components) if components else expr
        named = {  # a bound written as a name is the vector's length wherever the name is
            node.limits[0][2]: size
            for node in expr.atoms(sympy.Sum, sympy.Product)
            if (size := self._size_of(node)) is not None
            and not str(node.limits[0][2]).startswith("#")
        } if expr.has(sympy.Sum, sympy.Product) else {}
        expr = expr.xreplace(named) if named else expr
        return expr.replace(
            lambda e: isinstance(e, (sympy.Sum, sympy.Product)) and self._size_of(e) is not None,
            lambda e: e.func(e.function, (e.limits[0][0], e.limits[0][1], self._size_of(e))),
        )

    def _size_of(self, node: sympy.Basic) -> sympy.Integer | None:
        """The last index of a sum over vectors of known size, if all agree: its bound
        unwritten, or a name with no value (``\\sum_{i=1}^{n} p_i`` with ``p = (0.9, 0.1)``
        given runs to 2; from 0 it runs to 1)."""
        index, low, high = node.limits[0]
        if not isinstance(high, sympy.Symbol) or low not in (0, 1):
            return None
        if not high.name.startswith("#") and self._valued(high):
            return None
        sizes = {
            self.sizes.get(str(item.base.label))
            for item in node.function.atoms(Indexed)
            if index in item.indices
        }
        size = sizes.pop() if len(sizes) == 1 else None
        if size is None:
            return None
        return sympy.Integer(size if low == 1 or high.name.startswith("#") else size - 1)

    def _valued(self, name: sympy.Symbol) -> bool:
        """Whether the section gives ``name`` a value or a definition."""
        return name in self.bindings or name in self.earlier or self.defines(name)

    def with_earlier_values(
        self, expr: sympy.Expr, earlier: bool = True
    ) -> tuple[sympy.Expr, Values]:
        """``expr`` (resolved) with sums written out and every value known put in (the
        block's only, unless ``earlier``).

        This block's bindings win over earlier values; the earlier values used are returned,
        for the message. A value can bring new names (K = 3 writes out t_1, t_2, t_3), so
        this repeats, at most once per known value.
        """
        known = {**self.earlier, **self.bindings} if earlier else dict(self.bindings)
        used: Values = {}
        for _ in range(len(known) + 1):
            written = num.expand_bounds(expr, {})
            names = num.unknowns(written) | num.bound_symbols(written)
            wanted = {s for s in names | written.atoms(AppliedUndef) if s in known}
            if not wanted:
                return written, used
            used.update({s: self.earlier[s] for s in wanted if s not in self.bindings})
            expr = num.substitute(written, {s: known[s] for s in wanted})
        raise LimitExceeded("values that keep bringing new names")

    def used(self, *exprs: sympy.Expr) -> list[Definition]:
        """The definitions a check relies on directly, for the message."""
        found: list[Definition] = []
        for expr in exprs:
            for node in sympy.preorder_traversal(expr):
                if isinstance(node, (sympy.Symbol, Indexed, AppliedUndef)):
                    key = node.func if isinstance(node, AppliedUndef) else node
                    definition = self.definitions.get(key)
                    if definition is None and isinstance(node, Indexed):
                        definition = self.definitions.get(node.base)
                    if definition is not None and definition not in found:
                        found.append(definition)
        return found


def as_believed(expr: sympy.Expr, believed: tuple[tuple[sympy.Expr, sympy.Expr], ...]
                ) -> sympy.Expr:
    """``expr`` with each derivative of ``believed`` replaced by the formula a row wrote for
    it: ``f'(1)`` (a derivative of f at a point, its variable a dummy) takes the formula of
    ``f'(x)`` with x renamed."""
    for derivative, formula in believed:
        if not isinstance(derivative, sympy.Derivative) or len(derivative.variables) != 1:
            expr = expr.xreplace({derivative: formula})
            continue
        (variable,) = derivative.variables

        def same_derivative(node: sympy.Basic, d: sympy.Derivative = derivative,
                            v: sympy.Basic = variable) -> bool:
            return (isinstance(node, sympy.Derivative) and len(node.variables) == 1
                    and node.derivative_count == d.derivative_count
                    and node.expr == d.expr.xreplace({v: node.variables[0]}))

        def formula_there(node: sympy.Derivative, f: sympy.Expr = formula,
                          v: sympy.Basic = variable) -> sympy.Expr:
            return f.xreplace({v: node.variables[0]})

        expr = expr.replace(same_derivative, formula_there)
    return expr

"""A spec in the article layout -> a verified Derivation, built by the engine's ChainBuilder.

Every row names one registered rule and its parameters; the engine applies it and checks
the step as the rule's relation claims (``engine/checks.py``), exactly as a derivation
written in Python does, so the two give the same document. What the spec adds is data:
which chains and rows hold for which sizes (``when``), sums written out at a concrete size
(``write_out``), a chain that continues another's result, and the example's values by name.
The Derivation carries no ``spec``: it renders through the derivation's own templates and
the catalog's words, as a derivation written in Python does.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from dataclasses import replace

import sympy as sp

from derivetex.engine import Chain, ChainBuilder, CheckContext, Derivation
from derivetex.engine.checks import verify_step
from derivetex.engine.granularity import regrouped
from derivetex.engine.strategies import everywhere
from derivetex.errors import DerivetexError
from derivetex.judge.symbolic import symbolically_equal, write_out
from derivetex.model.logs import log_of
from derivetex.model.numeric import FLOAT, MPMATH, evaluate
from derivetex.model.values import IndexedValues
from derivetex.rules import RULES
from derivetex.specs.conditions import holds
from derivetex.specs.loader import SpecError
from derivetex.specs.reading import declared_names, read_row
from derivetex.specs.schema import ChainSpec, RowSpec, Spec

DIGITS = 6
"""Decimals of every computed number, unless a row says ``digits``."""
EXPRESSIONS = ("value", "old", "new")
NAMES = ("index", "bound")


class ArticleBuild:
    """One build of an article-layout spec at given sizes, values and log base."""

    def __init__(
        self, spec: Spec, size: int | None, values: Mapping[str, Sequence[sp.Rational]] | None,
        log_base: int | None, steps: str = "article",
    ) -> None:
        self.steps = steps
        if spec.example is None or len(spec.example.sizes) != 1:
            raise SpecError(f"{spec.source}: example.sizes: the article layout needs exactly "
                            "one size (the bound its sums run to)")
        self.spec = spec
        self.names = declared_names(spec)
        (self.size_name,) = spec.example.sizes
        self.size = size
        self.values = values
        self.base = sp.Integer(log_base) if log_base else None
        self._read: dict[str, sp.Expr] = {}
        self._written: dict[sp.Expr, sp.Expr] = {}
        self.bound = self.symbol(self.size_name, "example.sizes")
        general = {self.read(name, f"definitions.{name}"): self.read(latex, f"definitions.{name}")
                   for name, latex in spec.definitions}
        self.general = CheckContext(bound=self.bound, definitions=general)
        written = {key: self.written_out(value) for key, value in general.items()}
        self.concrete = CheckContext(bound=self.bound, definitions=written)

    def chains(self) -> tuple[tuple[Chain, ...], dict[str, float]]:
        """The chains that hold at these sizes, each verified, and the example's numbers."""
        sizes = {self.size_name: self.size}
        done: dict[str, Chain] = {}
        values: dict[str, float] = {}
        tags = 0
        for chain_spec in self.spec.chains:
            if not holds(chain_spec.when, sizes, self.values is not None):
                continue
            if chain_spec.name in done:
                raise SpecError(f"{self.spec.where(chain_spec.key)}.name: a chain "
                                f"{chain_spec.name!r} is already built here (give them "
                                "conditions that exclude each other)")
            tags += chain_spec.tag
            chain = self.chain(chain_spec, done, str(tags) if chain_spec.tag else None)
            done[chain.name] = chain
            if chain_spec.value is not None:
                values[chain_spec.value] = self.value(chain, chain_spec)
        return tuple(done.values()), values

    def chain(self, chain_spec: ChainSpec, done: Mapping[str, Chain], tag: str | None) -> Chain:
        context = self.concrete if chain_spec.written_out else self.general
        builder = ChainBuilder(chain_spec.name, self.read(chain_spec.lhs, f"{chain_spec.key}.lhs"),
                               context)
        if chain_spec.continues is not None:
            builder.continue_from(self.start(chain_spec, done))
        sizes = {self.size_name: self.size}
        for row in chain_spec.rows:
            if holds(row.when, sizes, self.values is not None):
                self.step(builder, row)
        try:
            chain = builder.build(tag=tag, legend=chain_spec.legend)
            if self.steps == "article":
                return chain
            lhs = chain.lhs
            return replace(chain, steps=regrouped(chain.steps, self.steps, lambda step, a, b:
                                                  verify_step(step.rule, lhs, a, b,
                                                              step.params, context)))
        except DerivetexError as error:
            raise SpecError(f"{self.spec.where(chain_spec.key)}: {error}") from None

    def step(self, builder: ChainBuilder, row: RowSpec) -> None:
        """Apply the row's rule with its parameters; a failure names the row."""
        if len(row.rules) != 1:
            raise SpecError(f"{self.spec.where(row.key)}: a row of the article layout names "
                            "one rule")
        (name,) = row.rules
        if name not in RULES:
            raise SpecError(f"{self.spec.where(row.key)}.rule: unknown rule {name!r}")
        params = self.params(row, name)
        takes = tuple(inspect.signature(RULES[name].rewrite).parameters)[1:]  # after the node
        for key in params:
            if key not in takes:
                raise SpecError(f"{self.spec.where(row.key)}: rule {name!r} takes no {key} "
                                f"(it takes {', '.join(takes) or 'nothing'})")
        try:
            if row.optional:
                builder.try_step(RULES[name], **params)
            else:
                builder.step(RULES[name], **params)
        except DerivetexError as error:
            raise SpecError(f"{self.spec.where(row.key)}: {error}") from None

    def params(self, row: RowSpec, rule: str) -> dict[str, object]:
        """The rule's parameters, read from the row; sizes and digits filled in."""
        given = dict(row.params)
        params: dict[str, object] = {}
        for key in EXPRESSIONS:
            if key in given:
                params[key] = self.read(str(given[key]), f"{row.key}.{key}")
        if "write_out" in given:
            value = params.get("value")
            if given["write_out"] != self.size_name or not isinstance(value, sp.Expr):
                raise SpecError(f"{self.spec.where(row.key)}.write_out: writes the row's "
                                f"value out over the example's size {self.size_name!r}")
            params["value"] = self.written_out(value)
        for key in NAMES:
            if key in given:
                params[key] = self.symbol(str(given[key]), f"{row.key}.{key}")
        if "values" in given:
            params["values"] = self.example_values(given["values"], row)  # type: ignore[arg-type]
        if rule == "generalise_k":
            params["instance"] = self.concrete_size(row)
        if rule == "expand_sum":
            params["value"] = self.concrete_size(row)
        if rule == "evaluate":
            params["digits"] = given.get("digits", DIGITS)
        return params

    def start(self, chain_spec: ChainSpec, done: Mapping[str, Chain]) -> sp.Expr:
        """The earlier chain's result, or ``start`` when that writes it another way (checked)."""
        assert chain_spec.continues is not None
        earlier = done.get(chain_spec.continues)
        if earlier is None:
            raise SpecError(f"{self.spec.where(chain_spec.key)}.continues: no earlier chain "
                            f"{chain_spec.continues!r} at these sizes")
        if not chain_spec.start_as:
            return earlier.result
        given = dict(chain_spec.start_as)
        start = self.read(str(given["latex"]), f"{chain_spec.key}.start.latex")
        if "at" in given and self.size is not None:
            start = start.xreplace({self.bound: sp.Integer(self.size)})
        if start != earlier.result and not symbolically_equal(
                everywhere(write_out, start), everywhere(write_out, earlier.result))[0]:
            raise SpecError(f"{self.spec.where(chain_spec.key)}.start: is not the result of "
                            f"chain {chain_spec.continues!r}")
        return start

    def read(self, latex: str, key: str) -> sp.Expr:
        """Spec LaTeX, read, its names declared, every log in the chosen base; read once
        (multiclass writes its product five times)."""
        if latex not in self._read:
            expr = read_row(self.spec, self.names, latex, key)
            base = self.base
            if base is not None:
                expr = everywhere(
                    lambda node: log_of(node.args[0], base) if isinstance(node, sp.log) else node,
                    expr)
            self._read[latex] = expr
        return self._read[latex]

    def written_out(self, expr: sp.Expr) -> sp.Expr:
        """expr with sums and products over the size written out term by term, in order;
        each sum is written out once (a K = 20 000 product recurs in several rows)."""
        if self.size is None:
            return expr
        return everywhere(self._written_node, expr)

    def _written_node(self, node: sp.Expr) -> sp.Expr:
        if node not in self._written:
            self._written[node] = RULES["expand_sum"].rewrite(
                node, bound=self.bound, value=self.size)
        return self._written[node]

    def symbol(self, name: str, key: str) -> sp.Symbol:
        reader_name = self.names.keys.get(name)
        if reader_name is None or reader_name not in self.names.symbols:
            raise SpecError(f"{self.spec.where(key)}: {name!r} is not a declared plain symbol")
        return self.names.symbols[reader_name]

    def concrete_size(self, row: RowSpec) -> int:
        if self.size is None:
            raise SpecError(f"{self.spec.where(row.key)}: needs a concrete "
                            f"{self.size_name}; add when = \"{self.size_name} concrete\"")
        return self.size

    def example_values(self, wanted: Sequence[str], row: RowSpec) -> IndexedValues:
        """The example's values of the named indexed symbols, ``y_{1} -> 0.33``, in order,
        as whole columns (a long row looks them up by its index)."""
        if self.values is None:
            raise SpecError(f"{self.spec.where(row.key)}.values: the example's values are "
                            "not given here; add when = \"values\"")
        columns: dict[sp.IndexedBase, Sequence[sp.Expr]] = {}
        for name in wanted:
            base = self.names.bases.get(self.names.keys.get(name, ""))
            if base is None or name not in self.values:
                raise SpecError(f"{self.spec.where(row.key)}.values: {name!r} is not an "
                                "indexed symbol with example values")
            columns[base] = self.values[name]
        return IndexedValues(columns)

    def value(self, chain: Chain, chain_spec: ChainSpec) -> float:
        """The chain's exact number (before rounding), in floats and mpmath; they must agree."""
        last = chain.steps[-1]
        exact_expr = last.before if last.rule.name == "evaluate" else last.after
        exact = float(evaluate(exact_expr, {}, MPMATH))
        if abs(exact - evaluate(exact_expr, {}, FLOAT)) > 1e-12 * max(1.0, abs(exact)):
            raise SpecError(f"{self.spec.where(chain_spec.key)}: float and mpmath values "
                            "disagree")
        return exact + 0.0


def build_article(
    spec: Spec, size: int | None, values: Mapping[str, Sequence[sp.Rational]] | None,
    log_base: int | None, labels: tuple[str, ...] | None, steps: str = "article",
) -> Derivation:
    """The spec's derivation at ``size`` (None: symbolic), with the example's ``values``;
    ``steps`` as ``--steps`` (``engine/granularity.py``)."""
    chains, numbers = ArticleBuild(spec, size, values, log_base, steps).chains()
    return Derivation(
        name=spec.name, chains=chains, K=size, log_base=log_base, labels=labels,
        y=tuple(values["y"]) if values and "y" in values else None,
        t=tuple(values["t"]) if values and "t" in values else None, values=numbers,
    )

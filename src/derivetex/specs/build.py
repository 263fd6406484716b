"""A spec -> a verified Derivation: every row read, checked by the judge and justified.

A row that does not follow is refused with one line naming the file, the row and what the
engine computed from the row before instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import sympy as sp

from derivetex.config import parse_number
from derivetex.engine import Chain, Check, Derivation, Step
from derivetex.engine.granularity import regrouped
from derivetex.engine.inference import Move
from derivetex.engine.rows import RowContext, RowRefused, check_row, judge_row
from derivetex.errors import DerivetexError
from derivetex.model.numeric import FLOAT, MPMATH, evaluate
from derivetex.render.spec_printer import spec_latex
from derivetex.rules import RULES
from derivetex.specs.conditions import holds
from derivetex.specs.gaps import filled_steps, solved
from derivetex.specs.hints import reading_hint
from derivetex.specs.loader import SpecError
from derivetex.specs.magnitudes import SizedMove
from derivetex.specs.reading import Definitions, Names, declared_names, read_row
from derivetex.specs.schema import ChainSpec, RowSpec, Spec

DIGITS = 6
INFERRED = ("log_product", "log_power", "log_quotient", "log_exp", "sum_linearity",
            "use_definition", "use_equation", "mean", "write_out", "collect_sum",
            "collect_product", "power_identities", "zero_terms", "diff_linearity", "diff_sum",
            "chain_rule", "d_log", "d_exp", "d_index", "quotient_rule", "sum_delta",
            "sum_to_one", "expand_product", "fold_definition", "power_rule", "product_rule",
            "d_constant", "d_sigmoid", "d_tanh", "differentiate_again")
DEFINITION_AWARE = ("diff_linearity", "chain_rule", "quotient_rule", "product_rule",
                    "d_constant")
"""Rules inference tries, in this order (the first shortest sequence found is reported)."""
NAMED_ONLY = ("expand_sum", "substitute_values", "evaluate")
"""Rules a row may name whose parameters come from the spec's example."""


def build_spec(spec: Spec, steps: str = "article") -> Derivation:
    """Every chain of the spec, each row verified; a wrong row raises SpecError naming it.
    ``steps`` (compact, fine) regroups each chain's rows, each new row verified again."""
    names = declared_names(spec)
    definitions = Definitions({
        read_row(spec, names, name, f"definitions.{name}"):
        read_row(spec, names, latex, f"definitions.{name}")
        for name, latex in spec.definitions
    })
    chains: list[Chain] = []
    values: dict[str, float] = {}
    sizes = dict(spec.example.sizes) if spec.example is not None else {}
    has_values = spec.example is not None and bool(spec.example.values)
    for chain_spec in spec.chains:
        if not holds(chain_spec.when, sizes, has_values):
            continue
        if any(chain.name == chain_spec.name for chain in chains):
            raise SpecError(f"{spec.where(chain_spec.key)}.name: a chain {chain_spec.name!r} "
                            "is already built here (give them conditions that exclude each other)")
        equations = {chain.lhs: chain.result for chain in chains}
        moves = _moves(spec, names, definitions, equations)
        context = RowContext(definitions, tuple(moves[name] for name in INFERRED), spec.name,
                             _normalised(spec, names))
        tag = str(sum(1 for c in chains if c.tag) + 1) if chain_spec.tag else None
        rows = tuple(r for r in chain_spec.rows if holds(r.when, sizes, has_values))
        if not rows:
            raise SpecError(f"{spec.where(chain_spec.key)}.rows: no row holds here (each "
                            "row's when fails)")
        chain = _chain(spec, names, replace(chain_spec, rows=rows), chains, moves, context, tag)
        if steps != "article":
            chain = replace(chain, steps=_regrouped(spec, chain_spec, chain, steps, context))
        chains.append(chain)
        if chain_spec.value is not None:
            values[chain_spec.value] = _value(spec, chain_spec, chain)
    return Derivation(
        name=spec.name, chains=tuple(chains), K=None, log_base=None, labels=None, y=None,
        t=None, values=values, spec=spec,
    )


def _chain(
    spec: Spec, names: Names, chain_spec: ChainSpec, done: list[Chain],
    moves: Mapping[str, Move], context: RowContext, tag: str | None,
) -> Chain:
    lhs = read_row(spec, names, chain_spec.lhs, f"{chain_spec.key}.lhs")
    steps: list[Step] = []
    before = lhs
    if chain_spec.start is not None:
        earlier = {c.name: c for c in done}.get(chain_spec.start)
        if earlier is None:
            raise SpecError(f"{spec.where(chain_spec.key)}.from: no earlier chain "
                            f"{chain_spec.start!r}")
        before = earlier.result
        steps.append(Step(RULES["recall_equation"], lhs, before,
                          (Check("recalled", f"proved in chain '{earlier.name}'"),),
                          {"rules": ("recall_equation",), "inferred": False,
                           "chain": earlier.name}))
    gap: RowSpec | None = None
    for position, row in enumerate(chain_spec.rows, start=1):
        if row.fill:
            if gap is not None or position == len(chain_spec.rows):
                raise SpecError(f"{spec.source}: {row.key}: a gap needs a written row after "
                                "it (and one gap between two rows)")
            gap = row
            continue
        if row.rules == ("set_derivative_zero",):
            filled = [solved(spec, names, row, done, context, position)]
        elif gap is not None:
            filled = filled_steps(spec, names, before, gap, row, context, position)
        else:
            filled = []
        gap = None
        steps.extend(filled or [_row(spec, names, lhs, before, row, moves, context, position)])
        before = steps[-1].after
    return Chain(chain_spec.name, lhs, tuple(steps), tag)


def _regrouped(spec: Spec, chain_spec: ChainSpec, chain: Chain, mode: str,
               context: RowContext) -> tuple[Step, ...]:
    try:
        return regrouped(chain.steps, mode, lambda _step, a, b: judge_row(a, b, context))
    except DerivetexError as error:
        raise SpecError(f"{spec.where(chain_spec.key)} (--steps {mode}): {error}") from None


def _row(
    spec: Spec, names: Names, lhs: sp.Expr, before: sp.Expr, row: RowSpec,
    moves: Mapping[str, Move], context: RowContext, position: int,
) -> Step:
    written = read_row(spec, names, row.latex, f"{row.key}.latex") if row.latex else None
    if row.values:
        values = {read_row(spec, names, k, f"{row.key}.values"):
                  read_row(spec, names, v, f"{row.key}.values") for k, v in row.values}
        where = f"{spec.source}: {row.key}.values"
        moves = {**moves, "substitute_values": SizedMove(RULES["substitute_values"],
                                                         {"values": values}, where)}
    named: list[Move] = []
    current = before
    for name in row.rules:  # expand_sum twice writes out N, then K: each sees the last result
        named.append(_named(spec, row, name, moves, current))
        current = named[-1].apply(current)
    try:
        step = check_row(lhs, before, written, named, context)
    except RowRefused as refused:
        instead = (f"; derivetex computed {spec_latex(refused.computed)}"
                   if refused.computed is not None else "")
        hint = reading_hint(written) if refused.problem.startswith("does not follow") else ""
        raise SpecError(f"{spec.where(row.key)} (row {position}): {refused.problem}"
                        f"{instead}{hint}") from None
    except DerivetexError as error:
        raise SpecError(f"{spec.where(row.key)} (row {position}): {error}") from None
    if row.why is not None:
        params = {**step.params, "why": row.why}
        step = replace(step, params=params)
    return step


def _named(spec: Spec, row: RowSpec, name: str, moves: Mapping[str, Move],
           before: sp.Expr) -> Move:
    if name == "expand_sum":
        for move in moves.values():
            if move.rule.name == "expand_sum" and move.apply(before) != before:
                return move
    if name in moves:
        return moves[name]
    known = ", ".join(sorted({m.rule.name for m in moves.values()}))
    if name in RULES:
        raise SpecError(f"{spec.where(row.key)}.rule: rule {name!r} cannot be named in a spec "
                        f"row (usable: {known})")
    raise SpecError(f"{spec.where(row.key)}.rule: unknown rule {name!r} (usable: {known})")


def _moves(
    spec: Spec, names: Names, definitions: dict[sp.Expr, sp.Expr],
    equations: dict[sp.Expr, sp.Expr],
) -> dict[str, Move]:
    """Each usable rule with the parameters the spec gives it (and the chains so far)."""
    moves: dict[str, Move] = {}
    for name in INFERRED:
        params: dict[str, Any] = {}
        if name in ("use_definition", "fold_definition"):
            params["definitions"] = definitions
        if name in ("use_equation", "differentiate_again"):
            params["definitions"] = equations
        if name == "mean":
            params["means"] = {k: v for k, v in definitions.items() if v.has(sp.Sum)}
        if name in DEFINITION_AWARE:
            params["definitions"] = definitions
        if name == "sum_to_one":
            params["bases"] = _normalised(spec, names)
        if name in ("collect_sum", "collect_product"):
            index = next((names.symbols[names.keys[s.name]] for s in spec.symbols if s.index),
                         sp.Symbol("k", integer=True, positive=True))
            params["index"] = index
        moves[name] = Move(RULES[name], params)
    if spec.example is not None:
        moves.update(_example_moves(spec, names))
    moves["evaluate"] = Move(RULES["evaluate"], {"digits": DIGITS})
    return moves


def _normalised(spec: Spec, names: Names) -> frozenset[sp.Basic]:
    """Indexed names the spec states sum to 1 over their index (one-hot labels)."""
    return frozenset(names.bases[names.keys[s.name]] for s in spec.symbols if s.sums_to_one)


def _example_moves(spec: Spec, names: Names) -> dict[str, Move]:
    assert spec.example is not None
    moves: dict[str, Move] = {}
    for bound, size in spec.example.sizes.items():
        symbol = names.symbols.get(names.keys.get(bound, ""))
        if symbol is None:
            raise SpecError(f"{spec.source}: example.sizes.{bound}: not a declared symbol")
        moves[f"expand_sum:{bound}"] = Move(RULES["expand_sum"], {"bound": symbol, "value": size})
    values: dict[sp.Expr, sp.Expr] = {}
    declared = {symbol.name: symbol for symbol in spec.symbols}
    for key, items in spec.example.values.items():
        symbol = declared.get(key)
        where = f"{spec.source}: example.values.{key}"
        if symbol is not None and symbol.indexed and items and isinstance(items[0], tuple):
            base = names.bases[names.keys[key]]
            for n, row in enumerate(items, start=1):
                values.update({base[n, k]: parse_number(v, where)
                               for k, v in enumerate(row, start=1)})
            continue
        numbers = [parse_number(v, where) for v in items]  # type: ignore[arg-type]
        if symbol is not None and symbol.indexed:
            base = names.bases[names.keys[key]]
            values.update({base[i]: v for i, v in enumerate(numbers, start=1)})
        elif symbol is not None and len(numbers) == 1:
            values[names.symbols[names.keys[key]]] = numbers[0]
        else:
            raise SpecError(f"{spec.source}: example.values.{key}: not a declared symbol, or a "
                            "list given for a plain symbol")
    moves["substitute_values"] = SizedMove(RULES["substitute_values"], {"values": values},
                                           f"{spec.source}: example.values")
    return moves


def _value(spec: Spec, chain_spec: ChainSpec, chain: Chain) -> float:
    last = chain.steps[-1]
    if last.rule.name != "evaluate":
        raise SpecError(f"{spec.where(chain_spec.key)}.value: the chain's last row must be "
                        "rule = \"evaluate\"")
    exact = float(evaluate(last.before, {}, MPMATH))
    if abs(exact - evaluate(last.before, {}, FLOAT)) > 1e-12 * max(1.0, abs(exact)):
        raise SpecError(f"{spec.where(chain_spec.key)}: float and mpmath values disagree")
    return exact + 0.0

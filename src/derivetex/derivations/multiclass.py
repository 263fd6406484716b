"""The article's derivation: likelihood of one K-class sample -> log-likelihood (5.1) ->
cross-entropy (5.2) -> the example's numbers, for a concrete K or the symbol K.
"""

from __future__ import annotations

import sympy as sp

from derivetex.config import Config
from derivetex.engine import Chain, ChainBuilder, CheckContext, Derivation
from derivetex.errors import VerificationError
from derivetex.model import Symbols, log_of, make_symbols
from derivetex.model.numeric import FLOAT, MPMATH, evaluate
from derivetex.model.values import IndexedValues
from derivetex.model.written import WrittenProduct, is_lazy
from derivetex.rules import RULES

DIGITS = 6
"""Decimals of every computed number derivetex prints."""


def derive_multiclass(config: Config) -> Derivation:
    """All chains of the multiclass derivation, each step verified as it is made."""
    s = make_symbols()
    base = sp.Integer(config.log_base) if config.log_base else None
    general = {s.L: sp.Product(s.factor(s.k), (s.k, 1, s.K)), s.E: -log_of(s.L, base)}
    context = CheckContext(bound=s.K, definitions=general)
    if config.K is None:
        chains = _general_chains(s, base, context)
    else:
        chains = _written_out_chains(s, base, config.K, context)
    chains += _cross_entropy_chains(s, base, context)
    values: dict[str, float] = {}
    if config.y is not None and config.t is not None and config.K is not None:
        example, values = _example_chains(s, config, context)
        chains += example
    return Derivation(
        name="multiclass", chains=chains, K=config.K, log_base=config.log_base,
        labels=config.labels, y=config.y, t=config.t, values=values,
    )


def _written_out_chains(
    s: Symbols, base: sp.Expr | None, n: int, general: CheckContext
) -> tuple[Chain, ...]:
    """L and log L written out for K = n, collected into sums, then generalised to K (5.1)."""
    product = _written_product(s, n)
    concrete = CheckContext(bound=s.K, definitions={s.L: product})
    likelihood = ChainBuilder("likelihood", s.L, concrete).step(
        RULES["define_likelihood"], value=product)
    if n > 1:
        likelihood.step(RULES["collect_product"], index=s.k)
    log_l = log_of(s.L, base)
    log_likelihood = ChainBuilder("log_likelihood", log_l, concrete).step(
        RULES["take_log"], value=log_of(product, base, evaluate=False))
    if n > 1:
        log_likelihood.step(RULES["log_product"])
    log_likelihood.step(RULES["log_power"])
    if n > 1:
        log_likelihood.step(RULES["collect_sum"], index=s.k)
    written = log_likelihood.build(legend=("t", "y"))
    last = written.result
    if not isinstance(last, sp.Sum):
        last = sp.Sum(last.xreplace({s.y[1]: s.y[s.k], s.t[1]: s.t[s.k]}), (s.k, 1, 1))
    generalised = ChainBuilder("log_likelihood_general", log_l, general).continue_from(last)
    generalised.step(RULES["generalise_k"], bound=s.K, instance=n)
    return (
        likelihood.build(),
        written,
        generalised.build(tag="1", legend=("K", "t", "y")),
    )


def _general_chains(s: Symbols, base: sp.Expr | None, context: CheckContext) -> tuple[Chain, ...]:
    """L and log L for the symbol K, with products and sums over k from the start."""
    product = sp.Product(s.factor(s.k), (s.k, 1, s.K))
    likelihood = ChainBuilder("likelihood", s.L, context).step(
        RULES["define_likelihood"], value=product)
    log_l = log_of(s.L, base)
    log_likelihood = (
        ChainBuilder("log_likelihood", log_l, context)
        .step(RULES["take_log"], value=log_of(product, base, evaluate=False))
        .step(RULES["log_product"])
        .step(RULES["log_power"])
    )
    return likelihood.build(), log_likelihood.build(tag="1", legend=("K", "t", "y"))


def _cross_entropy_chains(
    s: Symbols, base: sp.Expr | None, context: CheckContext
) -> tuple[Chain, ...]:
    """E = -log L, then (5.1) substituted: E = -sum t_k log y_k (5.2)."""
    log_l = log_of(s.L, base)
    total = sp.Sum(s.term(s.k, base), (s.k, 1, s.K))
    definition = ChainBuilder("cross_entropy_definition", s.E, context).step(
        RULES["define_cross_entropy"], value=sp.Mul(-1, log_l, evaluate=False))
    substituted = ChainBuilder("cross_entropy", s.E, context).continue_from(
        definition.build().result)
    substituted.step(RULES["substitute_equation"], old=log_l, new=total)
    return definition.build(), substituted.build(tag="2", legend=("K", "t", "y_model"))


def _example_chains(
    s: Symbols, config: Config, general: CheckContext
) -> tuple[tuple[Chain, ...], dict[str, float]]:
    """The example's L and E: values put in, simplified, evaluated; both numbers verified."""
    assert config.K is not None and config.y is not None and config.t is not None
    n = config.K
    base = sp.Integer(config.log_base) if config.log_base else None
    t_values = IndexedValues({s.t: config.t})
    y_values = IndexedValues({s.y: config.y})
    product = _written_product(s, n)
    concrete = CheckContext(bound=s.K, definitions={s.L: product})
    likelihood = (
        ChainBuilder("example_likelihood", s.L, concrete)
        .step(RULES["recall_equation"], value=product)
        .step(RULES["substitute_values"], values=t_values)
        .step(RULES["substitute_values"], values=y_values)
        .try_step(RULES["power_identities"])
    )
    l_exact = likelihood.current
    likelihood.try_step(RULES["evaluate"], digits=DIGITS)
    total = sp.Sum(s.term(s.k, base), (s.k, 1, s.K))
    entropy = (
        ChainBuilder("example_cross_entropy", s.E, general)
        .step(RULES["recall_equation"], value=sp.Mul(-1, total, evaluate=False))
        .step(RULES["expand_sum"], bound=s.K, value=n)
        .step(RULES["substitute_values"], values=t_values | y_values)
        .try_step(RULES["zero_terms"])
    )
    e_exact = entropy.current
    entropy.try_step(RULES["evaluate"], digits=DIGITS)
    values = {"L": _value(l_exact), "E": _value(e_exact)}
    return (likelihood.build(), entropy.build(legend=("unit",))), values


def _written_product(s: Symbols, n: int) -> sp.Expr:
    """y_1^t_1 * ... * y_n^t_n, in that order (a long one kept as factor and range)."""
    if n == 1:
        return s.factor(1)
    if is_lazy(n):
        return WrittenProduct(s.factor(s.k), (s.k, 1, n))
    return sp.Mul(*(s.factor(i) for i in range(1, n + 1)), evaluate=False)


def _value(expr: sp.Expr) -> float:
    """A verified expression's value, computed in floats and in mpmath; they must agree."""
    exact = float(evaluate(expr, {}, MPMATH))
    if abs(exact - evaluate(expr, {}, FLOAT)) > 1e-12 * max(1.0, abs(exact)):
        raise VerificationError(f"float and mpmath values of {sp.sstr(expr)[:60]} disagree")
    return exact + 0.0

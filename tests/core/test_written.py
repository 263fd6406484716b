"""Long rows kept as summand and range: printed and valued like the written-out rows they
stand for, and a wrong step among 1 000 terms is still refused, naming its rule."""

from __future__ import annotations

import dataclasses
import math
import random

import pytest
import sympy as sp

import derivetex
from derivetex.engine import ChainBuilder, CheckContext
from derivetex.errors import VerificationError
from derivetex.judge.symbolic import numerically_equal
from derivetex.model import make_symbols
from derivetex.model.numeric import FLOAT, MPMATH, Point, evaluate
from derivetex.model.values import Column, IndexedValues
from derivetex.model.written import (
    WrittenOut,
    WrittenProduct,
    WrittenSum,
    every_term_written,
    has_written,
)
from derivetex.render.printer import article_latex
from derivetex.rules import RULES

S = make_symbols()
y, t, k, K = S.y, S.t, S.k, S.K
N = 1000


def _log_likelihood_chain(n: int) -> ChainBuilder:
    """log L = log(y_1^t_1 ... y_n^t_n) = log y_1^t_1 + ... (a lazy row from the start)."""
    product = WrittenProduct(S.factor(k), (k, 1, n))
    chain = ChainBuilder("c", sp.log(S.L), CheckContext(bound=K, definitions={S.L: product}))
    chain.step(RULES["take_log"], value=sp.log(product, evaluate=False))
    return chain.step(RULES["log_product"])


def _values(n: int, hot: int) -> tuple[IndexedValues, IndexedValues]:
    small = sp.Rational(1, 10 * n)
    ys = [small] * n
    ys[hot - 1] = 1 - small * (n - 1)
    ts = [sp.Integer(0)] * n
    ts[hot - 1] = sp.Integer(1)
    return IndexedValues({t: ts}), IndexedValues({y: ys})


def test_long_rows_print_like_their_terms_written_out() -> None:
    doc = derivetex.derive(y=["0.02"] * 49 + ["0.02"], t=["0"] * 49 + ["1"])
    rows = [row for step in doc.derivation.steps for row in (step.before, step.after)]
    lazy = [row for row in rows if has_written(row)]
    assert len(lazy) >= 8
    for row in lazy:
        assert article_latex(row) == article_latex(every_term_written(row))
        assert article_latex(row, expand_limit=60) == article_latex(
            every_term_written(row), expand_limit=60)


def test_long_row_means_the_sum_it_stands_for() -> None:
    row = WrittenSum(t[k] * sp.log(y[k]), (k, 1, 30))
    point = Point(random.Random(1).random)
    fast = evaluate(row, point, FLOAT)  # column by column
    slow = evaluate(row, point, MPMATH)  # term by term
    written = evaluate(every_term_written(row), point, FLOAT)
    assert fast == pytest.approx(float(slow), rel=1e-12)
    assert fast == pytest.approx(written, rel=1e-12)


def test_values_in_a_column_are_looked_up_by_the_index() -> None:
    ts, _ = _values(25, hot=7)
    row = RULES["substitute_values"].apply(WrittenProduct(S.factor(k), (k, 1, 25)), values=ts)
    assert isinstance(row, WrittenProduct) and row.has(Column)
    assert row.term(7) == sp.Pow(y[7], 1, evaluate=False)
    assert row.term(8) == sp.Pow(y[8], 0, evaluate=False)


def test_every_step_at_large_k_is_checked_term_by_term() -> None:
    doc = derivetex.derive(K=str(N))
    details = [c.detail for s in doc.derivation.steps for c in s.checks]
    assert f"term by term: {N} terms, summand proved for symbolic k" in details
    assert all(s.verified for s in doc.derivation.steps)


def _bad_log_power(node: sp.Expr) -> sp.Expr:
    """log(a^b) => log(a) + b, on the summand: wrong for every term."""
    if isinstance(node, sp.log) and isinstance(node.args[0], sp.Pow):
        return sp.Add(sp.log(node.args[0].base), node.args[0].exp, evaluate=False)
    return node


def test_a_wrong_summand_at_large_k_is_refused() -> None:
    bad = dataclasses.replace(RULES["log_power"], name="bad_log_power", rewrite=_bad_log_power)
    with pytest.raises(VerificationError, match="bad_log_power"):
        _log_likelihood_chain(N).step(bad)


def _one_term_off(node: sp.Expr) -> sp.Expr:
    """log_power done right, except that term 700 of 1 000 gets a factor 2."""
    if not isinstance(node, WrittenSum):
        return node
    terms = [RULES["log_power"].apply(term) for term in node.terms]
    terms[699] = sp.Mul(2, terms[699], evaluate=False)
    return sp.Add(*terms, evaluate=False)


def test_one_wrong_term_among_a_thousand_is_refused() -> None:
    slip = dataclasses.replace(RULES["log_power"], name="one_term_off", rewrite=_one_term_off,
                               strategy="root")
    with pytest.raises(VerificationError, match="one_term_off"):
        _log_likelihood_chain(N).step(slip)


def test_one_wrong_value_among_a_thousand_is_refused() -> None:
    """Where t_k = 0 any y_k gives the same row (y^0 = 1): the wrong one is where t_k = 1."""
    ts, ys = _values(N, hot=300)

    def put_in_one_wrong(node: sp.Expr, values: IndexedValues) -> sp.Expr:
        row = RULES["substitute_values"].rewrite(node, values)
        if not isinstance(row, WrittenOut):
            return row
        (column,) = [c for c in row.atoms(Column) if c.name == sp.Symbol("y")]
        wrong = list(column.values)
        wrong[299] = wrong[299] + sp.Rational(1, 10**6)
        return row.xreplace({column: Column(column.name, sp.Tuple(*wrong), column.index)})

    careless = dataclasses.replace(RULES["substitute_values"], rewrite=put_in_one_wrong)
    product = WrittenProduct(S.factor(k), (k, 1, N))
    chain = ChainBuilder("c", S.L, CheckContext(bound=K, definitions={S.L: product}))
    chain.step(RULES["recall_equation"], value=product).step(RULES["substitute_values"],
                                                             values=ts)
    with pytest.raises(VerificationError, match="substitute_values"):
        chain.step(careless, values=ys)


def _entropy_with_values(n: int, hot: int) -> ChainBuilder:
    ts, ys = _values(n, hot)
    total = sp.Sum(S.term(k, None), (k, 1, K))
    chain = ChainBuilder("c", S.E, CheckContext(bound=K, definitions={S.E: -total}))
    chain.step(RULES["recall_equation"], value=sp.Mul(-1, total, evaluate=False))
    chain.step(RULES["expand_sum"], bound=K, value=n)
    return chain.step(RULES["substitute_values"], values=ts | ys)


def test_dropping_a_term_that_is_not_zero_is_refused() -> None:
    chain = _entropy_with_values(N, hot=400)
    right = RULES["zero_terms"].apply(chain.current)
    assert right == sp.Mul(-1, sp.log(1 - sp.Rational(N - 1, 10 * N), evaluate=False),
                           evaluate=False)

    def keep_nothing(node: sp.Expr) -> sp.Expr:
        return sp.Integer(0) if node == chain.current else node

    careless = dataclasses.replace(RULES["zero_terms"], rewrite=keep_nothing, strategy="root")
    with pytest.raises(VerificationError, match="zero_terms"):
        chain.step(careless)


def test_a_product_of_ones_with_a_wrong_survivor_is_refused() -> None:
    ts, ys = _values(N, hot=N)
    product = WrittenProduct(S.factor(k), (k, 1, N))
    chain = ChainBuilder("c", S.L, CheckContext(bound=K, definitions={S.L: product}))
    chain.step(RULES["recall_equation"], value=product)
    chain.step(RULES["substitute_values"], values=ts).step(RULES["substitute_values"], values=ys)
    off = RULES["power_identities"].apply(chain.current) + sp.Rational(1, 10**9)
    careless = dataclasses.replace(RULES["power_identities"], strategy="root",
                                   rewrite=lambda node: off)
    with pytest.raises(VerificationError, match="power_identities"):
        chain.step(careless)


def test_products_beyond_the_float_range_are_still_compared() -> None:
    """10 000 random factors overflow floats: inf = inf must not pass as a check."""
    product = WrittenProduct(S.factor(k), (k, 1, 10_000))
    twice = sp.Mul(2, product, evaluate=False)
    assert numerically_equal(sp.log(product, evaluate=False),
                             WrittenSum(t[k] * sp.log(y[k]), (k, 1, 10_000)), random.Random(3))[0]
    assert not numerically_equal(product, twice, random.Random(3))[0]


def test_a_log_of_a_huge_product_is_finite() -> None:
    product = WrittenProduct(S.factor(k), (k, 1, 5000))
    point = Point(random.Random(2).random)
    value = evaluate(sp.log(product, evaluate=False), point, FLOAT)
    assert math.isfinite(value)


def test_soft_labels_and_zero_predictions_in_a_long_row() -> None:
    """t = 0.5, 0.5 and y = 0 beside t = 0 (0^0 = 1, 0 log 0 = 0): terms dropped by shape."""
    y_values = ["0.3", "0.2", "0.2", "0.1", "0", "0.05", "0.05", "0.1"] + ["0"] * 22
    t_values = ["0.5", "0.5"] + ["0"] * 28
    doc = derivetex.derive(y=y_values, t=t_values)
    details = [c.detail for s in doc.derivation.steps for c in s.checks]
    for neutral in (1, 0):  # the product's ones, then the sum's zeros
        assert (f"term by term: 30 terms, 28 proved {neutral} (2 distinct shapes), 2 equal to"
                " the other side's") in details
    assert doc.derivation.values["E"] == pytest.approx(-0.5 * math.log(0.3) - 0.5 * math.log(0.2))

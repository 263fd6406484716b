"""One parametrized table per rule: `before -> after`, and the rewrite must hold mathematically."""

from __future__ import annotations

import math
import random

import pytest
import sympy as sp

from derivetex.model import LogBase, make_symbols
from derivetex.model.logs import to_natural
from derivetex.model.numeric import FLOAT, Point, evaluate
from derivetex.render.printer import article_latex
from derivetex.rules import RULES

S = make_symbols()
y, t, k, K = S.y, S.t, S.k, S.K


def mul(*args: sp.Expr) -> sp.Expr:
    return sp.Mul(*args, evaluate=False)


def add(*args: sp.Expr) -> sp.Expr:
    return sp.Add(*args, evaluate=False)


def pw(base: sp.Expr, exp: sp.Expr) -> sp.Expr:
    return sp.Pow(base, exp, evaluate=False)


def ln(x: sp.Expr) -> sp.Expr:
    return sp.log(x, evaluate=False)


R = sp.Rational
CASES = [
    ("log_product", ln(mul(pw(y[1], t[1]), pw(y[2], t[2]))), {},
     r"\log y_{1}^{t_{1}} + \log y_{2}^{t_{2}}"),
    ("log_product", LogBase(mul(y[1], y[2]), 2), {}, r"\log_{2} y_{1} + \log_{2} y_{2}"),
    ("log_product", ln(sp.Product(pw(y[k], t[k]), (k, 1, K))), {},
     r"\sum_{k=1}^{K} \log y_{k}^{t_{k}}"),
    ("log_power", ln(pw(y[1], t[1])), {}, r"t_{1} \log y_{1}"),
    ("log_power", add(ln(pw(y[1], t[1])), LogBase(pw(y[2], t[2]), 10)), {},
     r"t_{1} \log y_{1} + t_{2} \log_{10} y_{2}"),
    ("collect_sum", add(mul(t[1], ln(y[1])), mul(t[2], ln(y[2])), mul(t[3], ln(y[3]))),
     {"index": k}, r"\sum_{k=1}^{3} t_{k} \log y_{k}"),
    ("collect_product", mul(pw(y[1], t[1]), pw(y[2], t[2])), {"index": k},
     r"\prod_{k=1}^{2} y_{k}^{t_{k}}"),
    ("generalise_k", sp.Sum(mul(t[k], ln(y[k])), (k, 1, 3)), {"bound": K, "instance": 3},
     r"\sum_{k=1}^{K} t_{k} \log y_{k}"),
    ("expand_sum", -sp.Sum(mul(t[k], ln(y[k])), (k, 1, K)), {"bound": K, "value": 2},
     r"- (t_{1} \log y_{1} + t_{2} \log y_{2})"),
    ("substitute_values", mul(t[1], ln(y[1])), {"values": {t[1]: R(1), y[1]: R(33, 100)}},
     r"1 \cdot \log 0.33"),
    ("power_identities", mul(pw(R(33, 100), 1), pw(R(8, 25), 0), pw(R(7, 20), 0)), {}, "0.33"),
    ("zero_terms", -add(mul(1, ln(R(33, 100))), mul(0, ln(R(8, 25)))), {}, r"- \log 0.33"),
    ("evaluate", -ln(R(33, 100)), {"digits": 6}, "1.108663"),
]


@pytest.mark.parametrize(
    ("name", "before", "params", "expected"),
    CASES,
    ids=[f"{c[0]}: {article_latex(c[1])} -> {c[3]}" for c in CASES],
)
def test_rule_rewrites(name: str, before: sp.Expr, params: dict, expected: str) -> None:
    after = RULES[name].apply(before, **params)
    assert article_latex(after) == expected


EQUALITIES = [c for c in CASES if RULES[c[0]].relation == "equals"]


@pytest.mark.parametrize(("name", "before", "params", "expected"), EQUALITIES,
                         ids=[c[0] for c in EQUALITIES])
def test_equality_rules_hold_numerically(name, before, params, expected) -> None:
    """Independent of the engine: SymPy's own evalf at random positive points, K = 4."""
    after = RULES[name].apply(before, **params)
    rng = random.Random(7)
    for _ in range(5):
        values = {s: R(rng.randint(1, 300), 100) for s in _atoms(before, after)}
        lhs = sp.N(to_natural(before.subs(K, 4).doit().xreplace(values)).doit(), 30)
        rhs = sp.N(to_natural(after.subs(K, 4).doit().xreplace(values)).doit(), 30)
        assert math.isclose(float(lhs), float(rhs), rel_tol=1e-12)


def _atoms(*exprs: sp.Expr) -> set[sp.Expr]:
    atoms: set[sp.Expr] = set()
    for e in exprs:
        e = e.subs(K, 4).doit()
        atoms |= {a for a in e.atoms(sp.Indexed) if a.indices[0].is_Integer}
    return atoms


def test_rule_that_does_not_apply_returns_its_input() -> None:
    expr = mul(t[1], ln(y[1]))
    for name in ("log_product", "log_power", "collect_sum", "generalise_k"):
        params = {"index": k} if name == "collect_sum" else {}
        if name == "generalise_k":
            params = {"bound": K, "instance": 3}
        assert RULES[name].apply(expr, **params) is expr


def test_log_rules_need_positivity() -> None:
    """The side condition a > 0 carries the rule: a plain symbol of unknown sign is left alone."""
    a, b = sp.symbols("a b")
    assert RULES["log_power"].apply(ln(pw(a, b))) == ln(pw(a, b))
    assert RULES["log_product"].apply(ln(mul(a, b))) == ln(mul(a, b))


def test_every_rule_is_registered_once_with_snake_case_name_and_statement() -> None:
    assert len(RULES) == len({id(r) for r in RULES.values()})
    for name, rule in RULES.items():
        assert name == rule.name and name.islower() and " " not in name
        assert rule.statement and rule.example and "=>" in rule.example


def test_numeric_evaluator_takes_zero_log_zero_as_zero() -> None:
    assert evaluate(mul(0, ln(sp.Integer(0))), {}, FLOAT) == 0
    point = Point(lambda: 0.5)
    assert evaluate(sp.Sum(t[k], (k, 1, 3)), point, FLOAT) == pytest.approx(1.5)


def test_instance_sets_the_index_everywhere_it_occurs() -> None:
    from derivetex.model.symbols import instance

    assert instance(t[k] * sp.log(y[k]), k, 3) == t[3] * sp.log(y[3])
    assert instance(k * y[k + 1], k, 2) == 2 * y[3]  # not only plain y_k atoms


def test_fold_definition_of_one_component_folds_only_that_component() -> None:
    """``m_{1} = sigma_{1}^2`` defines m_1 alone: its index 1 is no letter to put 2 in for
    (it folded sigma_2^2 into m_2, a row that does not hold, before)."""
    m, sigma, z = sp.IndexedBase("m"), sp.IndexedBase("sigma", positive=True), sp.Symbol("z")
    definitions = {m[1]: sigma[1] ** 2, m[2]: sigma[1] ** 2 + z**2}
    fold = RULES["fold_definition"]
    assert fold.rewrite(z / sigma[2] ** 2, definitions=definitions) == z / sigma[2] ** 2
    assert fold.rewrite(z / sigma[1] ** 2, definitions=definitions) == z / m[1]
    i = sp.Symbol("i", integer=True)
    y = sp.IndexedBase("y")
    assert fold.rewrite(z * sp.exp(sigma[2]), definitions={y[i]: sp.exp(sigma[i])}) == z * y[2]

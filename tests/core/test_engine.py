"""The engine verifies every step and refuses what does not hold, naming the rule."""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from derivetex.engine import ChainBuilder, CheckContext
from derivetex.errors import RuleNotApplicable, VerificationError
from derivetex.model import make_symbols
from derivetex.rules import RULES, Rule

S = make_symbols()
y, t, k, K = S.y, S.t, S.k, S.K


def _bad_log_power(node: sp.Expr) -> sp.Expr:
    """A plausible slip: log(a^b) => log(a) + b."""
    if isinstance(node, sp.log) and isinstance(node.args[0], sp.Pow):
        return sp.Add(sp.log(node.args[0].base), node.args[0].exp, evaluate=False)
    return node


def _sign_slip(node: sp.Expr) -> sp.Expr:
    if isinstance(node, sp.Sum):
        return sp.Mul(-1, node, evaluate=False)
    return node


BAD_POWER = dataclasses.replace(RULES["log_power"], name="bad_log_power", rewrite=_bad_log_power)
SIGN_SLIP = dataclasses.replace(RULES["log_power"], name="sign_slip", rewrite=_sign_slip)


def test_wrong_rule_is_refused_and_named() -> None:
    chain = ChainBuilder("c", sp.log(S.L), CheckContext(bound=K, definitions={S.L: y[1] ** t[1]}))
    chain.step(RULES["take_log"], value=sp.log(sp.Pow(y[1], t[1], evaluate=False), evaluate=False))
    with pytest.raises(VerificationError, match="bad_log_power"):
        chain.step(BAD_POWER)


def test_wrong_step_with_symbolic_k_is_refused_at_an_instance() -> None:
    total = sp.Sum(t[k] * sp.log(y[k]), (k, 1, K))
    chain = ChainBuilder("c", S.E, CheckContext(bound=K, definitions={S.E: total}))
    chain.step(RULES["recall_equation"], value=total)
    with pytest.raises(VerificationError, match=r"sign_slip.*K = 1"):
        chain.step(SIGN_SLIP)


def _generalise_any(node: sp.Expr, bound: sp.Symbol, instance: int) -> sp.Expr:
    """Replaces any upper limit by K, whatever instance it claims to generalise."""
    return node.func(node.function, (k, 1, bound)) if isinstance(node, sp.Sum) else node


def test_wrong_generalisation_is_refused() -> None:
    definitions = {S.L: sp.Product(y[k] ** t[k], (k, 1, K))}
    chain = ChainBuilder("c", sp.log(S.L), CheckContext(bound=K, definitions=definitions))
    chain.continue_from(sp.Sum(t[k] * sp.log(y[k]), (k, 1, 2)))  # two terms, claimed as K = 3
    careless = dataclasses.replace(RULES["generalise_k"], rewrite=_generalise_any)
    with pytest.raises(VerificationError, match=r"generalise_k.*K = 3"):
        chain.step(careless, bound=K, instance=3)


def test_wrong_rounding_is_refused() -> None:
    def round_badly(node: sp.Expr, digits: int) -> sp.Expr:
        return sp.Float("1.108662") if not node.free_symbols else node

    bad = dataclasses.replace(RULES["evaluate"], rewrite=round_badly)
    value = -sp.log(sp.Rational(33, 100))
    chain = ChainBuilder("c", S.E, CheckContext(bound=K, definitions={S.E: value}))
    chain.step(RULES["recall_equation"], value=value)
    with pytest.raises(VerificationError, match="rounded to 6"):
        chain.step(bad, digits=6)


def test_rule_that_does_not_apply_is_an_error_not_a_step() -> None:
    chain = ChainBuilder("c", S.E, CheckContext(bound=K, definitions={S.E: t[1]}))
    chain.step(RULES["recall_equation"], value=t[1])
    with pytest.raises(RuleNotApplicable, match="log_power"):
        chain.step(RULES["log_power"])
    chain.try_step(RULES["log_power"])
    assert len(chain.build().steps) == 1


def test_steps_are_immutable_and_record_their_checks() -> None:
    chain = ChainBuilder("c", sp.log(S.L), CheckContext(bound=K, definitions={S.L: y[1] ** t[1]}))
    chain.step(RULES["take_log"], value=sp.log(sp.Pow(y[1], t[1], evaluate=False), evaluate=False))
    chain.step(RULES["log_power"])
    step = chain.build().steps[-1]
    assert {c.method for c in step.checks} == {"symbolic", "numeric"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.after = sp.Integer(0)  # type: ignore[misc]


def test_rule_records_are_frozen() -> None:
    rule: Rule = RULES["log_product"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.name = "other"  # type: ignore[misc]


def test_recalling_an_equation_with_the_wrong_sign_is_refused() -> None:
    """The slip the article makes in its first display: -log L written as +sum t log y."""
    definitions = {S.L: sp.Product(y[k] ** t[k], (k, 1, K)), S.E: -sp.log(S.L)}
    chain = ChainBuilder("c", S.E, CheckContext(bound=K, definitions=definitions))
    with pytest.raises(VerificationError, match="recall_equation"):
        chain.step(RULES["recall_equation"], value=sp.Sum(t[k] * sp.log(y[k]), (k, 1, K)))


def test_substituting_other_values_than_claimed_is_refused() -> None:
    chain = ChainBuilder("c", S.E, CheckContext(bound=K, definitions={S.E: t[1] * sp.log(y[1])}))
    chain.step(RULES["recall_equation"], value=t[1] * sp.log(y[1]))

    def swap(node: sp.Expr, values: dict) -> sp.Expr:
        return {t[1]: sp.Integer(1), y[1]: sp.Rational(1, 2)}.get(node, node)

    careless = dataclasses.replace(RULES["substitute_values"], rewrite=swap)
    with pytest.raises(VerificationError, match="substitute_values"):
        chain.step(careless, values={t[1]: sp.Integer(1), y[1]: sp.Rational(33, 100)})

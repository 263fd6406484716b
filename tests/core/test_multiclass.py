"""The article's derivation: its numbers, its shape, its variants."""

from __future__ import annotations

import math

import pytest

import derivetex
from derivetex.errors import InputError


def _rules(document: derivetex.Document) -> list[str]:
    return [step.rule.name for step in document.derivation.steps]


def test_article_example_numbers_are_the_true_ones() -> None:
    doc = derivetex.derive()
    assert doc.derivation.values["L"] == pytest.approx(0.33, abs=1e-15)
    # The article prints -0.481486: that is log10 with the sign flipped. The natural log gives:
    assert doc.derivation.values["E"] == pytest.approx(-math.log(0.33), rel=1e-15)
    assert doc.derivation.chain("example_cross_entropy").steps[-1].after == pytest.approx(1.108663)


@pytest.mark.parametrize(("base", "unit", "value"), [
    ("e", "nats", 1.108663), ("2", "bits", 1.599462), ("10", "hartleys", 0.481486),
])
def test_log_base_changes_value_unit_and_notation(base: str, unit: str, value: float) -> None:
    doc = derivetex.derive(log_base=base)
    data = doc.to_data()
    assert data["unit"] == unit
    assert round(data["values"]["E"], 6) == value
    md = doc.to_markdown()
    assert f"= {value:.6f}" in md
    assert (r"\log_{" + base + "}" in md) == (base != "e")


def test_every_step_is_verified_with_recorded_checks() -> None:
    for options in ({}, {"K": "K"}, {"K": "1"}, {"K": "7", "log_base": "2"}):
        doc = derivetex.derive(**options)
        for step in doc.derivation.steps:
            assert step.verified and step.checks, step.rule.name


def test_the_article_rules_appear_in_order() -> None:
    rules = _rules(derivetex.derive())
    order = ["define_likelihood", "collect_product", "take_log", "log_product", "log_power",
             "collect_sum", "generalise_k", "define_cross_entropy", "substitute_equation",
             "recall_equation", "substitute_values", "substitute_values", "power_identities",
             "recall_equation", "expand_sum", "substitute_values", "zero_terms", "evaluate"]
    assert rules == order


def test_symbolic_k_uses_products_and_sums_throughout() -> None:
    doc = derivetex.derive(K="K")
    assert _rules(doc) == ["define_likelihood", "take_log", "log_product", "log_power",
                           "define_cross_entropy", "substitute_equation"]
    checks = {c.method for s in doc.derivation.steps for c in s.checks}
    assert "instantiated" in checks
    assert doc.to_data()["K"] == "K"


def test_k_equal_one_has_no_product_to_split() -> None:
    rules = _rules(derivetex.derive(K="1"))
    assert "log_product" not in rules and "log_power" in rules


def test_zero_prediction_with_zero_label_is_taken_as_zero() -> None:
    doc = derivetex.derive(y=["0", "0.4", "0.6"], t=["0", "0", "1"])
    assert doc.derivation.values["E"] == pytest.approx(-math.log(0.6))
    assert r"0 \cdot \log 0 = 0" in doc.to_markdown()


def test_all_zero_labels_give_exactly_zero() -> None:
    doc = derivetex.derive(y=["0.5", "0.5"], t=["0", "0"])
    assert doc.derivation.values["E"] == 0.0
    assert doc.derivation.chain("example_cross_entropy").result == 0
    assert r"&= - 0" not in doc.to_markdown()


def test_soft_labels_evaluate_the_likelihood_numerically() -> None:
    doc = derivetex.derive(y=["0.2", "0.8"], t=["0.5", "0.5"])
    assert doc.derivation.values["L"] == pytest.approx(math.sqrt(0.16))
    assert doc.derivation.values["E"] == pytest.approx(-0.5 * math.log(0.2) - 0.5 * math.log(0.8))


@pytest.mark.parametrize(("options", "message"), [
    ({"y": ["0.5", "0.5"], "t": ["1", "0", "0"]}, "--y has 2 values but --t has 3"),
    ({"K": "0"}, "positive integer"),
    ({"K": "2.5"}, "positive integer"),
    ({"K": "4", "labels": ["a", "b"]}, "disagree"),
    ({"y": ["1.2", "-0.2"], "t": ["1", "0"]}, "outside [0, 1]"),
    ({"y": ["0.5", "0.6"], "t": ["1", "0"]}, "sum to 1"),
    ({"y": ["0.5", "0.5"], "t": ["-1", "0"]}, "negative"),
    ({"y": ["0", "1"], "t": ["1", "0"]}, "infinite"),
    ({"y": ["nan", "1"], "t": ["1", "0"]}, "not a finite number"),
    ({"log_base": "3"}, "unknown log base"),
    ({"lang": "fr"}, "unknown language"),
    ({"formats": ["docx"]}, "unknown format"),
    ({"K": "K", "y": ["1"], "t": ["1"]}, "need a number K"),
    ({"K": "100001"}, "over the written-out limit"),
    ({"y": ["0.5", "0.5"], "t": ["1e400", "0"]}, "out of range"),
    ({"y": ["1e-400", "1"], "t": ["0", "1"]}, "out of range"),
    ({"y": ["0." + "3" * 40, "0.7"], "t": ["1", "0"]}, "significant digits"),
])
def test_bad_input_names_the_problem(options: dict, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        derivetex.derive(**options)

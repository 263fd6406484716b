"""The catalog (the series' second part): every derivation builds in both languages with every
row verified and justified, and each example's number is computed a second way, by hand."""

from __future__ import annotations

import math
from functools import cache

import pytest

import derivetex
from derivetex.specs.loader import load_spec
from derivetex.specs.shipped import CATALOG, SHIPPED


@cache
def data(name: str) -> dict:
    return derivetex.derive(derivation=name, lang="en").to_data()


@pytest.mark.parametrize("name", CATALOG)
def test_every_row_is_verified_and_names_its_rules(name):
    steps = data(name)["steps"]
    assert steps and all(s["verified"] and s["checks"] and s["rules"] for s in steps)


@pytest.mark.parametrize("name", CATALOG)
def test_words_in_both_languages(name):
    spec = load_spec(SHIPPED[name])
    assert spec.title.ja != spec.title.en and spec.intro is not None
    assert spec.intro.ja != spec.intro.en
    assert "\\(" not in derivetex.derive(derivation=name, lang="ja").to_markdown()


def test_the_catalog_uses_fill():
    filled = {name for name in CATALOG if any(s.get("filled") for s in data(name)["steps"])}
    assert len(filled) >= 9


X3 = (0.2, 0.9, 0.4)
BY_HAND = {
    ("sigmoid-derivative", "dsigma_dz"): 0.25,
    ("mse-gradient", "dE_dw"): 2 / 3 * sum((2 * a - b) * a for a, b in zip((1, 2, 3), (2, 3, 7),
                                                                            strict=True)),
    ("mse-gradient", "w_hat"): (1 * 2 + 2 * 3 + 3 * 7) / (1 + 4 + 9),
    ("bernoulli-mle", "p_hat"): 3 / 4,
    ("poisson-mle", "lambda_hat"): (2 + 0 + 3 + 1) / 4,
    ("gaussian-mean-mle", "mu_hat"): sum(X3) / 3,
    ("gaussian-variance-mle", "v_hat"): sum((x - 0.5) ** 2 for x in X3) / 3,
    ("cross-entropy-kl", "C"): -(0.25 * math.log(0.5) + 0.75 * math.log(0.5)),
    ("cross-entropy-kl", "H_plus_D"): -(0.25 * math.log(0.25) + 0.75 * math.log(0.75))
    + 0.25 * math.log(0.25 / 0.5) + 0.75 * math.log(0.75 / 0.5),
    ("gaussian-kl", "D"): math.log(2 / 1) + (1**2 + (0 - 1) ** 2) / (2 * 2**2) - 1 / 2,
    ("label-smoothing", "E_split"): -sum((0.9 * t + 0.1 / 3) * math.log(y)
                                         for t, y in zip((1, 0, 0), (0.7, 0.2, 0.1), strict=True)),
}


@pytest.mark.parametrize(("name", "value"), sorted(BY_HAND), ids=lambda v: str(v))
def test_each_example_is_the_number_computed_by_hand(name, value):
    assert math.isclose(data(name)["values"][value], BY_HAND[name, value], rel_tol=1e-12)


def test_the_gaussian_kl_is_the_closed_form_and_its_facts_are_stated():
    """The result is log(s2/s1) + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2; the two moments of p
    it takes as given are definitions shown at the top, each with its justification in the note."""
    import sympy as sp

    result = derivetex.derive(derivation="gaussian-kl", lang="en")
    kl = next(c for c in result.derivation.chains if c.name == "kl")
    mu1, mu2 = (sp.Indexed(sp.IndexedBase(r"\mu"), i) for i in (1, 2))
    s1, s2 = (sp.Indexed(sp.IndexedBase(r"\sigma"), i) for i in (1, 2))
    closed = sp.log(s2 / s1) + (s1**2 + (mu1 - mu2) ** 2) / (2 * s2**2) - sp.Rational(1, 2)
    point = {mu1: 0.3, mu2: -1.2, s1: 0.7, s2: 1.9}
    got = kl.result.xreplace({a: point[b] for a in kl.result.free_symbols | kl.result.atoms(
        sp.Indexed) for b in point if str(a) == str(b)})
    assert math.isclose(float(got), float(closed.xreplace(point)), rel_tol=1e-12)
    markdown = result.to_markdown()
    assert "m_{1} &= \\sigma_{1}^{2}" in markdown and "variance of $p$ itself" in markdown

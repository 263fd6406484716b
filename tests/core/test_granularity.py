"""--steps: compact shows a subset of the article's rows, fine at least as many, and every row
either shows was verified again (by the judge for a spec, by the rule's relation for the
article layout)."""

from __future__ import annotations

import json
from functools import cache

import pytest
import sympy as sp

import derivetex
from derivetex.cli import main
from derivetex.engine.granularity import MAX_JOINED, compact, fine
from derivetex.judge.equality import judge_equal
from derivetex.tools.mathcheck import check_math, math_blocks_from_markdown
from derivetex.tools.requirements import require_tool

NAMES = ("multiclass", "sigmoid-derivative", "bernoulli-mle", "softmax-jacobian",
         "logistic-regression")
MODES = ("compact", "fine")


@cache
def derivation(name: str, mode: str, K: str | None = None) -> derivetex.Document:
    return derivetex.derive(derivation=name, lang="en", steps=mode, K=K)


def rows(chain) -> list[sp.Expr]:
    return [chain.lhs] + [step.after for step in chain.steps]


def is_subsequence(short: list[sp.Expr], long: list[sp.Expr]) -> bool:
    remaining = iter(long)
    return all(any(row == other for other in remaining) for row in short)


@pytest.mark.parametrize("name", NAMES)
def test_compact_rows_are_a_subset_of_the_article_rows(name):
    article = derivation(name, "article").derivation
    joined = derivation(name, "compact").derivation
    assert [c.name for c in joined.chains] == [c.name for c in article.chains]
    for short, full in zip(joined.chains, article.chains, strict=True):
        assert is_subsequence(rows(short), rows(full)), short.name
        assert short.result == full.result
    assert len(joined.steps) < len(article.steps)


@pytest.mark.parametrize("name", NAMES)
def test_fine_has_at_least_the_article_rows(name):
    article = derivation(name, "article").derivation
    split = derivation(name, "fine").derivation
    for many, full in zip(split.chains, article.chains, strict=True):
        assert len(many.steps) >= len(full.steps)
        assert is_subsequence(rows(full), rows(many)), many.name
        assert many.result == full.result


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("mode", MODES)
def test_every_row_is_verified_and_follows_from_the_one_before(name, mode):
    for chain in derivation(name, mode).derivation.chains:
        before = chain.steps[0].before
        for step in chain.steps:
            assert step.verified
            assert step.before == before  # the rows chain: each starts where the last ended
            before = step.after
            methods = {check.method for check in step.checks}
            if step.params.get("joined") or step.params.get("fine"):
                assert methods & {"symbolic", "fact", "definition"}, methods
                assert "numeric" in methods or "definition" in methods


def test_compact_joins_log_product_and_log_power_and_says_each():
    document = derivation("multiclass", "compact")
    chain = document.derivation.chain("log_likelihood")
    joined = [s for s in chain.steps if s.params.get("joined")]
    assert len(joined) == 1
    assert [s.rule.name for s in joined[0].params["joined"]] == [
        "log_product", "log_power", "collect_sum"]
    markdown = document.to_markdown()
    assert r"\log ab = \log a + \log b\text{, then }\text{by log rule }" in markdown


def test_fine_takes_the_log_of_a_product_factor_by_factor():
    chain = derivation("multiclass", "fine", "4").derivation.chain("log_likelihood")
    names = [s.rule.name for s in chain.steps]
    assert names.count("log_product") == 3  # four factors: three rows
    assert names.count("log_power") == 4  # one term a row
    logs = [len(step.after.atoms(sp.log)) for step in chain.steps
            if step.rule.name == "log_product"]
    assert logs == [2, 3, 4]
    for step in chain.steps:
        a, b = step.before, step.after
        if step.rule.name in ("log_product", "log_power"):
            assert judge_equal(a, b, "test").holds


def test_every_joined_and_split_row_goes_to_the_verifier():
    article = derivation("multiclass", "article", "4").derivation
    steps = article.chain("log_likelihood").steps
    asked: list[tuple[sp.Expr, sp.Expr]] = []

    def verify(step, before, after):
        asked.append((before, after))
        return ()

    joined = compact(steps, verify)
    assert asked == [(s.before, s.after) for s in joined if s.params.get("joined")]
    assert all(len(s.params.get("joined", (s,))) <= MAX_JOINED for s in joined)
    asked.clear()
    split = [row for step in steps for row in fine(step, verify)]
    assert asked == [(s.before, s.after) for s in split if s.params.get("fine")]
    assert len(asked) == 7


def test_a_row_the_verifier_refuses_stops_the_derivation():
    steps = derivation("multiclass", "article", "4").derivation.chain("log_likelihood").steps

    def refuse(step, before, after):
        raise derivetex.errors.VerificationError("refused")

    with pytest.raises(derivetex.errors.VerificationError):
        compact(steps, refuse)


def test_the_command_line_takes_steps(capsys):
    assert main(["derive", "sigmoid-derivative", "--steps", "compact", "--format", "json",
                 "-o", "-"]) == 0
    compact_steps = json.loads(capsys.readouterr().out)["steps"]
    assert main(["derive", "sigmoid-derivative", "--format", "json", "-o", "-"]) == 0
    article_steps = json.loads(capsys.readouterr().out)["steps"]
    assert 0 < len(compact_steps) < len(article_steps)
    with pytest.raises(SystemExit) as refused:
        main(["derive", "--steps", "coarse"])
    assert refused.value.code == 2
    with pytest.raises(derivetex.errors.InputError):
        derivetex.derive(derivation="multiclass", steps="coarse")


def test_compact_and_fine_documents_render_with_highlight():
    require_tool("renderers")
    blocks = []
    for name in ("multiclass", "sigmoid-derivative"):
        for mode in MODES:
            doc = derivetex.derive(derivation=name, lang="ja", steps=mode, highlight=True)
            blocks += math_blocks_from_markdown(doc.to_markdown(), f"{name}-{mode} ")
    assert len(blocks) > 20
    assert [r.describe() for r in check_math(blocks) if not r.ok] == []

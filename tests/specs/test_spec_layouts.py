"""The spec format's additions for derivations like multiclass: ``when`` conditions, the
article layout's rule rows (``write_out``, ``continues``/``start``, example values by name),
per-language labels and accepted options. A malformed one is refused with one line naming
the key, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

import derivetex
from derivetex.cli import main
from derivetex.specs.conditions import condition_problem, holds
from derivetex.specs.shipped import SHIPPED

MULTICLASS = SHIPPED["multiclass"].read_text(encoding="utf-8")
CATEGORICAL = SHIPPED["categorical"].read_text(encoding="utf-8")
TAKE_LOG = (r"""{ rule = "take_log", value = '\log \prod_{k=1}^{K} y_{k}^{t_{k}}', """
            r"""write_out = "K" },""")
START = r"""start = { latex = '\sum_{k=1}^{K} t_{k} \log y_{k}', at = "K" }"""


def _run(tmp_path: Path, text: str, capsys, *options: str) -> tuple[int, str]:
    spec = tmp_path / "spec.toml"
    spec.write_text(text, encoding="utf-8")
    code = main(["derive", "--spec", str(spec), "-o", str(tmp_path / "out"), *options])
    err = capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    return code, err


@pytest.mark.parametrize(
    ("sizes", "values", "condition", "expected"),
    [
        ({"K": 3}, True, "K concrete", True), ({"K": None}, False, "K concrete", False),
        ({"K": None}, False, "K symbolic", True), ({"K": 1}, True, "K > 1", False),
        ({"K": 2}, True, "K > 1", True), ({"K": None}, False, "K > 1", False),
        ({"K": 3}, True, "values and K <= 3", True), ({"K": 3}, False, "values", False),
        ({}, False, "K symbolic", True),
    ],
    ids=lambda v: str(v),
)
def test_a_condition_holds_for_the_sizes_it_names(sizes, values, condition, expected):
    assert holds(condition, sizes, values) is expected


@pytest.mark.parametrize(("text", "problem"), [
    ("K > one", "cannot read the condition 'K > one'"),
    ("N concrete", "'N' is not a size of the example (sizes: K)"),
    ("K concrete or values", "cannot read the condition"),
])
def test_a_malformed_condition_says_what_is_wrong(text, problem):
    assert problem in (condition_problem(text, {"K": 3}) or "")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('when = "K symbolic"', 'when = "K is symbolic"',
         "chains[4].when: cannot read the condition 'K is symbolic'"),
        ('layout = "article"', 'layout = "grid"', ": layout: 'grid' is not one of rows, article"),
        ('accepts = ["log-base", "labels"]', 'accepts = ["colour"]',
         ": accepts: 'colour' is not an option a spec can take"),
        ('en = ["dog", "fox", "wolf"]', 'en = ["dog", "fox"]',
         "example.labels: ja and en need the same number of labels"),
        (TAKE_LOG, TAKE_LOG.replace('write_out = "K"', 'write_out = "N"'),
         "chains[2].rows[1].write_out: writes the row's value out over the example's size 'K'"),
        (TAKE_LOG, TAKE_LOG.replace('rule = "take_log"', 'rule = "log_power"'),
         "chains[2].rows[1]: rule 'log_power' takes no value (it takes nothing)"),
        ('{ rule = "log_power" },', '{ rule = "log_product" },',
         "chains[2].rows[3]: rule 'log_product' does not apply"),
        (TAKE_LOG, r"""'\log L',""",
         "chains[2].rows[1].latex: the article layout does not take this key"),
        (TAKE_LOG, TAKE_LOG.replace('rule = "take_log"', 'rule = ["take_log", "log_power"]'),
         "chains[2].rows[1]: a row of the article layout names one rule"),
        ('name = "likelihood"\nwhen', 'name = "likelihood"\nlead = "L is"\nwhen',
         "chains[1].lead: the article layout does not take this key"),
        ('K = { positive = true, integer = true }',
         'K = { positive = true, integer = true, legend = "classes" }',
         "symbols.K.legend: the article layout takes its legends from the catalog"),
        ('continues = "log_likelihood"', 'continues = "likelihood_of_nothing"',
         "chains[3].continues: no earlier chain 'likelihood_of_nothing'"),
        (START, START.replace(r"t_{k} \log y_{k}", r"y_{k} \log t_{k}"),
         "chains[3].start: is not the result of chain 'log_likelihood'"),
        ('name = "likelihood"\nwhen = "K symbolic"', 'name = "likelihood"\nwhen = "K > 2"',
         "chains[4].name: a chain 'likelihood' is already built here"),
        ('values = ["t", "y"]', 'values = ["t", "L"]',
         "chains[9].rows[3].values: 'L' is not an indexed symbol with example values"),
        ('values = { y = ["0.33", "0.32", "0.35"], t = ["1", "0", "0"] }',
         'values = { y = ["0.33", "0.32", "0.35"] }',
         "example: the article layout needs one size and the values y and t"),
    ],
    ids=["condition", "layout", "accepts", "labels", "write-out", "unknown-parameter",
         "not-applying", "latex-row", "two-rules", "lead", "symbol-legend", "continues",
         "start", "same-name", "values", "example"],
)
def test_a_malformed_article_spec_names_the_key(tmp_path, capsys, old, new, message):
    assert old in MULTICLASS
    code, err = _run(tmp_path, MULTICLASS.replace(old, new, 1), capsys)
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1
    assert message in err, err


def test_a_wrong_step_in_an_article_spec_is_refused_naming_the_row(tmp_path, capsys):
    wrong = MULTICLASS.replace(r"old = '\log L', new = '\sum_{k=1}^{K} t_{k} \log y_{k}'",
                               r"old = '\log L', new = '\sum_{k=1}^{K} y_{k} \log t_{k}'")
    code, err = _run(tmp_path, wrong, capsys)
    assert code == 2 and err.count("\n") == 1
    assert "chains[7].rows[1]: step 'substitute_equation' does not hold" in err


def test_article_keys_are_refused_in_the_rows_layout(tmp_path, capsys):
    text = CATEGORICAL.replace('name = "log_likelihood"\n', 'name = "log_likelihood"\n'
                               'legend = ["K"]\n', 1)
    code, err = _run(tmp_path, text, capsys)
    assert code == 2 and "chains[1].legend: only the article layout takes this key" in err


def test_options_an_article_spec_does_not_accept_are_refused(tmp_path, capsys):
    text = MULTICLASS.replace('accepts = ["log-base", "labels"]', "accepts = []")
    code, err = _run(tmp_path, text, capsys, "--log-base", "2")
    assert code == 2 and "--log-base cannot be used with the spec 'multiclass'" in err


def test_when_leaves_chains_and_rows_out_of_a_rows_spec(tmp_path):
    text = CATEGORICAL.replace('name = "log_likelihood"\n', 'name = "log_likelihood"\n'
                               'when = "K symbolic"\n', 1)
    spec = tmp_path / "spec.toml"
    spec.write_text(text, encoding="utf-8")
    concrete = [c.name for c in derivetex.derive(spec=spec).derivation.chains]
    general = [c.name for c in derivetex.derive(spec=spec, K="K").derivation.chains]
    assert concrete == ["negative_log_likelihood", "example"]
    assert general == ["log_likelihood", "negative_log_likelihood"]


def test_labels_are_per_language_and_reach_the_table():
    for lang, first in (("ja", "イヌ"), ("en", "dog")):
        markdown = derivetex.derive(lang=lang).to_markdown()
        assert f"| $1$ | {first} | $0.33$ | $1$ |" in markdown


def test_two_chains_of_one_name_in_a_rows_spec_must_exclude_each_other(tmp_path, capsys):
    text = CATEGORICAL.replace('name = "negative_log_likelihood"',
                               'name = "log_likelihood"', 1)
    code, err = _run(tmp_path, text, capsys)
    assert code == 2 and "chains[2].name: a chain 'log_likelihood' is already built here" in err

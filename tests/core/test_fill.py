"""The fill: shortest rule sequences between two rows, found from both ends, every row it
writes verified; giving up names the closest row and what still differs."""

from __future__ import annotations

import json

import pytest
import sympy as sp

from derivetex.cli import main
from derivetex.engine.fill import FillFailed, differing, fill
from derivetex.engine.standalone import standalone_moves
from derivetex.fill_command import read_side
from derivetex.judge.equality import judge_equal
from derivetex.specs.build import build_spec
from derivetex.specs.loader import SpecError, load_spec

PRODUCT = r"\log \prod_{k=1}^{K} y_{k}^{t_{k}}"
SUM = r"\sum_{k=1}^{K} t_{k} \log y_{k}"


def rules_of(rows) -> list[str]:
    return [row.move.rule.name for row in rows]


def test_forward_rows_are_the_rules_applied_in_turn():
    rows = fill(read_side(PRODUCT, "a"), read_side(SUM, "b"), standalone_moves())
    assert rules_of(rows) == ["log_product", "log_power"]
    assert not any(row.backwards for row in rows)
    assert rows[-1].row == read_side(SUM, "b")  # the last row is the goal as written


def test_rows_found_from_the_far_end_are_read_backwards_and_still_hold():
    start, goal = read_side(SUM, "a"), read_side(PRODUCT, "b")
    rows = fill(start, goal, standalone_moves())
    assert [row.backwards for row in rows] == [True, True]
    before = start
    for row in rows:  # each row equals the one before it, and the rule relates them
        assert judge_equal(before, row.row, "t").holds
        assert row.move.apply(row.row) != row.row
        before = row.row


def test_rows_already_in_the_same_form_need_nothing():
    a = read_side(r"a + b c", "a")
    assert fill(a, read_side(r"c b + a", "b"), standalone_moves()) == ()


def test_giving_up_names_the_closest_row_and_what_differs():
    with pytest.raises(FillFailed) as failed:
        fill(read_side(r"\log (a b)", "a"), read_side(r"\log a + \tanh (b)", "b"),
             standalone_moves())
    assert "no sequence of up to 8" in failed.value.why
    assert failed.value.differs == (sp.log(sp.Symbol("b", positive=True)),
                                    sp.tanh(sp.Symbol("b", positive=True)))


def test_the_work_cap_is_a_named_give_up():
    with pytest.raises(FillFailed, match="gave up after 5 rule applications"):
        fill(read_side(PRODUCT, "a"), read_side(r"\log y_{1}", "b"), standalone_moves(),
             max_applications=5)


def test_differing_descends_to_the_one_argument_that_differs():
    a, b, c = sp.symbols("a b c", positive=True)
    assert differing(sp.log(a) + sp.exp(b), sp.log(a) + sp.exp(c)) == (b, c)


def test_the_command_prints_rows_in_each_format(capsys):
    assert main(["fill", PRODUCT, SUM]) == 0
    md = capsys.readouterr().out
    assert md.startswith("$$\n\\begin{aligned}") and md.count("&=") == 2
    assert main(["fill", PRODUCT, SUM, "--format", "tex", "--lang", "ja"]) == 0
    tex = capsys.readouterr().out
    assert tex.startswith("\\[") and "より" in tex
    assert main(["fill", SUM, PRODUCT, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["rules"] for row in data["rows"]] == [["log_power"], ["log_product"]]
    assert all(row["backwards"] and row["checks"] for row in data["rows"])


@pytest.mark.parametrize(("before", "after", "problem"), [
    (r"\log (a b", "a", "cannot read the first expression"),
    (r"\log (a b)", r"\log a", "not equal"),
    (r"a + b", r"b + a", "already the same form"),
    (r"\log (a b)", r"\log a + \log b + \sigma(0) - \frac{1}{2}", "no sequence of up to 8"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, before, after, problem):
    assert main(["fill", before, after]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and problem in captured.err


GAP = """
spec = 1
name = "gap"
title = "t"
[symbols]
y = { indexed = true, positive = true }
t = { indexed = true, nonnegative = true }
k = { index = true, range = [1, "K"] }
K = { positive = true, integer = true }
[[chains]]
name = "c"
lhs = 'E'
rows = ROWS
"""


def test_a_gap_in_a_spec_is_filled_with_verified_rows():
    rows = f"['- {PRODUCT}', {{ fill = true }}, '- {SUM}']"  # TOML '...': no escapes
    derivation = build_spec(load_spec(GAP.replace("'E'", f"'- {PRODUCT}'").replace("ROWS", rows)))
    steps = derivation.chains[0].steps
    assert [s.params["rules"] for s in steps[1:]] == [("log_product",), ("log_power",)]
    assert all(s.params["filled"] and s.checks for s in steps[1:])


@pytest.mark.parametrize(("rows", "problem"), [
    ("['a', { fill = true }]", "a gap needs a written row after it"),
    ("['a', { fill = true, latex = 'b' }, 'b']", "a gap takes no other key"),
    (r"['\log (a b)', { fill = true }, '\log a + \tanh (b)']",
     r"rows\[2\] \(the gap before row 3\): no sequence .* closest reached .* still differs"),
])
def test_a_gap_that_cannot_be_filled_is_one_line_naming_it(rows, problem):
    spec = GAP.replace("ROWS", rows).replace("'E'", rows.split(",")[0].lstrip("["))
    spec = spec.replace("[symbols]", "[symbols]\na = { positive = true }\nb = { positive = true }")
    with pytest.raises(SpecError, match=problem):
        build_spec(load_spec(spec))

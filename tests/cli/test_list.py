"""`derivetex list` names every derivation (with its title) and every rule (with its statement)."""

from __future__ import annotations

from derivetex.cli import main
from derivetex.config import DERIVATIONS
from derivetex.rules import RULES


def test_list_names_every_derivation_and_rule(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    derivations, rules = out.split("rules:\n")
    assert [line.split()[0] for line in derivations.splitlines()[1:]] == list(DERIVATIONS)
    listed = {line.split()[0]: line.split(None, 1)[1] for line in rules.splitlines()}
    assert listed == {name: rule.statement for name, rule in RULES.items()}


def test_list_in_japanese_and_a_bad_language(capsys):
    assert main(["list", "--lang", "ja"]) == 0
    assert "多値分類の交差エントロピー" in capsys.readouterr().out
    assert main(["list", "--lang", "fr"]) == 2
    assert capsys.readouterr().err.count("\n") == 1

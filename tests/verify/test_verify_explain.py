"""`verify --explain`: each ok link names the registered rules that justify it, in the
catalog's words, as a row that can be pasted into an aligned block."""

from __future__ import annotations

import json
from pathlib import Path

from derivetex.cli import main
from derivetex.verify import audit_text

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "output" / "multiclass.en.md"
STEPS = (
    "$$\n\\begin{aligned}\n"
    "\\log (a b) &= \\log a + \\log b \\\\\n"
    "&= \\log a + \\log b + 0\n"
    "\\end{aligned}\n$$\n"
)


def test_explain_names_the_log_rules_of_the_article(capsys):
    assert main(["verify", "-v", "--explain", str(ARTICLE)]) == 0
    out = capsys.readouterr().out
    assert "by log_product: &\\qquad \\text{by log rule }" in out
    assert "by log_power: &\\qquad" in out and "\\log a^{b} = b \\log a \\\\" in out
    assert "by collect_sum:" in out


def test_explain_in_japanese_and_in_json(capsys):
    assert main(["verify", "--explain", "--lang", "ja", "--json", str(ARTICLE)]) == 0
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    explained = [f for f in findings if f.get("rules")]
    assert explained and all(f["status"] == "ok" for f in explained)
    assert any("対数の公式" in f["justification"] for f in explained)


def test_a_link_no_rule_gives_is_left_unexplained():
    report = audit_text(STEPS, "md", explain="en")
    first, second = report.findings
    assert first.rules == ("log_product",)
    assert second.status == "ok" and second.rules == ()


def test_without_explain_the_json_keys_are_unchanged(capsys):
    """The keys of before, and ``readings`` (issue 18: the readings a verdict rests on)."""
    assert main(["verify", "--json", str(ARTICLE)]) == 0
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert all(
        set(f) == {"line", "status", "latex", "message", "diagnosis", "reason", "readings",
                   "code", "suppressed"}
        for f in findings
    )
    assert all(isinstance(f["readings"], list) for f in findings)

"""``log-base`` stated in the settings (or ``--log-base``) is the one reading of a bare
``\\log``: with ``log-base = 2`` a bare log is log₂ in the whole document, and a number right
only in natural log is DT103 naming where the base was stated; ``\\ln`` and a written base
(``\\log_{10}``) stay what they say, and identities that hold in any base stay ok. With no
setting, derivetex's guess from the document ("1 bit") is unchanged."""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.cli import main
from derivetex.verify.audit import audit_text

PYPROJECT = '[project]\nname = "blog"\n\n[tool.derivetex]\nlog-base = 2\n'

QIITA = """---
title: コインのエントロピーをビットで計算する
tags: 情報理論 Python
---

# コインのエントロピー

表と裏が等しく出るコインのエントロピーは 1 ビットです。

$$
H = -\\frac{1}{2} \\log \\frac{1}{2} - \\frac{1}{2} \\log \\frac{1}{2} = 1
$$

表が出る確率を 1/4 にすると

$$
-\\log 0.25 = 2
$$

自然対数で書くと次の通りです。

$$
-\\ln 0.5 = 0.693
$$

なお、つぎの値は間違いです。

$$
-\\log 0.5 = 0.693
$$
"""
"""A Qiita post in bits: its one slip (line 29) is right in nats, so only the setting finds it."""

HOMEWORK = """\\documentclass{article}
\\begin{document}
\\section*{Homework 3}
Problem 1.
\\[ \\log 8 = 3 \\]
Problem 2.
\\[ \\log_{10} 1000 = 3 \\]
Problem 3.
\\[ \\log 8 = 3 \\log 2 \\]
Problem 4.
\\[ \\ln 8 = 2.079 \\]
\\end{document}
"""
"""A homework in bits that never says so: \\log 8 = 3 is right only with the setting."""

README = """# tinyinfo

A tiny library of information measures.

$$ \\log_{10} 100 = 2 $$

$$ \\log 16 = 4 \\log 2 $$

$$ \\log 4 = 1.386 $$

$$ \\ln 4 = 1.386 $$
"""
"""A README whose bare \\log is natural: with log-base = 2 beside it, line 9 is DT103."""


def _verify(*args: str, cwd: Path) -> tuple[int, list[dict[str, Any]]]:
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["verify", "--json", *args])
    finally:
        os.chdir(previous)
    assert code in (0, 1), err.getvalue()
    return code, json.loads(out.getvalue())["files"][0]["findings"]


def _verdicts(findings: list[dict[str, Any]]) -> dict[int, tuple[str, str | None]]:
    return {f["line"]: (f["status"], f.get("code")) for f in findings}


def _post(tmp_path: Path, name: str, text: str, configured: bool) -> Path:
    folder = tmp_path / ("configured" if configured else "plain")
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    if configured:
        (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (folder / name).write_text(text, encoding="utf-8")
    return folder


OK = ("ok", None)
DT103 = ("error", "DT103")
CASES = {
    "qiita": ("posts/entropy.md", QIITA,
              {11: OK, 17: OK, 23: OK, 29: OK},  # no setting: "1 ビット" is the bits guess
              {11: OK, 17: OK, 23: OK, 29: DT103}),
    "homework": ("hw/hw3.tex", HOMEWORK,
                 {5: DT103, 7: OK, 9: OK, 11: OK},
                 {5: OK, 7: OK, 9: OK, 11: OK}),
    "readme": ("README.md", README,
               {5: OK, 7: OK, 9: OK, 11: OK},
               {5: OK, 7: OK, 9: DT103, 11: OK}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_document_without_and_with_log_base_2_beside_it(tmp_path: Path, case: str) -> None:
    name, text, plain, configured = CASES[case]
    for setting, expected in ((False, plain), (True, configured)):
        folder = _post(tmp_path, name, text, setting)
        code, found = _verify(name, cwd=folder)
        assert _verdicts(found) == expected, (setting, found)
        assert code == (1 if "error" in {status for status, _ in expected.values()} else 0)


def test_the_dt103_message_names_the_base_and_where_it_was_stated(tmp_path: Path) -> None:
    folder = _post(tmp_path, "README.md", README, True)
    _, found = _verify("README.md", cwd=folder)
    (error,) = [f for f in found if f["status"] == "error"]
    assert error["message"].startswith("log-base = 2 in pyproject.toml: ")
    assert "log₂" in error["message"] and "is 2, not 1.386" in error["message"]
    assert "natural log gives 1.386" in error["message"]
    _, found = _verify("--log-base", "2", "--isolated", "README.md", cwd=folder)
    (error,) = [f for f in found if f["status"] == "error"]
    assert error["message"].startswith("--log-base 2: ") and error["code"] == "DT103"


def test_ln_and_a_written_base_stay_what_they_say_under_log_base_2() -> None:
    text = "$$ -\\ln 0.5 = 0.693 $$\n\n$$ \\log_{10} 1000 = 3 $$\n\n$$ \\log_2 8 = 3 $$\n"
    wrong = "$$ -\\ln 0.5 = 1 $$\n\n$$ \\log_{10} 1000 = 9.966 $$\n"  # 9.966 is log₂ 1000
    assert [f.status for f in audit_text(text, "md", log_base="2").findings] == ["ok"] * 3
    assert [f.status for f in audit_text(wrong, "md", log_base="2").findings] == ["error"] * 2


def test_base_independent_identities_are_unchanged_by_the_setting() -> None:
    text = ("$$ \\log 8 = 3 \\log 2 $$\n\n$$ \\log(ab) = \\log a + \\log b $$\n\n"
            "$$ \\frac{\\log 9}{\\log 3} = 2 $$\n\n$$ \\log \\frac{x}{y} = \\log x - \\log y $$\n")
    for base in (None, "e", "2"):
        assert [f.status for f in audit_text(text, "md", log_base=base).findings] == ["ok"] * 4


def test_log_base_e_turns_the_bits_guess_off() -> None:
    text = "The answer is 1 bit.\n\n$$ -\\log 0.5 = 1 $$\n"
    assert [f.status for f in audit_text(text, "md").findings] == ["ok"]
    assert [f.status for f in audit_text(text, "md", log_base="e").findings] == ["error"]
    assert [f.status for f in audit_text(text, "md", log_base="2").findings] == ["ok"]


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_a_value_in_bits_is_right_in_base_2_and_wrong_in_base_e(thousandths: int) -> None:
    p = thousandths / 1000
    bits, nats = -math.log2(p), -math.log(p)
    if abs(bits - nats) < 0.01:  # p = 1 rounds both to 0: the bases cannot be told apart
        return
    for value, right, wrong in ((bits, "2", "e"), (nats, "e", "2")):
        text = f"$$ -\\log {p} = {value:.4f} $$\n"
        assert [f.status for f in audit_text(text, "md", log_base=right).findings] == ["ok"]
        (found,) = audit_text(text, "md", log_base=wrong).findings
        assert (found.status, found.code) == ("error", "DT103"), (text, found)


def test_the_language_server_reads_the_setting_as_verify_does() -> None:
    from derivetex.lsp.adapter import SectionAuditor

    stated = "log-base = 2 in pyproject.toml"
    for text in (QIITA, README):
        served = SectionAuditor().audit(text, "md", "post.md", None, "2", stated)
        assert served == audit_text(text, "md", "post.md", log_base="2", log_base_from=stated)
    (error,) = [f for f in served.findings if f.status == "error"]
    assert error.message.startswith(stated)


def test_an_identity_true_only_in_natural_log_is_dt103_naming_the_setting(tmp_path: Path) -> None:
    text = ("# bits\n\n$$ \\frac{d}{dx} \\log x = \\frac{1}{x} $$\n\n"
            "$$ \\frac{d}{dx} \\log x = \\frac{1}{x \\ln 2} $$\n\n"
            "$$ \\frac{d}{dx} \\log x = \\frac{2}{x} $$\n")
    folder = _post(tmp_path, "post.md", text, True)
    _, found = _verify("post.md", cwd=folder)
    assert _verdicts(found) == {3: DT103, 5: OK, 7: ("error", "DT106")}
    (natural,) = [f for f in found if f["line"] == 3]
    assert "holds with natural logarithms" in natural["message"]
    assert "log-base = 2 in pyproject.toml" in natural["message"]
    _, plain = _verify("post.md", cwd=_post(tmp_path, "post.md", text, False))
    assert _verdicts(plain)[3] == OK and _verdicts(plain)[5][0] == "error"

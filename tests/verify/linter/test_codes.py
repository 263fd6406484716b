"""Finding codes: one per kind of diagnosis, in every format, listed by --codes and the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from derivetex.verify.codes import CODES, DERIVATIVE, IDENTITY, NOTICES, NUMBER, REASONS, code_for

from .helpers import findings, verify, write

README = Path(__file__).resolve().parents[3] / "README.md"


@pytest.mark.parametrize(("diagnosis", "subject", "code"), [
    ("rounding: to 2 decimals the value is 0.69", NUMBER, "DT101"),
    (None, NUMBER, "DT101"),
    ("sign flipped: the right-hand side is the negative of the left-hand side", IDENTITY, "DT102"),
    ("sign of one term flipped: x should be -x", DERIVATIVE, "DT102"),
    ("log base: one side uses base-2 logarithms, the other natural ones", IDENTITY, "DT103"),
    ("base-10 logarithms used and the sign flipped (that gives -0.48)", NUMBER, "DT103"),
    ("natural logarithms used where another base is written", NUMBER, "DT103"),
    ("term dropped: c is missing on the right-hand side", IDENTITY, "DT104"),
    ("term counted twice: x", NUMBER, "DT104"),
    ("factor: the left-hand side is 3 times the right-hand side", DERIVATIVE, "DT105"),
    (None, DERIVATIVE, "DT106"),
    ("misapplied log rule (log_of_sum): ...", IDENTITY, "DT107"),
    (None, IDENTITY, "DT199"),
    ("a cause no code names", IDENTITY, "DT199"),
], ids=lambda value: str(value)[:24])
def test_code_for_maps_the_kind_of_diagnosis(
    diagnosis: str | None, subject: str, code: str
) -> None:
    assert code_for(diagnosis, subject) == code


POST = """# 対数損失

$$
E = -\\log 0.5 = -0.693147
$$

微分は $\\frac{d}{dx} x^3 = x^2$ です。

そして $\\log(a + b) = \\log a + \\log b$ が成り立つ。
"""
HOMEWORK = """\\section{Homework 2}
\\begin{align}
\\log_2 8 &= 2.079442 \\\\
2 \\cdot 3 &= 7
\\end{align}
"""
README_DOC = """# notes

The loss drops a term: $\\log(ab) + c = \\log a + \\log b$, and the derivative
$\\frac{d}{dx} \\sin x = \\cos 2x$; fine: $x^2 + 2x + 1 = (x + 1)^2$.
"""


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("post.md", POST, {4: "DT102", 7: "DT105", 9: "DT107"}),
    ("homework.tex", HOMEWORK, {3: "DT103", 4: "DT101"}),
    ("README.md", README_DOC, {3: "DT104", 4: "DT106"}),
])
def test_every_error_carries_the_code_of_its_kind(
    tmp_path: Path, name: str, text: str, expected: dict[int, str]
) -> None:
    path = write(tmp_path, name, text)
    code, files = findings("--isolated", str(path))
    assert code == 1
    errors = {f["line"]: f["code"] for f in files[0]["findings"] if f["status"] == "error"}
    assert errors == expected
    for f in files[0]["findings"]:
        if f["status"] == "ok":
            assert f["code"] is None
        if f["status"] == "unchecked":
            assert f["code"] == f["reason"] in REASONS


def test_text_and_github_show_the_code(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", POST)
    _, text, _ = verify("--isolated", str(path))
    assert f"{path}:4: error: DT102: " in text
    _, github, _ = verify("--isolated", "--format", "github", str(path))
    assert re.search(r"^::error file=.*,line=9,title=derivetex verify::DT107: ", github, re.M)


def test_codes_lists_every_code_and_reason() -> None:
    code, out, _ = verify("--codes")
    assert code == 0
    for entry in (*CODES, *NOTICES):
        assert re.search(rf"^  {entry.code}  {entry.name} +{re.escape(entry.meaning)}$", out, re.M)
    for reason in REASONS:
        assert re.search(rf"^  {re.escape(reason)} ", out, re.M)


def test_the_readme_lists_every_code_with_its_meaning() -> None:
    text = README.read_text(encoding="utf-8")
    for entry in (*CODES, *NOTICES):
        assert f"| `{entry.code}` | {entry.meaning} |" in text, entry.code

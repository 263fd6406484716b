"""``--format sarif``: a SARIF 2.1.0 log that the OASIS schema accepts, one run, the codes as
rules, a result per finding with its file, line and message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from derivetex.verify.codes import BY_CODE

from .helpers import verify, write

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json").read_text("utf-8")
)
POST = """# Cross-entropy

<!-- derivetex: ignore -->
$-\\log 0.5 = -0.693147$

$3 \\cdot 4 = 13$, $\\log_2 8 = 3$ and $\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1$.
"""
HOMEWORK = "\\begin{align}\n\\log_2 8 &= 2.079442 % derivetex: ignore DT101\n\\end{align}\n"


def sarif(*paths: Path, cwd: Path) -> tuple[int, dict[str, Any]]:
    code, out, err = verify("--isolated", "--format", "sarif", *map(str, paths), cwd=cwd)
    assert code in (0, 1), err
    log = json.loads(out)
    jsonschema.validate(log, SCHEMA)
    return code, log


def test_the_log_is_valid_sarif_with_rules_from_the_codes(tmp_path: Path) -> None:
    write(tmp_path, "posts/cross entropy.md", POST)
    write(tmp_path, "hw/sheet.tex", HOMEWORK)
    code, log = sarif(Path("posts/cross entropy.md"), Path("hw/sheet.tex"), cwd=tmp_path)
    assert code == 1 and log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for rule in rules:
        if rule["id"] in BY_CODE:
            assert rule["shortDescription"]["text"] == BY_CODE[rule["id"]].meaning
    failing = [r for r in run["results"] if r["kind"] == "fail"]
    where = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]
              ["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
              "suppressions" in r) for r in failing]
    assert where == [
        ("DT102", "error", "posts/cross%20entropy.md", 4, True),
        ("DT101", "error", "posts/cross%20entropy.md", 6, False),
        # the ignore names DT101, the error is DT103: it stays, and the comment is unused
        ("DT103", "error", "hw/sheet.tex", 2, False),
        ("DT001", "warning", "hw/sheet.tex", 2, False),
    ]
    ids = [rule["id"] for rule in rules]
    for result in run["results"]:
        if "ruleId" in result:
            assert result["ruleIndex"] == ids.index(result["ruleId"])
        else:
            assert result["kind"] == "pass"
        assert result["message"]["text"]
    assert {r["kind"] for r in run["results"]} >= {"pass", "fail"}


def test_ok_and_unchecked_links_are_results_at_level_none(tmp_path: Path) -> None:
    write(tmp_path, "post.md", POST)
    _, log = sarif(Path("post.md"), cwd=tmp_path)
    others = [r for r in log["runs"][0]["results"] if r["kind"] != "fail"]
    assert others and all(r["level"] == "none" for r in others)
    assert {r["kind"] for r in others} <= {"pass", "review"}


def test_an_absolute_path_is_a_file_uri(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", POST)
    _, log = sarif(path, cwd=tmp_path)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris == {path.as_uri()}

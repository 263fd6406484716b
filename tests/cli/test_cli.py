"""The command line as outside tools drive it: exit codes, one-line errors, no partial files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE_FILES = {"multiclass.ja.md", "multiclass.ja.tex", "multiclass.ja.json"}


def run(*args: str, cwd: Path, seed: str = "0") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "derivetex", *args], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=300,
    )


def test_no_options_writes_the_article_example_to_output(tmp_path: Path) -> None:
    result = run("derive", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (tmp_path / "output").iterdir()} == ARTICLE_FILES
    md = (tmp_path / "output" / "multiclass.ja.md").read_text(encoding="utf-8")
    assert "= 1.108663" in md and "イヌ" in md


def test_json_contract(tmp_path: Path) -> None:
    result = run("derive", "multiclass", "--format", "json", "-o", "-", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["derivation"] == "multiclass" and data["K"] == 3
    assert set(data["values"]) >= {"L", "E"}
    rules = [s["rule"] for s in data["steps"]]
    assert "log_product" in rules and "log_power" in rules
    for step in data["steps"]:
        assert {"rule", "latex", "verified", "checks"} <= set(step)
        assert step["verified"] is True and step["checks"]
    symbolic = json.loads(run("derive", "--K", "K", "--format", "json", "-o", "-",
                              cwd=tmp_path).stdout)
    assert symbolic["K"] == "K" and "values" not in symbolic


def test_stdout_output_is_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = {run("derive", "--format", fmt, "-o", "-", cwd=tmp_path, seed=seed).stdout
               for fmt in ("json",) for seed in ("1", "2", "3")}
    assert len(outputs) == 1
    md = {run("derive", "--lang", "en", "--format", "md", "-o", "-", cwd=tmp_path,
              seed=seed).stdout for seed in ("4", "5")}
    assert len(md) == 1


def test_verify_report_is_byte_identical_across_processes(tmp_path: Path) -> None:
    """Names read in one message (two functions written bare) come in a fixed order."""
    document = tmp_path / "bare.md"
    document.write_text(
        "$$ f(x) = x^2 $$\n\n$$ g(x) = 3 x $$\n\n$$ \\frac{d (f + g)}{d x} = 2 x + 3 $$\n",
        encoding="utf-8",
    )
    reports = {run("verify", "-v", str(document), cwd=tmp_path, seed=seed).stdout
               for seed in ("1", "2", "3", "4", "5", "6")}
    assert len(reports) == 1
    assert "(reading $f$ as $f(x)$, $g$ as $g(x)$)" in reports.pop()


@pytest.mark.parametrize(("args", "message"), [
    (["--y", "0.5", "0.5", "--t", "1", "0", "0"], "--y has 2 values but --t has 3"),
    (["--K", "4", "--y", "0.5", "0.5", "--t", "1", "0"], "class counts disagree"),
    (["--K", "-3"], "positive integer"),
    (["--K", "three"], "positive integer"),
    (["--y", "1.5", "-0.5", "--t", "1", "0"], "outside [0, 1]"),
    (["--y", "0.3", "0.3", "--t", "1", "0"], "sum to 1"),
    (["--y", "0.5", "0.5", "--t", "-1", "1"], "negative"),
    (["--y", "0", "1", "--t", "1", "0"], "infinite"),
    (["--log-base", "3"], "unknown log base"),
    (["--lang", "de"], "unknown language"),
    (["--format", "docx"], "unknown format"),
    (["--format", "md", "tex", "-o", "-"], "exactly one --format"),
    (["--chapter", "x"], "invalid int value"),
    (["--bogus"], "unrecognized arguments"),
])
def test_bad_input_is_one_line_exit_2_and_no_files(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = run("derive", *args, "-o", "out", cwd=tmp_path) if "-o" not in args else run(
        "derive", *args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "output").exists()
    assert result.stdout == ""


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("derive", "-o", str(blocker / "sub"), cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


INJECTIONS = [r"\input{/etc/passwd}", "((( 7*7 )))", "{{ 7*7 }}", "$x$", "</td><script>x</script>",
              "a|b"]


def test_user_labels_cannot_inject(tmp_path: Path) -> None:
    args = ["derive", "--labels", *INJECTIONS, "--y", *(["0.1"] * 5), "0.5",
            "--t", "1", "0", "0", "0", "0", "0"]
    tex = run(*args, "--format", "tex", "-o", "-", cwd=tmp_path).stdout
    md = run(*args, "--format", "md", "-o", "-", cwd=tmp_path).stdout
    assert r"\input{" not in tex and r"\textbackslash{}input\{/etc/passwd\}" in tex
    assert "49" not in md.split("|---|")[1].split("\n\n")[0]
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert r"<span>\$</span>x<span>\$</span>" in md and r"a\|b" in md


def test_verify_subcommand_is_wired(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("$$\nE = - \\log 0.5 = 0.693147\n$$\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("$$\nE = - \\log 0.5 = -0.693147\n$$\n", encoding="utf-8")
    assert run("verify", str(good), cwd=tmp_path).returncode == 0
    assert run("verify", str(bad), cwd=tmp_path).returncode == 1
    missing = run("verify", str(tmp_path / "nope.md"), cwd=tmp_path)
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1


def test_verify_report_formats_and_the_json_alias(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("text\n\n$$\nE = - \\log 0.5 = -0.693147\n$$\n", encoding="utf-8")
    as_json = run("verify", str(bad), "--format", "json", cwd=tmp_path)
    assert as_json.returncode == 1
    assert run("verify", str(bad), "--json", cwd=tmp_path).stdout == as_json.stdout
    github = run("verify", "--format", "github", str(bad), cwd=tmp_path)
    assert github.returncode == 1
    assert github.stdout.splitlines()[0].startswith(f"::error file={bad},line=4,title=")
    text = run("verify", str(bad), cwd=tmp_path)
    assert f"{bad}:4: error: " in text.stdout and "::" not in text.stdout
    unknown = run("verify", str(bad), "--format", "xml", cwd=tmp_path)
    assert unknown.returncode == 2 and "invalid choice: 'xml'" in unknown.stderr


def test_render_subcommand_exit_codes(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("Text.\n\n```derivetex\n--K 2 --lang en\n```\n", encoding="utf-8")
    stale = run("render", "--check", "post.md", cwd=tmp_path)
    assert stale.returncode == 1 and stale.stdout.startswith("post.md:3: missing: ")
    done = run("render", "post.md", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == "wrote post.md\n"
    assert run("render", "--check", "post.md", cwd=tmp_path).returncode == 0
    post.write_text(post.read_text(encoding="utf-8") + "\n```derivetex\nspec: a.toml\n```\n",
                    encoding="utf-8")
    before = post.read_bytes()
    refused = run("render", "post.md", cwd=tmp_path)
    assert refused.returncode == 2 and post.read_bytes() == before
    assert refused.stderr.count("\n") == 1 and "post.md:" in refused.stderr
    assert "a.toml: cannot read the spec" in refused.stderr
    unknown = run("render", "post.md", "--flavor", "zenn", cwd=tmp_path)
    assert unknown.returncode == 2 and "invalid choice: 'zenn'" in unknown.stderr


def test_derive_flavor_option(tmp_path: Path) -> None:
    qiita = run("derive", "--flavor", "qiita", "--format", "md", "-o", "-", cwd=tmp_path)
    assert qiita.returncode == 0 and "```math\n" in qiita.stdout and "\n$$\n" not in qiita.stdout

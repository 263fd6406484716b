"""``run_verify``: exit codes, the text and JSON reports, unreadable input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from verify_docs import DOCS, document

from derivetex.errors import InputError
from derivetex.verify.command import Options, run_verify
from derivetex.verify.report import ERROR, FileReport, Finding, as_github


def run(
    paths: list[str], as_json: bool = False, report: str = "text", verbose: bool = False
) -> tuple[int, str]:
    out = io.StringIO()
    code = run_verify(paths, "json" if as_json else report, out,
                      options=Options(verbose=verbose))
    return code, out.getvalue()


def test_clean_document_exits_zero_with_text_report() -> None:
    code, text = run([str(DOCS / "own-output-ja.md")], verbose=True)
    assert code == 0
    first = text.splitlines()[0]
    assert first.endswith(
        "own-output-ja.md:6: ok: "
        "L = y_{1}^{t_{1}} \\cdot y_{2}^{t_{2}} \\cdot y_{3}^{t_{3}}: defines L"
    )
    assert text.splitlines()[-1].endswith("own-output-ja.md: 14 links: 14 ok, 0 error, 0 unchecked")


def test_errors_exit_one_and_json_has_the_contract_shape() -> None:
    code, text = run([str(DOCS / "correct.tex"), str(document("seed-article.md"))], as_json=True)
    assert code == 1
    data = json.loads(text)
    assert [Path(f["path"]).name for f in data["files"]] == ["correct.tex", "seed-article.md"]
    finding = data["files"][1]["findings"][-1]
    assert set(finding) == {
        "line", "status", "latex", "message", "diagnosis", "reason", "code", "suppressed",
        "readings",
    }
    assert data["files"][1]["summary"] == {"ok": 16, "error": 2, "unchecked": 0, "ignored": 0}
    assert finding["code"] == "DT103" and finding["suppressed"] is False  # base-10 logs
    assert finding["line"] == 126 and finding["status"] == "error"
    assert finding["latex"].endswith("= -0.481486")
    assert data["files"][0]["findings"][0]["diagnosis"] is None


def test_report_is_byte_identical_across_runs() -> None:
    assert run([str(document("seed-article.md"))], True) == run(
        [str(document("seed-article.md"))], True
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [("missing.md", "cannot read"), ("notes.txt", "unsupported extension")],
)
def test_bad_files_raise_input_error_before_any_output(
    tmp_path: Path, name: str, reason: str
) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(InputError, match=reason):
        run_verify([str(DOCS / "correct.tex"), str(tmp_path / name)], "text", out)
    assert out.getvalue() == ""


def test_undecodable_file_is_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(b"\xff\xfe$x$")
    with pytest.raises(InputError, match="cannot read"):
        run([str(path)])


def test_github_format_annotates_each_error_on_its_line() -> None:
    code, text = run([str(DOCS / "correct.tex"), str(document("seed-article.md"))],
                     report="github")
    assert code == 1
    commands = [line for line in text.splitlines() if line.startswith("::")]
    _, json_text = run([str(document("seed-article.md"))], as_json=True)
    errors = [f for f in json.loads(json_text)["files"][0]["findings"] if f["status"] == "error"]
    assert len(commands) == len(errors) == 2
    path = str(document("seed-article.md"))
    for command, finding in zip(commands, errors, strict=True):
        assert command.startswith(
            f"::error file={path},line={finding['line']},title=derivetex verify::"
        )
        assert command.endswith(finding["message"])
    assert text.splitlines()[-1].endswith("seed-article.md: 18 links: 16 ok, 2 error, 0 unchecked")


def test_github_format_escapes_what_would_end_a_command_early() -> None:
    report = FileReport("posts/a,b:c.md", (Finding(3, ERROR, "x = 1", "50% off\nnext"),))
    (command, _) = as_github([report]).splitlines()
    assert command == (
        "::error file=posts/a%2Cb%3Ac.md,line=3,title=derivetex verify::x = 1: 50%25 off%0Anext"
    )


def test_a_clean_document_gives_no_annotation() -> None:
    code, text = run([str(DOCS / "own-output-ja.md")], report="github")
    assert code == 0 and "::" not in text

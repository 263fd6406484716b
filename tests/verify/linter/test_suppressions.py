"""``derivetex: ignore`` / ``off`` / ``on`` comments: counted, kept in JSON, never failing the
run, and reported when they suppress nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivetex.verify.report import ERROR, OK, UNCHECKED, FileReport, Finding
from derivetex.verify.suppressions import directives, suppress

from .helpers import findings, verify, write

BLOG = """# Entropy in bits

A false alarm we accept:

<!-- derivetex: ignore -->
$$
H = -\\log 0.5 = 0.5
$$

And a real slip: $3 \\cdot 4 = 13$.
"""


def test_an_ignore_before_a_display_block_silences_its_row(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", BLOG)
    code, out, _ = verify("--isolated", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:10: error: DT101: 3 \\cdot 4 = 13: claims 13, but derivetex computes "
        "12.000000 ($12 = 12.000000$)",
        f"{path}: 3 links: 1 ok, 1 error, 0 unchecked, 1 ignored",
    ]
    _, files = findings("--isolated", str(path))
    silenced = [f for f in files[0]["findings"] if f["suppressed"]]
    assert [(f["line"], f["status"], f["code"]) for f in silenced] == [(7, "error", "DT101")]
    assert files[0]["summary"] == {"ok": 1, "error": 1, "unchecked": 0, "ignored": 1}


def test_only_suppressed_errors_exit_zero_and_show_with_verbose(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", BLOG.replace("13$", "13$ <!-- derivetex: ignore DT101 -->"))
    code, out, _ = verify("--isolated", str(path))
    assert code == 0
    assert out == f"{path}: 3 links: 1 ok, 0 error, 0 unchecked, 2 ignored\n"
    _, loud, _ = verify("--isolated", "-v", str(path))
    assert f"{path}:10: ignored: DT101: 3 \\cdot 4 = 13: " in loud


def test_an_ignore_naming_another_code_silences_nothing_and_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", BLOG.replace("ignore -->", "ignore DT103 -->"))
    code, out, _ = verify("--isolated", str(path))
    assert code == 1
    assert f"{path}:5: warning: DT001: derivetex: ignore DT103 suppresses nothing" in out
    assert f"{path}:7: error: DT101: " in out


def test_an_ignore_two_rows_above_does_not_reach(tmp_path: Path) -> None:
    text = "<!-- derivetex: ignore -->\n\nSome prose.\n\n$3 \\cdot 4 = 13$\n"
    path = write(tmp_path, "README.md", text)
    code, out, _ = verify("--isolated", str(path))
    assert code == 1
    assert f"{path}:1: warning: DT001: " in out and f"{path}:5: error: DT101: " in out


HOMEWORK = """\\section{Problem 1}
% derivetex: off
\\begin{align}
\\log_2 8 &= 2.079442 \\\\
2^{10} &= 1000
\\end{align}
% derivetex: on
\\begin{align}
3 \\cdot 4 &= 13 % derivetex: ignore
\\end{align}
$5 + 5 = 11$
"""


def test_latex_regions_and_row_comments(tmp_path: Path) -> None:
    path = write(tmp_path, "hw.tex", HOMEWORK)
    code, files = findings("--isolated", str(path))
    errors = [(f["line"], f["suppressed"]) for f in files[0]["findings"] if f["status"] == ERROR]
    assert errors == [(4, True), (5, True), (9, True), (11, False)]
    assert code == 1 and files[0]["warnings"] == []


def test_a_region_that_is_never_closed_runs_to_the_end(tmp_path: Path) -> None:
    path = write(tmp_path, "hw.tex", HOMEWORK.replace("% derivetex: on\n", ""))
    code, files = findings("--isolated", str(path))
    assert code == 0 and files[0]["summary"]["ignored"] == 4


def test_an_unknown_code_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", "$1 + 1 = 2$ <!-- derivetex: ignore DT999 -->\n")
    code, files = findings("--isolated", str(path))
    assert code == 0
    assert [(w["line"], w["code"]) for w in files[0]["warnings"]] == [(1, "DT002")]


def test_github_annotates_unused_comments_as_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", "$1 + 1 = 2$ <!-- derivetex: ignore -->\n")
    code, out, _ = verify("--isolated", "--format", "github", str(path))
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith(f"::warning file={path},line=1,title=derivetex verify::DT001: ")


def _report(*lines: tuple[int, str, str | None]) -> FileReport:
    return FileReport("x", tuple(Finding(n, s, "a = b", "m", code=c) for n, s, c in lines))


@pytest.mark.parametrize(("text", "styles", "suppressed"), [
    (".. derivetex: ignore\n\n.. math::\n\n   a = b\n", ("rst",), [True]),
    ("{/* derivetex: ignore */}\n$$\na = b\n$$\n", ("jsx",), [True]),
    ("\\% derivetex: ignore\na = b\n", ("percent",), [False]),   # an escaped %: no comment
    ("<!-- derivetex: ignore -->\na = b\n", ("percent",), [False]),  # not this type's style
])
def test_each_comment_style(text: str, styles: tuple[str, ...], suppressed: list[bool]) -> None:
    line = len(text.rstrip("\n").split("\n")) - (1 if text.endswith("$$\n") else 0)
    done = suppress(_report((line, ERROR, "DT199")), text, styles)
    assert [f.suppressed for f in done.findings] == suppressed


def test_a_bare_ignore_leaves_ok_and_unchecked_alone_but_codes_reach_reasons() -> None:
    report = _report((2, OK, None), (2, UNCHECKED, "opaque"))
    bare = suppress(report, "<!-- derivetex: ignore -->\na = b\n", ("html",))
    assert [f.suppressed for f in bare.findings] == [False, False]
    assert [n.code for n in bare.notices] == ["DT001"]
    named = suppress(report, "<!-- derivetex: ignore opaque -->\na = b\n", ("html",))
    assert [f.suppressed for f in named.findings] == [False, True] and named.notices == ()


def test_directives_cover_the_lines_they_say() -> None:
    text = ("a\n<!-- derivetex: off DT1 -->\nb\nc\n<!-- derivetex: on -->\n"
            "d = e <!-- derivetex: ignore -->\n")
    assert [(d.verb, d.codes, d.first, d.last) for d in directives(text, ("html",))] == [
        ("off", ("DT1",), 2, 5), ("ignore", (), 6, 6),
    ]

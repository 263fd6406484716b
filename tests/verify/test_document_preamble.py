"""``derivetex verify --preamble FILE``: a course's macros read from a .sty/.tex file the
documents use without defining; a preamble that cannot be read is one line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from verify_docs import DOCS

from derivetex.cli import main
from derivetex.errors import InputError
from derivetex.verify import audit_text
from derivetex.verify.document import load_preamble

FORMATS = DOCS / "formats"
HOMEWORK = str(FORMATS / "homework.tex")
COURSE = str(FORMATS / "course.sty")


def test_without_the_preamble_the_course_macros_are_unread(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["verify", HOMEWORK]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].endswith("4 links: 0 ok, 0 error, 4 unchecked")


def test_with_the_preamble_the_homework_is_checked(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["verify", "-v", "--preamble", COURSE, HOMEWORK]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[1] for line in out[:-1]] == ["ok", "ok", "error", "error"]
    assert out[-1].endswith("4 links: 2 ok, 2 error, 0 unchecked")


def test_every_kind_of_definition_is_read() -> None:
    macros = load_preamble([COURSE])
    assert {"\\half", "\\sq", "\\dif", "\\sigm", "\\vec"} <= set(macros)
    assert macros["\\sq"].arguments == 1
    assert macros["\\sigm"].body == "\\operatorname{sigmoid}"


def test_the_preamble_serves_markdown_and_the_document_wins(tmp_path: Path) -> None:
    post = "A post: $\\half \\cdot 4 = 2$ and, redefined here, $\\newcommand{\\half}{3}\\half = 3$"
    report = audit_text(post.split(" and")[0], "md", preamble=load_preamble([COURSE]))
    assert [f.status for f in report.findings] == ["ok"]
    report = audit_text(post, "md", preamble=load_preamble([COURSE]))
    assert [f.status for f in report.findings] == ["error", "ok"]  # the post's own \half: 3


def test_preambles_repeat_and_the_later_wins(tmp_path: Path) -> None:
    later = tmp_path / "later.tex"
    later.write_text("\\renewcommand{\\half}{0.5}\n", encoding="utf-8")
    macros = load_preamble([COURSE, str(later)])
    assert macros["\\half"].body == "0.5" and "\\sq" in macros


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.sty", None, "No such file"),
        ("notes.md", "\\newcommand{\\a}{1}", "expected a .tex, .sty or .cls"),
        ("open.sty", "%\n\\newcommand{\\a}{\\frac{1}{2}\n", "definition on line 2 is not closed"),
        ("empty.sty", "\\ProvidesPackage{empty}\n", r"no \\newcommand"),
        ("latin1.tex", b"\\newcommand{\\a}{\xe9}", "not UTF-8"),
        ("folder.sty", "dir", "not a regular file"),
    ],
)
def test_a_preamble_that_cannot_be_read_is_one_line(  # type: ignore[no-untyped-def]
    tmp_path: Path, capsys, name: str, content: str | bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_preamble([str(path)])
    assert main(["verify", "--preamble", str(path), HOMEWORK]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert name in captured.err and "preamble" in captured.err

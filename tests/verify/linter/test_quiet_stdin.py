"""Quiet text by default, -v for every link; standard input with --stdin-filename."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import verify, write

POST = """# Softmax

$$
\\sigma(x) = \\frac{1}{1 + e^{-x}}
$$

For p = 0.5: $-\\log 0.5 = 0.693147$ and $2^{10} = 1000$.
"""
HOMEWORK = "\\begin{align}\n(a + b)^2 &= a^2 + 2ab + b^2 \\\\\n3 \\cdot 4 &= 13\n\\end{align}\n"


def test_text_lists_only_errors_and_the_summary(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", POST)
    code, out, _ = verify("--isolated", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:7: error: DT101: 2^{{10}} = 1000: claims 1000, but derivetex computes "
        "1024.000000 ($1024 = 1024.000000$)",
        f"{path}: 3 links: 2 ok, 1 error, 0 unchecked",
    ]


def test_verbose_adds_the_ok_lines_as_before(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", POST)
    _, quiet, _ = verify("--isolated", str(path))
    _, loud, _ = verify("--isolated", "-v", str(path))
    assert f"{path}:7: ok: -\\log 0.5 = 0.693147: " in loud
    assert ": ok: " not in quiet
    assert set(quiet.splitlines()) < set(loud.splitlines())


def test_a_clean_document_prints_its_summary_only(tmp_path: Path) -> None:
    path = write(tmp_path, "clean.md", POST.replace("1000", "1024"))
    code, out, _ = verify("--isolated", str(path))
    assert code == 0 and out == f"{path}: 3 links: 3 ok, 0 error, 0 unchecked\n"


def test_json_keeps_every_finding_without_verbose(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", POST)
    _, out, _ = verify("--isolated", "--json", str(path))
    statuses = [f["status"] for f in json.loads(out)["files"][0]["findings"]]
    assert statuses == ["ok", "ok", "error"]


def test_stdin_is_read_as_markdown_and_named_dash(tmp_path: Path) -> None:
    code, out, _ = verify("--isolated", "-", stdin=POST.encode())
    assert code == 1
    assert out.splitlines()[0].startswith("-:7: error: DT101: ")


def test_stdin_filename_gives_the_type_and_the_name(tmp_path: Path) -> None:
    code, out, _ = verify("--isolated", "-", "--stdin-filename", "hw/sheet2.tex",
                          stdin=HOMEWORK.encode())
    assert code == 1
    assert out.splitlines() == [
        "hw/sheet2.tex:3: error: DT101: 3 \\cdot 4 = 13: claims 13, but derivetex computes "
        "12.000000 ($12 = 12.000000$)",
        "hw/sheet2.tex: 2 links: 1 ok, 1 error, 0 unchecked",
    ]


def test_stdin_filename_of_an_unread_type_is_refused(tmp_path: Path) -> None:
    code, out, err = verify("--isolated", "-", "--stdin-filename", "notes.txt", stdin=b"x")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "unsupported extension" in err


def test_stdin_filename_without_dash_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", POST)
    code, _, err = verify("--stdin-filename", "a.md", str(path))
    assert code == 2 and "give - among the files" in err


def test_stdin_that_is_not_utf8_is_refused() -> None:
    code, out, err = verify("--isolated", "-", stdin=b"\xff\xfe$x$")
    assert code == 2 and out == "" and "not UTF-8" in err

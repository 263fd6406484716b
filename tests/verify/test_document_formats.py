"""The writer's file types: Jupyter notebooks (read with nbformat), Quarto, R Markdown, MDX and
reStructuredText pages -- documents of our own with planted mistakes, and the code in them
left alone."""

from __future__ import annotations

import io
import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from verify_docs import DOCS

from derivetex.cli import main
from derivetex.errors import InputError
from derivetex.verify.command import Options, kind_of, run_verify

FORMATS = DOCS / "formats"


def notebook(path: Path) -> Path:
    """A notebook of our own: the derivation in markdown cells, code cells between them (one
    with a comment that looks like a wrong claim), a planted mistake in cell 4."""
    cells = [
        new_markdown_cell("# Binary cross-entropy\n\nFor a label $y = 1$ and $p = 0.9$:"),
        new_code_cell("import math\n# 1 + 1 = 3\nloss = -math.log(0.9)  # $-\\log 0.9 = 5$"),
        new_markdown_cell("$$\n-\\log 0.9 = 0.1054\n$$"),
        new_markdown_cell("With $p = 0.6$ instead,\n\n$$\n-\\log 0.6 = 0.9108\n$$"),
        new_markdown_cell("In plain words: -log(0.5) = 0.693."),
    ]
    nbformat.write(new_notebook(cells=cells), path)
    return path


def verify(paths: list[str], report: str = "text", verbose: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = run_verify(paths, report, out, options=Options(verbose=verbose))
    return code, out.getvalue()


def test_notebook_findings_name_cell_and_line(tmp_path: Path) -> None:
    path = notebook(tmp_path / "nb.ipynb")
    code, text = verify([str(path)], verbose=True)
    assert code == 1
    lines = text.splitlines()
    assert f"{path}:cell 4:line 4: error: DT101: -\\log 0.6 = 0.9108" in "\n".join(lines)
    assert any(line.startswith(f"{path}:cell 3:line 2: ok: -\\log 0.9 = 0.1054") for line in lines)
    assert any(line.startswith(f"{path}:cell 5:line 1: ok: - \\log(0.5) = 0.693") for line in lines)
    assert "= 3" not in text and "= 5" not in text  # the code cell is left alone
    assert lines[-1].endswith("6 links: 5 ok, 1 error, 0 unchecked")


def test_notebook_json_carries_cell_and_line(tmp_path: Path) -> None:
    path = notebook(tmp_path / "nb.ipynb")
    _, text = verify([str(path)], "json")
    findings = json.loads(text)["files"][0]["findings"]
    error = next(f for f in findings if f["status"] == "error")
    assert (error["cell"], error["line"]) == (4, 4)
    assert {(f["cell"], f["line"]) for f in findings} == {(1, 3), (3, 2), (4, 1), (4, 4), (5, 1)}


def test_markdown_json_has_no_cell_key() -> None:
    _, text = verify([str(FORMATS / "quarto-page.qmd")], "json")
    assert all("cell" not in f for f in json.loads(text)["files"][0]["findings"])


def test_a_file_that_is_not_a_notebook_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(InputError, match="not a Jupyter notebook"):
        verify([str(path)])
    assert main(["verify", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken.ipynb" in err[0] and "not a Jupyter notebook" in err[0]


@pytest.mark.parametrize(
    ("name", "errors", "ok"),
    [
        ("quarto-page.qmd", [26], 4),
        ("rmarkdown-page.Rmd", [20], 4),
        ("mdx-page.mdx", [16], 1),
        ("sphinx-page.rst", [11], 3),
    ],
)
def test_pages_have_their_planted_mistakes_found_and_code_left_alone(
    name: str, errors: list[int], ok: int
) -> None:
    _, text = verify([str(FORMATS / name)], "json")
    findings = json.loads(text)["files"][0]["findings"]
    assert [f["line"] for f in findings if f["status"] == "error"] == errors
    assert sum(f["status"] == "ok" for f in findings) == ok
    assert not any(f["status"] == "unchecked" for f in findings)
    assert not any(f["latex"].replace(" ", "") in ("1=2", "1+1=3", "2+2=5", "3=4", "x=1")
                   for f in findings)


@pytest.mark.parametrize(
    ("path", "kind"),
    [("a.ipynb", "ipynb"), ("a.qmd", "qmd"), ("A.Rmd", "rmd"), ("a.mdx", "mdx"),
     ("a.rst", "rst"), ("a.md", "md"), ("a.tex", "tex")],
)
def test_kinds_by_extension(path: str, kind: str) -> None:
    assert kind_of(path) == kind


def test_unsupported_extension_names_the_supported_ones() -> None:
    with pytest.raises(InputError, match=r"\.ipynb.*\.rst"):
        kind_of("notes.docx")

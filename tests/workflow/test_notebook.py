"""``%%derivetex`` in a real notebook, executed by nbclient on an IPython kernel.

The shown Markdown is the same text ``derive`` writes for those options, and its formulas pass
the render gate; a bad cell shows one UsageError line (no traceback), and the cells after it
still run.
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

import derivetex
from derivetex.tools.mathcheck import check_math, math_blocks_from_markdown
from derivetex.tools.requirements import require_tool

CELLS = [
    "%load_ext derivetex",
    "%%derivetex\nmulticlass --K 3 --y 0.33 0.32 0.35 --t 1 0 0 --lang ja",
    "%%derivetex\n--K 4 --y 0.5 0.5 0.5 0.5 --t 1 0 0 0",
    "%%derivetex\nspec: specs/multiclass.toml",
    "%%derivetex\n--K K --lang en  # the general form",
    "import derivetex\nprint(derivetex.__file__)",
    "%%derivetex --flavor qiita\n--K 2",
]


#: Three derivations a writer might keep in one notebook: article, a shipped spec, general K.
THREE = [
    "%load_ext derivetex",
    "%%derivetex\nmulticlass --K 3 --y 0.33 0.32 0.35 --t 1 0 0 --lang ja",
    "%%derivetex\nbinary --lang en",
    "%%derivetex\n--K K --lang en",
]


def _execute(cells: list[str]) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True)
    client.execute()
    return notebook


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    return _execute(CELLS)


def test_a_notebook_of_three_derivations_stays_small(tmp_path):
    """Each output gives Markdown, LaTeX, an HTML form without KaTeX's CSS and fonts, and a
    plain-text summary; the saved .ipynb of three derivations stays under 100 KB."""
    notebook = _execute(THREE)
    path = tmp_path / "three.ipynb"
    nbformat.write(notebook, path)
    for cell in notebook.cells[1:]:
        (result,) = cell.outputs
        assert result.output_type == "execute_result"
        assert {"text/plain", "text/markdown", "text/latex", "text/html"} == set(result.data)
        assert "@font-face" not in result.data["text/html"]
        assert "Document(derivation=" not in result.data["text/plain"]
        assert " = " in result.data["text/plain"]
    assert path.stat().st_size < 100_000, path.stat().st_size


def _markdown(cell: nbformat.NotebookNode) -> str:
    (result,) = [o for o in cell.outputs if o.output_type == "execute_result"]
    return result.data["text/markdown"]


def test_the_kernel_runs_this_checkout(executed: nbformat.NotebookNode) -> None:
    """The notebook ran derivetex from this checkout, not some other installation."""
    assert executed.cells[0].outputs == []
    (printed,) = executed.cells[5].outputs
    assert printed.text.strip() == derivetex.__file__


def test_a_cell_shows_the_derivation_verified(executed: nbformat.NotebookNode) -> None:
    expected = derivetex.derive(K="3", y=["0.33", "0.32", "0.35"], t=["1", "0", "0"])
    assert _markdown(executed.cells[1]) == expected.to_markdown()
    result = [o for o in executed.cells[1].outputs if o.output_type == "execute_result"][0]
    assert {"text/markdown", "text/latex", "text/html"} <= set(result.data)
    english = derivetex.derive(K="K", lang="en").to_markdown()
    assert _markdown(executed.cells[4]) == english


@pytest.mark.parametrize(("index", "message"), [
    (2, "--y must sum to 1"),
    (3, "cannot read the spec"),
    (6, "%%derivetex takes no options on its line, got '--flavor qiita'"),
])
def test_bad_input_is_one_usage_error_line(
    executed: nbformat.NotebookNode, index: int, message: str
) -> None:
    (error,) = executed.cells[index].outputs  # IPython shows a UsageError without traceback
    assert error.output_type == "stream" and error.name == "stderr"
    assert error.text.startswith("UsageError: ") and error.text.count("\n") == 1
    assert message in error.text


def test_the_shown_formulas_render(executed: nbformat.NotebookNode) -> None:
    require_tool("renderers")
    blocks = math_blocks_from_markdown(_markdown(executed.cells[1]), "notebook ")
    assert len(blocks) > 20
    assert [r.describe() for r in check_math(blocks) if not r.ok] == []

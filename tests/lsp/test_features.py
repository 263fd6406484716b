"""Diagnostics' ranges, hovers and code actions, from real audits of our own documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivetex.lsp import features
from derivetex.lsp.adapter import SectionAuditor
from derivetex.lsp.ranges import locate

DOCS = Path(__file__).parent / "docs"


def _items(text: str, kind: str) -> list[features.Located]:
    return features.located(text, SectionAuditor().audit(text, kind))


def _covered(text: str, span) -> str:  # type: ignore[no-untyped-def]
    lines = text.split("\n")
    assert span.line == span.end_line
    return lines[span.line][span.start:span.end]


@pytest.mark.parametrize(("row", "latex", "shown"), [
    ("損失を $E = 1.5$ とおく。", "E = 1.5", "E = 1.5"),
    ("&= \\frac{1}{2}  \\cdot  2 (y - t) \\\\", "a = \\frac{1}{2} \\cdot 2 (y - t)",
     "= \\frac{1}{2}  \\cdot  2 (y - t)"),
    ("We have $a=b$ and $b = c$.", "b = c", "b = c"),
], ids=["japanese prose", "aligned row", "second formula on the line"])
def test_the_range_is_the_formula_own_characters(row: str, latex: str, shown: str) -> None:
    text = f"# t\n\n{row}\n"
    assert _covered(text, locate(text, 3, latex)) == shown


def test_a_formula_verify_rewrote_still_lands_in_its_own_math() -> None:
    text = "intro\n\n   $\\R^2 = 4$   \n"
    assert _covered(text, locate(text, 3, "\\mathbb{R}^2 = 4")) == "^2 = 4"


def test_text_not_found_falls_back_to_the_line_without_its_blanks() -> None:
    text = "  intro  \n"
    span = locate(text, 1, "x = 1")
    assert (span.line, span.start, span.end) == (0, 2, 7)


def test_latex_suppression_is_a_percent_comment_before_the_row() -> None:
    text = (DOCS / "homework.tex").read_text("utf-8")
    items = _items(text, "tex")
    (error,) = [i for i in items if i.finding.status == "error"]
    edits = features.actions(text, "tex", items, error.span.line, error.span.line, "en")
    (ignore,) = [e for e in edits if e.title.startswith("Ignore")]
    code = error.finding.code  # the comment names the finding's code, so it silences only it
    assert ignore.start == (6, 0) and ignore.new_text == f"% derivetex: ignore {code}\n"
    assert not [e for e in edits if e.title.startswith("Replace")]  # a step, not a number


def test_no_justification_row_outside_an_aligned_block() -> None:
    text = (DOCS / "post.md").read_text("utf-8")
    items = _items(text, "md")
    squares = text.split("\n").index(next(r for r in text.split("\n") if "(a + b)^2" in r))
    edits = features.actions(text, "md", items, squares, squares, "en")
    assert edits == []  # an ok link inline in prose: nothing to insert, nothing to fix


def test_the_justification_row_in_japanese() -> None:
    text = (DOCS / "post.md").read_text("utf-8")
    items = _items(text, "md")
    (row,) = [e for e in features.actions(text, "md", items, 11, 11, "ja")
              if e.title.startswith("Insert")]
    assert row.new_text.startswith("&\\qquad ") and "対数" in row.new_text


def test_hover_outside_every_formula_is_nothing() -> None:
    text = (DOCS / "post.md").read_text("utf-8")
    items = _items(text, "md")
    assert features.hover_text(items, 6, 3) is None
    shown = features.hover_text(items, 22, text.split("\n")[22].index("(a + b)"))
    assert shown is not None and "**ok**" in shown and "a^{2} + 2 a b + b^{2}" in shown


def _applied(text: str, edit: features.Edit) -> str:
    lines = text.split("\n")
    changes = sorted(((edit.start, edit.end, edit.new_text), *edit.more), reverse=True)
    for (line, column), (end_line, end), new_text in changes:
        head = "\n".join(lines[:line] + [lines[line][:column]])
        tail = "\n".join([lines[end_line][end:]] + lines[end_line + 1:])
        lines = (head + new_text + tail).split("\n")
    return "\n".join(lines)


@pytest.mark.parametrize(("text", "expected"), [
    ("# A README\n\nSo $3 \\cdot 4 = 13$ here.\n",
     "# A README\n\nSo $3 \\cdot 4 = 13$ here. <!-- derivetex: ignore -->\n"),
    ("Notes\n\n$$ 3 \\cdot 4 = 13 $$\n",
     "Notes\n\n<!-- derivetex: ignore -->\n$$ 3 \\cdot 4 = 13 $$\n"),
    ("Post\n\n$$\n\\begin{aligned}\nx &= 2 + 2 \\\\\n&= 5\n\\end{aligned}\n$$\nEnd\n",
     "Post\n\n<!-- derivetex: off -->\n$$\n\\begin{aligned}\nx &= 2 + 2 \\\\\n&= 5\n"
     "\\end{aligned}\n$$\n<!-- derivetex: on -->\nEnd\n"),
], ids=["inline in prose", "one-line display", "row of an aligned block"])
def test_markdown_suppressions_sit_where_the_comment_reads_them(text: str, expected: str) -> None:
    items = _items(text, "md")
    (error,) = [i for i in items if i.finding.status == "error"]
    (ignore,) = [e for e in features.actions(text, "md", items, error.span.line,
                                             error.span.line, "en") if e.title.startswith("Ignore")]
    code = error.finding.code  # the comment names the finding's code, so it silences only it
    shown = expected.replace("ignore -->", f"ignore {code} -->")
    assert _applied(text, ignore) == shown.replace("off -->", f"off {code} -->")

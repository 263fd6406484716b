"""The class table names every class: by its label with ``--labels``, by its index without."""

from __future__ import annotations

import re

import pytest

import derivetex

VALUES = {"y": ["0.5", "0.3", "0.2"], "t": ["0", "1", "0"]}


def _md_rows(doc: derivetex.Document) -> list[list[str]]:
    rows = re.findall(r"^\| \$(\d)\$ \|(.*?)\|", doc.to_markdown(), re.MULTILINE)
    return [[k, label.strip()] for k, label in rows]


@pytest.mark.parametrize(("lang", "word"), [("en", "class"), ("ja", "分類")])
def test_without_labels_the_class_column_shows_the_index(lang, word):
    doc = derivetex.derive(lang=lang, **VALUES)
    assert _md_rows(doc) == [["1", f"{word} 1"], ["2", f"{word} 2"], ["3", f"{word} 3"]]
    assert f"{word} 2" in doc.to_latex()
    assert f"<td>{word} 3</td>" in str(doc.render("html"))
    assert doc.to_data()["labels"] is None  # the data still says no labels were given


def test_labels_given_are_shown_as_they_are():
    doc = derivetex.derive(lang="en", labels=["cat", "dog", "owl"], **VALUES)
    assert _md_rows(doc) == [["1", "cat"], ["2", "dog"], ["3", "owl"]]


def test_an_elided_table_keeps_the_index_of_the_last_class():
    doc = derivetex.derive(lang="en", y=["0.05"] * 20, t=["1"] + ["0"] * 19)
    assert "| class 20 |" in doc.to_markdown() and "| class 3 |" not in doc.to_markdown()

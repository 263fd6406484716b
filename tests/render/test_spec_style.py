"""Spec output in the house style: prose escaped only where Markdown would act, parentheses
sized to a big operator, a substituted ``1 - x_{2}`` kept as ``1 - 0``, and a spec alone
numbered (1), (2) unless a chapter is given."""

from __future__ import annotations

import html
import re

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import derivetex
from derivetex.render.environment import escape_md_prose
from derivetex.render.spec_printer import spec_latex

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _shown(markdown: str) -> str:
    """The text a reader sees: markdown-it's HTML without tags, entities decoded."""
    rendered = MD.render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@pytest.mark.parametrize(("text", "expected"), [
    ("Binary cross-entropy", "Binary cross-entropy"),
    ("The end.", "The end."),
    ("x_1 and x_2", "x_1 and x_2"),
    ("*bold* and _it_", "\\*bold\\* and \\_it\\_"),
    ("- a list?", "\\- a list?"),
    ("1. a list?", "1\\. a list?"),
    ("# a heading?", "\\# a heading?"),
    ("Title #", "Title \\#"),
    ("a [link](x)", "a &#91;link&#93;&#40;x&#41;"),
])
def test_prose_escapes_only_what_would_change_the_markdown(text, expected):
    assert escape_md_prose(text) == expected


PROSE = st.text(alphabet="ab1 .-+*_#`~[]()<>&!|=:{}", min_size=1, max_size=20).filter(
    lambda t: t.strip() == t and "  " not in t)


@settings(max_examples=200, deadline=None)
@given(PROSE)
def test_escaped_prose_shows_its_own_characters_as_a_paragraph_and_a_heading(text):
    escaped = escape_md_prose(text)
    assert _shown(escaped) == text
    assert _shown(f"# {escaped}") == text
    assert "<em>" not in MD.render(escaped) and "<a " not in MD.render(escaped)


def test_a_shipped_spec_title_is_not_escaped_needlessly():
    markdown = derivetex.derive(derivation="binary", lang="en").to_markdown()
    assert markdown.startswith("# Binary cross-entropy\n")
    assert "\\-" not in markdown.split("$$")[0] and "\\." not in markdown.split("$$")[0]


def test_a_big_operator_in_a_log_gets_sized_parentheses():
    doc = derivetex.derive(derivation="batch", N="N", lang="en")
    assert r"\log \left(\prod_{n=1}^{N}" in doc.to_markdown()
    article = derivetex.derive(lang="en").to_markdown()
    assert r"\log (y_{1}^{t_{1}} \cdot" in article  # no operator inside: plain parentheses


def test_a_negated_zero_keeps_its_minus():
    zero = sp.Mul(-1, sp.Integer(0), evaluate=False)
    assert spec_latex(sp.Add(1, zero, evaluate=False)) == "1 - 0"
    assert spec_latex(sp.Add(1, sp.Mul(-1, sp.Rational(1, 4), evaluate=False),
                             evaluate=False)) == "1 - 0.25"
    assert spec_latex(sp.Add(1, sp.Mul(-1, -1, sp.Integer(0), evaluate=False),
                             evaluate=False)) == "1 + 0"


SPEC = """spec = 1
name = "alone"
title = "Alone"

[symbols]
a = { positive = true }
b = { positive = true }

[[chains]]
name = "first"
lhs = '\\log (a b)'
tag = true
rows = ['\\log a + \\log b']

[[chains]]
name = "second"
lhs = '\\log (a^{2})'
tag = true
rows = ['2 \\log a']
"""


def test_a_spec_alone_is_numbered_from_one():
    latex = derivetex.derive(spec=SPEC).to_latex()
    assert r"\tag{1}" in latex and r"\tag{2}" in latex and r"\tag{5." not in latex
    chaptered = derivetex.derive(spec=SPEC, chapter=3)
    assert chaptered.to_data()["tags"] == {"first": "3.1", "second": "3.2"}
    assert derivetex.derive(spec=SPEC).to_data()["tags"] == {"first": "1", "second": "2"}


def test_the_article_keeps_its_chapter():
    assert derivetex.derive().to_data()["tags"] == {"log_likelihood_general": "5.1",
                                                    "cross_entropy": "5.2"}

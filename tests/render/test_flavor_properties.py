"""Whatever the class names, a flavor moves only derivetex's own delimiters: the platform
finds the formulas of the KaTeX form, and no label adds a delimiter (hypothesis)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

import derivetex
from derivetex.tools.flavorcheck import flavor_math
from derivetex.tools.mathcheck import math_blocks_from_markdown

LABEL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                min_size=1, max_size=12)
TRICKY = st.sampled_from(["$", "$$", "\\(", "\\)", "\\[", "`", "$`", "`$", "```math", "|", "\\"])
LABELS = st.lists(st.one_of(LABEL, TRICKY, st.builds("".join, st.lists(TRICKY, max_size=4))),
                  min_size=2, max_size=2)


@settings(max_examples=25)
@given(labels=LABELS)
def test_labels_never_move_a_formula(labels: list[str]) -> None:
    document = derivetex.derive(labels=labels, y=["0.5", "0.5"], t=["1", "0"], lang="en")

    def markdown(flavor: str) -> str:
        config = replace(document.config, flavor=flavor)
        return derivetex.Document(document.derivation, config).to_markdown()

    katex = markdown("katex")
    expected = [(b.tex, b.display) for b in math_blocks_from_markdown(katex)]
    for flavor in ("qiita", "github"):
        assert [(b.tex, b.display) for b in flavor_math(markdown(flavor), flavor)] == expected
    inline = sum(1 for _, display in expected if not display)
    assert markdown("mathjax").count("\\(") == inline

"""Every math block of every Markdown output renders in KaTeX (strict) and in MathJax 3.

All variants x both languages go to one Node process (``check_math`` batches them); each
(lang, variant) is then its own test, so a failure names the document and the block.
"""

from __future__ import annotations

import pytest
from tests.render.variants import LANGS, VARIANTS, document, hostile_document

from derivetex.tools.mathcheck import MathBlock, MathResult, check_math, math_blocks_from_markdown
from derivetex.tools.requirements import require_tool

CASES = [(lang, variant) for lang in LANGS for variant in VARIANTS]


def _markdowns() -> dict[str, str]:
    docs = {f"{lang}/{variant}": document(lang, variant).to_markdown() for lang, variant in CASES}
    for lang in LANGS:
        docs[f"{lang}/hostile-labels"] = hostile_document(lang).to_markdown()
        docs[f"{lang}/plain-labels"] = hostile_document(lang, list("abcde")).to_markdown()
    return docs


@pytest.fixture(scope="module")
def verdicts() -> dict[str, list[tuple[MathBlock, MathResult]]]:
    require_tool("renderers")
    blocks = {name: math_blocks_from_markdown(md, f"{name} ") for name, md in _markdowns().items()}
    results = check_math([b for doc in blocks.values() for b in doc])
    by_id = {r.id: r for r in results}
    return {name: [(b, by_id[b.id]) for b in doc] for name, doc in blocks.items()}


@pytest.mark.parametrize(("lang", "variant"), CASES, ids=[f"{lang}-{v}" for lang, v in CASES])
def test_every_formula_renders_in_katex_and_mathjax(verdicts, lang, variant):
    checked = verdicts[f"{lang}/{variant}"]
    assert {b.display for b, _ in checked} == {True, False}, "display and inline math expected"
    assert [r.describe() for _, r in checked if not r.ok] == []


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_labels_leave_the_math_intact(verdicts, lang):
    checked = verdicts[f"{lang}/hostile-labels"]
    assert [r.describe() for _, r in checked if not r.ok] == []
    # The label "$x$" is escaped: it never becomes a formula of its own.
    assert "x" not in [b.tex for b, _ in checked]
    assert len(checked) == len(verdicts[f"{lang}/plain-labels"])


def test_the_gate_rejects_what_katex_strict_rejects():
    """The gate can fail: raw Japanese in math is what the seed article did wrong."""
    require_tool("renderers")
    blocks = math_blocks_from_markdown("$$\nt_{k} :頻度, y_{k}:確率\n$$\n", "seed ")
    (result,) = check_math(blocks)
    assert not result.katex.ok

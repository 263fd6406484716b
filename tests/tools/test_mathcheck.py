"""The render gate itself: KaTeX strict and MathJax 3 accept our notation and reject bad TeX."""

from __future__ import annotations

import pytest

from derivetex.tools.mathcheck import MathBlock, check_math, math_blocks_from_markdown
from derivetex.tools.requirements import require_tool

CIRCLED_1 = r"{\bigcirc\mkern-10.5mu{\scriptstyle 1}\mkern4.5mu}"
JUSTIFIED = (
    r"\begin{aligned}\log L &= \log (y_{1}^{t_{1}} y_{2}^{t_{2}}) \\"
    r" &\text{対数の公式}" + CIRCLED_1 + r"\text{「}\log ab = \log a + \log b\text{」より} \\"
    r" &= t_{1} \log y_{1} + t_{2} \log y_{2}\end{aligned} \tag{5.1}"
)
RAW_JAPANESE = r"&対数の公式① 「\log ab = \log a + \log b」 より"


@pytest.fixture(scope="module")
def verdicts() -> dict[str, object]:
    require_tool("renderers")
    blocks = [
        MathBlock("justified", JUSTIFIED, display=True),
        MathBlock("raw-japanese", r"\begin{aligned}" + RAW_JAPANESE + r"\end{aligned}", True),
        MathBlock("undefined-macro", r"\undefinedmacro{x} + y", display=False),
        MathBlock(
            "tag-with-japanese",
            r"-\log L = \sum_{k=1}^{K} t_{k} \log y_{k} \tag{4.3、再掲}",
            display=True,
        ),
        MathBlock("inline-tag", r"x \tag{1}", display=False),
    ]
    return {r.id: r for r in check_math(blocks)}


def test_justification_row_in_text_passes_both(verdicts):
    assert verdicts["justified"].ok, verdicts["justified"].describe()


def test_katex_strict_rejects_raw_japanese_in_math(verdicts):
    result = verdicts["raw-japanese"]
    assert not result.katex.ok
    assert "Unicode text character" in result.katex.error
    assert result.mathjax.ok  # MathJax is lenient: only the KaTeX gate catches this


def test_mathjax_reports_undefined_macro(verdicts):
    result = verdicts["undefined-macro"]
    assert not result.mathjax.ok
    assert r"\undefinedmacro" in result.mathjax.error
    assert not result.katex.ok


def test_tag_with_japanese_passes_both(verdicts):
    assert verdicts["tag-with-japanese"].ok, verdicts["tag-with-japanese"].describe()


def test_katex_rejects_tag_in_inline_math(verdicts):
    assert "display" in verdicts["inline-tag"].katex.error


def test_ids_and_order_are_kept():
    require_tool("renderers")
    blocks = [MathBlock(f"b{i}", f"x_{{{i}}}", display=i % 2 == 0) for i in range(40)]
    results = check_math(blocks)
    assert [r.id for r in results] == [b.id for b in blocks]
    assert all(r.ok for r in results)


MARKDOWN = """\
# 見出し

確率 $y_{k}$ と頻度 $t_{k}$ を使うと

$$
-\\log L = \\sum_{k=1}^{K} t_{k} \\log y_{k} \\tag{4.3}
$$

`$not math$` と費用 \\$5 は数式ではない。
"""


def test_markdown_extraction_finds_display_and_inline_math():
    blocks = math_blocks_from_markdown(MARKDOWN, prefix="doc:")
    assert [(b.tex, b.display) for b in blocks] == [
        ("y_{k}", False),
        ("t_{k}", False),
        (r"-\log L = \sum_{k=1}^{K} t_{k} \log y_{k} \tag{4.3}", True),
    ]
    assert blocks[2].id == "doc:line 5 #3"

"""Platform flavors: the same formulas, in each platform's delimiters, found the way that
platform finds them and rendered by the renderer it runs (real KaTeX and MathJax, no mocks).

The KaTeX flavor is the golden Markdown, byte for byte; each other flavor must give the
platform exactly the formulas (text and display/inline) that the KaTeX form gives markdown-it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from tests.render.variants import LANGS, VARIANTS, hostile_document

import derivetex
from derivetex.render.flavors import FLAVORS
from derivetex.tools.flavorcheck import flavor_math, mathjax_finds
from derivetex.tools.mathcheck import check_math, math_blocks_from_markdown
from derivetex.tools.requirements import require_tool

OTHERS = [name for name in FLAVORS if name != "katex"]
CASES = [(lang, variant) for lang in LANGS for variant in VARIANTS]


@cache
def _document(lang: str, variant: str) -> derivetex.Document:
    if variant == "hostile-labels":
        return hostile_document(lang)
    return derivetex.derive(lang=lang, **VARIANTS[variant])


def _markdown(lang: str, variant: str, flavor: str) -> str:
    """The document in ``flavor``: derived once, rendered through the flavor's own config."""
    document = _document(lang, variant)
    return derivetex.Document(document.derivation, replace(document.config, flavor=flavor))\
        .to_markdown()


def _formulas(blocks):
    return [(b.tex, b.display) for b in blocks]


ALL = [(lang, v) for lang, v in CASES] + [(lang, "hostile-labels") for lang in LANGS]


def test_katex_flavor_is_the_default_markdown():
    assert derivetex.derive(flavor="katex").to_markdown() == derivetex.derive().to_markdown()


@pytest.mark.parametrize("flavor", ["qiita", "github"])
@pytest.mark.parametrize(("lang", "variant"), ALL, ids=[f"{la}-{v}" for la, v in ALL])
def test_the_platform_finds_the_same_formulas(lang, variant, flavor):
    expected = _formulas(math_blocks_from_markdown(_markdown(lang, variant, "katex")))
    assert _formulas(flavor_math(_markdown(lang, variant, flavor), flavor)) == expected


@pytest.fixture(scope="module")
def mathjax_pages():
    """What MathJax's own FindTeX finds in every document, both forms, in one Node run."""
    require_tool("renderers")
    pages = {f"{form}/{lang}/{variant}": _markdown(lang, variant, form)
             for form in ("katex", "mathjax") for lang, variant in ALL}
    return mathjax_finds(pages)


@pytest.mark.parametrize(("lang", "variant"), ALL, ids=[f"{la}-{v}" for la, v in ALL])
def test_mathjax_default_delimiters_find_the_same_formulas(mathjax_pages, lang, variant):
    expected = _formulas(math_blocks_from_markdown(_markdown(lang, variant, "katex")))
    assert _formulas(mathjax_pages[f"mathjax/{lang}/{variant}"]) == expected


def test_mathjax_defaults_miss_the_inline_math_of_the_katex_form(mathjax_pages):
    """Why the flavor exists: on a MathJax-default site `$y_{k}$` stays text."""
    katex_form = mathjax_pages["katex/ja/article"]
    assert katex_form and all(block.display for block in katex_form)
    assert any(not b.display for b in mathjax_pages["mathjax/ja/article"])


@pytest.fixture(scope="module")
def verdicts(mathjax_pages):
    """Every formula of every flavor, as its platform finds it, through the render gate."""
    found = {}
    for flavor in OTHERS:
        for lang, variant in ALL:
            name = f"{flavor}/{lang}/{variant}"
            if flavor == "mathjax":
                found[name] = mathjax_pages[name]
            else:
                found[name] = flavor_math(_markdown(lang, variant, flavor), flavor, f"{name} ")
    blocks = [b for doc in found.values() for b in doc]
    for index, block in enumerate(blocks):  # ids must be unique in one gate run
        blocks[index] = type(block)(f"{index} {block.id}", block.tex, block.display)
    results = check_math(blocks)
    by_doc: dict[str, list] = {name: [] for name in found}
    start = 0
    for name, doc in found.items():
        by_doc[name] = results[start:start + len(doc)]
        start += len(doc)
    return by_doc


@pytest.mark.parametrize("flavor", OTHERS)
@pytest.mark.parametrize(("lang", "variant"), ALL, ids=[f"{la}-{v}" for la, v in ALL])
def test_every_formula_renders_in_the_platforms_renderer(verdicts, flavor, lang, variant):
    assert FLAVORS[flavor].renderer == "MathJax"
    results = verdicts[f"{flavor}/{lang}/{variant}"]
    assert results, "no formula found: the platform would show none"
    assert [r.describe() for r in results if not r.mathjax.ok] == []


def test_flavors_change_only_delimiters():
    katex = derivetex.derive(lang="en").to_markdown()
    for name in OTHERS:
        other = derivetex.derive(lang="en", flavor=name).to_markdown()
        stripped = other
        for mark in (*FLAVORS[name].inline, *FLAVORS[name].display):
            stripped = stripped.replace(mark, "")
        assert stripped == katex.replace("$", ""), name


BLOG_ATTACKS = [r"\(\href{javascript:alert(1)}{x}\)", r"\[\href{javascript:alert(2)}{y}\]",
                "alert(3)", "[link](javascript:alert(4))", r"\begin{equation}z\end{equation}"]


def test_labels_hold_no_mathjax_delimiter_in_any_flavor():
    """MathJax's FindTeX, run over the raw Markdown (as a site that passes Markdown through
    untouched would show it), finds exactly the formulas derivetex wrote, none in a label."""
    require_tool("renderers")
    pages, counts = {}, {}
    for flavor in FLAVORS:
        for lang in LANGS:
            attacked = hostile_document(lang, BLOG_ATTACKS, flavor)
            pages[f"{flavor}/{lang}"] = attacked.to_markdown()
            pages[f"{flavor}/{lang}/plain"] = hostile_document(lang, list("abcde"), flavor)\
                .to_markdown()
    found = mathjax_finds(pages)
    for flavor in FLAVORS:
        for lang in LANGS:
            attacked, plain = found[f"{flavor}/{lang}"], found[f"{flavor}/{lang}/plain"]
            assert _formulas(attacked) == _formulas(plain), (flavor, lang)
            counts[flavor] = len(plain)
    assert counts["mathjax"] > counts["katex"], "MathJax finds the inline \\(...\\) math"

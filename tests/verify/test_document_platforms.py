"""The math of every platform is found: derivetex's own four Markdown flavors, mdBook's and
kramdown's doubled backslashes, Hatena's ``[tex: …]``, environments written straight into
Markdown -- and never inside code (documents of our own in ``docs/platforms/``)."""

from __future__ import annotations

from functools import cache

import pytest
from verify_docs import DOCS

import derivetex
from derivetex.config import FLAVORS
from derivetex.render.flavors import apply_flavor
from derivetex.verify import audit_text
from derivetex.verify.document import find_blocks

PLATFORMS = DOCS / "platforms"


def found(text: str) -> list[str]:
    return [block.text.strip() for block in find_blocks(text, "md")]


@cache
def katex_article() -> str:
    return derivetex.derive(lang="en").to_markdown()


@pytest.mark.parametrize("flavor", FLAVORS)
def test_every_flavor_render_writes_is_read_as_the_katex_form(flavor: str) -> None:
    original = found(katex_article())
    flavored = apply_flavor(katex_article(), flavor)
    assert len(original) > 10
    assert found(flavored) == original
    statuses = [(f.line, f.status) for f in audit_text(flavored, "md").findings]
    assert statuses == [(f.line, f.status) for f in audit_text(katex_article(), "md").findings]
    assert {status for _, status in statuses} == {"ok"}


@pytest.mark.parametrize(
    ("name", "ok", "errors"),
    [
        ("mdbook-chapter.md", 4, [15]),
        ("kramdown-post.md", 5, [16]),
        ("hatena-post.md", 3, [7]),
        ("github-readme.md", 2, [10]),
        ("align-in-markdown.md", 1, [10]),
    ],
)
def test_platform_documents_have_their_planted_mistake_found(
    name: str, ok: int, errors: list[int]
) -> None:
    report = audit_text((PLATFORMS / name).read_text(encoding="utf-8"), "md", name)
    assert [f.line for f in report.findings if f.status == "error"] == errors
    assert report.count("ok") == ok


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("A \\\\( x = 1 \\\\) b", [(1, "x = 1", False)]),
        ("para\n\n\\\\[\ny = 2\n\\\\]\n", [(4, "y = 2", True)]),
        ("inline \\\\[ z = 3 \\\\] display", [(1, "z = 3", True)]),
        ("Hatena [tex: a\\_1 = 4] post", [(1, "a_1 = 4", False)]),
        ("nested [tex: \\sqrt[3]{8} = 2] ok", [(1, "\\sqrt[3]{8} = 2", False)]),
        ("GitHub $`b = 5`$ inline", [(1, "b = 5", False)]),
        (
            "text\n\\begin{gather}\nc = 6\n\\end{gather}\n",
            [(2, "\\begin{gather}\nc = 6\n\\end{gather}", True)],
        ),
    ],
    ids=["double-paren", "double-bracket-block", "double-bracket-inline", "hatena",
         "hatena-nested", "github-inline", "gather-in-markdown"],
)
def test_platform_delimiters(source: str, expected: list[tuple[int, str, bool]]) -> None:
    blocks = find_blocks(source, "md")
    assert [(b.line_at(len(b.text) - len(b.text.lstrip())), b.text.strip(), b.display)
            for b in blocks] == expected


@pytest.mark.parametrize(
    "source",
    [
        "code `\\\\[ 1 = 2 \\\\]` span",
        "```\n\\\\[ 1 = 2 \\\\]\n```\n",
        "    \\\\[ 1 = 2 \\\\]\n",
        "code `[tex: 1 = 2]` span",
        "a link [text](https://example.com/tex:1=2) here",
        "an escaped \\\\\\[ is a bracket",
    ],
    ids=["code-span", "fence", "indented-code", "hatena-in-code", "link", "lone-escape"],
)
def test_delimiters_inside_code_are_not_math(source: str) -> None:
    assert find_blocks(source, "md") == []


@pytest.mark.parametrize(
    "unit",
    ["\\\\( x ", "[tex: x ", "\\\\[\n", "1 + 1 = "],
    ids=["unclosed-double-paren", "unclosed-hatena", "unclosed-double-bracket", "long-chain"],
)
def test_pathological_documents_are_read_in_linear_time(unit: str) -> None:
    """Four times the text takes about four times as long (quadratic would be sixteen): a
    ratio of the best of two runs each, so a loaded machine slows both sides alike."""
    import time

    def best(count: int) -> float:
        times = []
        for _ in range(2):
            start = time.perf_counter()
            find_blocks(unit * count, "md")
            times.append(time.perf_counter() - start)
        return min(times)

    small, large = best(2500), best(10000)
    assert large < 8 * small + 0.5, (small, large)

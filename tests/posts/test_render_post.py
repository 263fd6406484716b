"""``derivetex render``: blocks expanded in place, idempotent, text outside the markers
untouched, ``--check`` naming stale and missing blocks, tags going on across blocks."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from derivetex.errors import InputError
from derivetex.posts.blocks import BEGIN, END
from derivetex.posts.command import run_render

POST = """---
title: Cross-entropy, by hand
---

# Cross-entropy

Intro with $x$ and a line that stays.

```derivetex
multiclass --K 3 --y 0.33 0.32 0.35 --t 1 0 0 --lang en
```

Between the blocks.

```derivetex
# the general form
--K K --lang en
```
The end, right after the fence.
"""


def render(path: Path, **options) -> int:
    return run_render([str(path)], **options)


def check(*paths: Path, flavor: str | None = None) -> tuple[int, str]:
    out = io.StringIO()
    code = run_render([str(p) for p in paths], check=True, flavor=flavor, out=out)
    return code, out.getvalue()


def without_generated(text: str) -> str:
    """The post minus every generated part and the blank line put before it."""
    return re.sub(rf"\n{re.escape(BEGIN)}\n.*?{re.escape(END)}\n", "", text, flags=re.DOTALL)


@pytest.fixture
def post(tmp_path: Path) -> Path:
    path = tmp_path / "post.md"
    path.write_text(POST, encoding="utf-8")
    return path


def test_render_expands_every_block_and_touches_nothing_else(post: Path) -> None:
    assert render(post) == 0
    text = post.read_text(encoding="utf-8")
    assert text.count(BEGIN) == 2 and text.count(END) == 2
    assert without_generated(text) == POST
    assert "= 1.108663" in text and "# Multi-class" not in text  # no title inside a post


def test_a_second_run_gives_the_same_bytes_and_does_not_rewrite(post: Path) -> None:
    render(post)
    first = post.read_bytes()
    stamp = post.stat().st_mtime_ns
    os.utime(post, ns=(stamp - 10**9, stamp - 10**9))
    assert render(post) == 0
    assert post.read_bytes() == first
    assert post.stat().st_mtime_ns == stamp - 10**9, "an unchanged post is not rewritten"


def test_check_names_missing_then_passes_then_names_stale(post: Path) -> None:
    before = post.read_bytes()
    code, report = check(post)
    assert code == 1 and post.read_bytes() == before
    assert report.splitlines() == [
        f"{post}:9: missing: derivetex block 'multiclass --K 3 --y 0.33 0.32 0.35 --t 1 0 0 "
        "--lang en': run derivetex render",
        f"{post}:15: missing: derivetex block '# the general form --K K --lang en': "
        "run derivetex render",
    ]
    render(post)
    assert check(post) == (0, "")
    edited = post.read_text(encoding="utf-8").replace("= 1.108663", "= 1.2", 1)
    post.write_text(edited, encoding="utf-8")
    code, report = check(post)
    assert code == 1 and report.startswith(f"{post}:9: stale: ")
    post.write_text(edited.replace("--K K --lang en", "--K K --lang ja"), encoding="utf-8")
    assert [line.split(": ")[1] for line in check(post)[1].splitlines()] == ["stale", "stale"]


def test_edits_to_the_generated_part_are_replaced(post: Path) -> None:
    render(post)
    clean = post.read_text(encoding="utf-8")
    post.write_text(clean.replace("= 1.108663", "= 1.2", 1), encoding="utf-8")
    render(post)
    assert post.read_text(encoding="utf-8") == clean


def test_tags_go_on_across_the_blocks_of_a_post(post: Path) -> None:
    post.write_text(POST + "\n```derivetex\n--K 2 --chapter 3 --lang en\n```\n", encoding="utf-8")
    render(post)
    text = post.read_text(encoding="utf-8")
    assert re.findall(r"\\tag\{([\d.]+)\}", text) == ["5.1", "5.2", "5.3", "5.4", "3.1", "3.2"]
    assert "equation $(5.3)$" in text and "equation $(5.1)$" in text


def test_the_flavor_comes_from_front_matter_then_the_command_line(post: Path) -> None:
    render(post, flavor="github")
    assert "$`y_{k}`$" in post.read_text(encoding="utf-8")
    post.write_text(POST.replace("title:", "derivetex-flavor: qiita\ntitle:"), encoding="utf-8")
    render(post, flavor="github")
    text = post.read_text(encoding="utf-8")
    assert "```math\n" in text and "$`" not in text
    assert check(post, flavor="mathjax") == (0, ""), "the post's own flavor wins"


@pytest.mark.parametrize(("block", "message"), [
    ("spec: specs/none.toml", "none.toml: cannot read the spec"),
    ("--K 0", "--K must be a positive integer or K, not '0'"),
    ("--format tex", "--format is not a block option"),
    ("--flavor=qiita", "--flavor is not a block option (set it for the post"),
    ("--bogus", "unrecognized arguments: --bogus"),
    ("--labels 'unclosed", "No closing quotation"),
    ("--y 0.5 0.6 --t 1 0", "--y must sum to 1"),
])
def test_a_bad_block_names_file_and_line_and_nothing_is_written(
    tmp_path: Path, post: Path, block: str, message: str
) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(f"text\n\n```derivetex\n{block}\n```\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        run_render([str(post), str(bad)])
    assert str(caught.value).startswith(f"{bad}:3: derivetex block: ")
    assert message in str(caught.value)
    assert post.read_text(encoding="utf-8") == POST, "the good post is not written either"


@pytest.mark.parametrize(("text", "message"), [
    ("```derivetex\n--K 2\n```\n\n<!-- derivetex:begin x -->\n\ntext\n", "without a derivetex:end"),
    ("text\n\n<!-- derivetex:end -->\n", "follows no derivetex block"),
    ("- item\n\n  ```derivetex\n  --K 2\n  ```\n", "top level"),
    ("```derivetex\n--K 2\n", "never closed"),
    ("---\nderivetex-flavor: zenn\n---\n", "unknown derivetex-flavor 'zenn'"),
])
def test_misplaced_markers_and_blocks_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        render(path)
    assert path.read_text(encoding="utf-8") == text


def test_a_block_shown_inside_another_fence_is_left_alone(tmp_path: Path) -> None:
    text = "How to write one:\n\n````markdown\n```derivetex\n--K 2\n```\n````\n"
    path = tmp_path / "readme.md"
    path.write_text(text, encoding="utf-8")
    assert check(path) == (0, "") and render(path) == 0
    assert path.read_text(encoding="utf-8") == text


def test_output_elsewhere_leaves_the_post_as_it_was(
    tmp_path: Path, post: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    render(post, output=str(tmp_path / "out.md"))
    assert post.read_text(encoding="utf-8") == POST
    rendered = (tmp_path / "out.md").read_text(encoding="utf-8")
    render(post, output="-")
    assert capsys.readouterr().out == rendered
    other = tmp_path / "other.md"
    other.write_text("no blocks here\n", encoding="utf-8")
    run_render([str(post), str(other)], output=str(tmp_path / "site"))
    assert (tmp_path / "site" / "post.md").read_text(encoding="utf-8") == rendered
    assert (tmp_path / "site" / "other.md").read_text(encoding="utf-8") == "no blocks here\n"
    with pytest.raises(InputError, match="--check writes nothing"):
        run_render([str(post)], check=True, output="x.md")
    with pytest.raises(InputError, match="exactly one POST"):
        run_render([str(post), str(other)], output="-")


def test_no_temporary_file_is_left_beside_the_post(post: Path) -> None:
    render(post)
    assert sorted(p.name for p in post.parent.iterdir()) == ["post.md"]


def test_only_markdown_posts(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a Markdown file"):
        run_render([str(tmp_path / "notes.txt")])


def test_a_post_rendered_in_another_flavor_is_stale_with_the_command_to_fix_it(post: Path) -> None:
    render(post)
    code, report = check(post, flavor="github")
    assert code == 1
    assert [line.split(": ")[1] for line in report.splitlines()] == ["stale", "stale"]
    assert report.splitlines()[0].endswith("run derivetex render --flavor github")
    render(post, flavor="github")
    assert check(post, flavor="github") == (0, "")


def test_a_linked_post_stays_a_link_and_crlf_text_stays_crlf(tmp_path: Path) -> None:
    real = tmp_path / "drafts" / "real.md"
    real.parent.mkdir()
    original = POST.replace("\n", "\r\n")
    real.write_text(original, encoding="utf-8", newline="")
    link = tmp_path / "post.md"
    link.symlink_to(real)
    assert render(link) == 0
    assert link.is_symlink()
    text = real.read_bytes().decode("utf-8")
    assert without_generated(text) == original
    assert check(link) == (0, "")
    render(link)
    assert real.read_bytes().decode("utf-8") == text


def test_a_spec_block_renders_the_spec_beside_the_post(tmp_path: Path) -> None:
    """``spec: path`` is read relative to the post; the spec's chains are tagged on from the
    blocks before it, and a second run changes nothing."""
    examples = Path(__file__).resolve().parents[2] / "examples" / "poisson.toml"
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "poisson.toml").write_text(
        examples.read_text(encoding="utf-8"), encoding="utf-8"
    )
    post = tmp_path / "post.md"
    post.write_text(
        "Intro.\n\n```derivetex\n--K 2 --lang en\n```\n\nThen:\n\n"
        "```derivetex\nspec: specs/poisson.toml\n--lang en\n```\n",
        encoding="utf-8",
    )
    assert render(post) == 0
    text = post.read_text(encoding="utf-8")
    assert r"\log L" in text and "x_{i}" in text  # the Poisson chain is there
    assert "# The Poisson log-likelihood" not in text  # no title inside a post
    assert r"\tag{5.3}" in text, "tags go on from the first block's (5.1), (5.2)"
    first = post.read_bytes()
    assert render(post) == 0 and post.read_bytes() == first
    assert check(post) == (0, "")


def test_a_spec_written_in_the_block_renders_like_its_file(tmp_path: Path) -> None:
    """A block holding the spec itself (TOML with ``spec = 1``, options on a first line)
    renders what ``spec: file`` renders."""
    toml = (Path(__file__).resolve().parents[2] / "examples" / "poisson.toml").read_text(
        encoding="utf-8"
    )
    (tmp_path / "poisson.toml").write_text(toml, encoding="utf-8")
    by_file = tmp_path / "file.md"
    by_file.write_text("```derivetex\nspec: poisson.toml\n--lang en\n```\n", encoding="utf-8")
    inline = tmp_path / "inline.md"
    fence = "````"  # the spec holds no fence, but a longer one is what a writer would use
    inline.write_text(f"{fence}derivetex\n--lang en\n{toml}{fence}\n", encoding="utf-8")
    assert render(by_file) == 0 and render(inline) == 0

    def generated(path: Path) -> str:
        text = path.read_text(encoding="utf-8")
        return text[text.index(BEGIN.split(" ")[0]):]

    assert generated(by_file) == generated(inline)
    assert r"\sum_{i=1}^{N}" in generated(inline)

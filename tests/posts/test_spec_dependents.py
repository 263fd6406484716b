"""``render`` given a spec (``.toml``): the posts that derive it, so a commit of the spec alone
is checked; the settings file's ``flavor`` for posts that name none."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from derivetex.posts.command import run_render
from derivetex.posts.dependents import posts_using

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "poisson.toml"
POST = "# Counts\n\n```derivetex\nspec: ../specs/poisson.toml\n```\n"
OTHER = "# Other\n\n```derivetex\nmulticlass --K 2 --y 0.5 0.5 --t 1 0\n```\n"
QUOTED = "# How to\n\n````markdown\n```derivetex\nspec: ../specs/poisson.toml\n```\n````\n"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    """A blog: a spec, a post deriving it, one deriving something else, one that only shows
    the syntax inside a code fence; run from its root."""
    (tmp_path / "specs").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "specs" / "poisson.toml")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "counts.md").write_text(POST, encoding="utf-8")
    (tmp_path / "posts" / "other.md").write_text(OTHER, encoding="utf-8")
    (tmp_path / "posts" / "howto.md").write_text(QUOTED, encoding="utf-8")
    (tmp_path / "posts" / "spec-by-option.md").write_text(
        POST.replace("spec: ../specs/poisson.toml", "--spec ../specs/poisson.toml --lang en"),
        encoding="utf-8")
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


def test_the_posts_that_derive_a_spec_are_found(site: Path) -> None:
    assert posts_using(["specs/poisson.toml"]) == ["posts/counts.md", "posts/spec-by-option.md"]
    assert posts_using(["specs/nothing.toml"]) == []


def test_check_of_a_changed_spec_refuses_its_stale_posts(site: Path) -> None:
    assert run_render(["posts/counts.md", "posts/spec-by-option.md"]) == 0
    out = io.StringIO()
    assert run_render(["specs/poisson.toml"], check=True, out=out) == 0 and out.getvalue() == ""
    spec = site / "specs" / "poisson.toml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("整理すると", "計算すると"),
                    encoding="utf-8")
    assert run_render(["specs/poisson.toml"], check=True, out=out) == 1
    assert out.getvalue() == (
        "posts/counts.md:3: stale: derivetex block 'spec: ../specs/poisson.toml': "
        "run derivetex render\n"
    )


def test_a_toml_no_post_uses_checks_nothing(site: Path) -> None:
    (site / "pyproject.toml").write_text("[project]\nname = 'blog'\n", encoding="utf-8")
    out = io.StringIO()
    assert run_render(["pyproject.toml"], check=True, out=out) == 0 and out.getvalue() == ""


def test_the_settings_flavor_is_used_when_the_post_names_none(site: Path) -> None:
    (site / "derivetex.toml").write_text("flavor = 'qiita'\n", encoding="utf-8")
    assert run_render(["posts/other.md"]) == 0
    assert "```math\n" in (site / "posts" / "other.md").read_text(encoding="utf-8")
    out = io.StringIO()
    assert run_render(["posts/other.md"], check=True, flavor="katex", out=out) == 1
    assert "--flavor katex" not in out.getvalue()  # katex is the default form of the hint

"""``verify DIR``: every supported file below it, as ruff walks (.gitignore, hidden folders,
the settings' exclude); files named on the command line always checked."""

from __future__ import annotations

import subprocess
from pathlib import Path

from derivetex.settings import settings_for
from derivetex.verify.discovery import discover
from derivetex.verify.filetypes import FILE_TYPES

from .helpers import findings, verify, write

CLEAN = "$x^2 + 2x + 1 = (x + 1)^2$\n"
WRONG = "$3 \\cdot 4 = 13$\n"


def blog(root: Path) -> None:
    """A blog repository: posts, a homework folder, generated and hidden files."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    write(root, ".gitignore", "_site/\n*.draft.md\n")
    write(root, "pyproject.toml", "[tool.derivetex]\nexclude = ['vendor/', 'posts/old-*.md']\n")
    write(root, "posts/2024/entropy.md", CLEAN)
    write(root, "posts/2024/loss.markdown", CLEAN)
    write(root, "posts/idea.draft.md", WRONG)
    write(root, "posts/old-post.md", WRONG)
    write(root, "posts/notes.txt", WRONG)
    write(root, "homework/sheet1.TEX", "\\[ (a+b)^2 = a^2 + 2ab + b^2 \\]\n")
    write(root, "_site/entropy.md", WRONG)
    write(root, ".github/template.md", WRONG)
    write(root, "vendor/theme/README.md", WRONG)
    write(root, "posts/.cache/x.md", WRONG)


def test_a_directory_is_walked_in_sorted_order_leaving_out_what_is_ignored(
    tmp_path: Path,
) -> None:
    blog(tmp_path)
    found = discover([str(tmp_path)], settings_for)
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == [
        "homework/sheet1.TEX", "posts/2024/entropy.md", "posts/2024/loss.markdown",
    ]
    code, files = findings(".", cwd=tmp_path)
    assert code == 0 and [f["path"] for f in files] == [
        "homework/sheet1.TEX", "posts/2024/entropy.md", "posts/2024/loss.markdown",
    ]


def test_a_gitignore_above_the_walked_folder_still_counts(tmp_path: Path) -> None:
    blog(tmp_path)
    write(tmp_path, "posts/2024/draft.draft.md", WRONG)
    found = discover([str(tmp_path / "posts")], settings_for)
    assert [Path(p).name for p in found] == ["entropy.md", "loss.markdown"]


def test_files_named_are_checked_even_when_ignored_or_excluded(tmp_path: Path) -> None:
    blog(tmp_path)
    code, out, _ = verify("posts/idea.draft.md", "posts/old-post.md", "posts", cwd=tmp_path)
    assert code == 1
    summaries = [line.split(":")[0] for line in out.splitlines() if " links: " in line]
    assert summaries == ["posts/idea.draft.md", "posts/old-post.md", "posts/2024/entropy.md",
                         "posts/2024/loss.markdown"]


def test_a_folder_outside_any_repository_has_no_gitignore_but_skips_hidden(
    tmp_path: Path,
) -> None:
    write(tmp_path, "notes/a.md", CLEAN)
    write(tmp_path, "notes/.trash/b.md", WRONG)
    write(tmp_path, "notes/c.tex", WRONG)
    found = discover([str(tmp_path / "notes")], lambda p: settings_for(p, isolated=True))
    assert [Path(p).name for p in found] == ["a.md", "c.tex"]


def test_an_unsupported_file_named_is_still_refused(tmp_path: Path) -> None:
    write(tmp_path, "notes.txt", WRONG)
    code, _, err = verify("notes.txt", cwd=tmp_path)
    assert code == 2 and "unsupported extension" in err
    assert all(suffix in err for suffix in FILE_TYPES)


def test_an_empty_directory_is_a_clean_run(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out, _ = verify("--isolated", "empty", cwd=tmp_path)
    assert code == 0 and out == ""

"""A rendered post keeps its mode (and its owner, where the runner may set it); a read-only
post is refused with one line and left as it was; a new output file is 0644 as before."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hardening.helpers import cli, one_line_error

POST = "# Notes\n\nA draft.\n\n```derivetex\n--K 2 --lang en\n```\n"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_rendered_post_keeps_its_mode(tmp_path, mode):
    post = tmp_path / "draft.md"
    post.write_text(POST, encoding="utf-8")
    post.chmod(mode)
    run = cli("render", str(post), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "derivetex:begin" in post.read_text(encoding="utf-8") and _mode(post) == mode


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another owner")
def test_a_rendered_post_keeps_its_owner(tmp_path):
    post = tmp_path / "shared.md"
    post.write_text(POST, encoding="utf-8")
    os.chown(post, 4321, 4321)
    assert cli("render", str(post), cwd=tmp_path).returncode == 0
    assert (post.stat().st_uid, post.stat().st_gid) == (4321, 4321)


@pytest.mark.parametrize("mode", [0o444, 0o400])
def test_a_read_only_post_is_refused_and_kept(tmp_path, mode):
    other = tmp_path / "other.md"
    other.write_text(POST, encoding="utf-8")
    post = tmp_path / "frozen.md"
    post.write_text(POST, encoding="utf-8")
    post.chmod(mode)
    run = cli("render", str(other), str(post), cwd=tmp_path)
    assert run.returncode == 2 and "it is read-only" in one_line_error(run)
    assert _mode(post) == mode and post.read_text(encoding="utf-8") == POST
    assert other.read_text(encoding="utf-8") == POST  # nothing written before the refusal


def test_derive_over_a_private_file_keeps_it_private_and_new_files_are_0644(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    private = out / "multiclass.en.md"
    private.write_text("old", encoding="utf-8")
    private.chmod(0o600)
    run = cli("derive", "--K", "2", "--lang", "en", "--format", "md", "tex", "-o", str(out),
              cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert _mode(private) == 0o600 and private.read_text(encoding="utf-8") != "old"
    assert _mode(out / "multiclass.en.tex") == 0o644

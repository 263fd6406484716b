"""The README's pre-commit lines in a fresh blog repository, run by the real ``pre-commit``.

The hook repository is this checkout as it is now (tracked and new files, committed into a
temporary clone), so the test checks the hooks being changed, not the last commit. pre-commit
installs derivetex from it into its own environment (pip, from the package index).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}
WRONG = "# Log loss\n\nFor p = 0.5:\n\n$$\nE = - \\log 0.5 = -0.693147\n$$\n"
BLOCK = "# Cross-entropy\n\n```derivetex\n--K 2 --lang en\n```\n"


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stdout.strip()


def hook_repository(where: Path, env: dict[str, str]) -> str:
    """This checkout's files (tracked, and new but not ignored) committed as a repository."""
    listed = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT,
                 env=env)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (where / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, where / name)
    git("init", "-q", cwd=where, env=env)
    git("add", "-A", cwd=where, env=env)
    git("commit", "-q", "-m", "hooks", cwd=where, env=env)
    return git("rev-parse", "HEAD", cwd=where, env=env)


def commit(blog: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    git("add", "-A", cwd=blog, env=env)
    return subprocess.run(["git", "commit", "-m", "post"], cwd=blog, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_wrong_number_and_a_stale_block_are_refused_then_pass(tmp_path: Path) -> None:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "HOME": str(tmp_path)}
    hooks, blog = tmp_path / "hooks", tmp_path / "blog"
    hooks.mkdir()
    blog.mkdir()
    rev = hook_repository(hooks, env)
    (blog / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n"
        "      - id: derivetex-verify\n      - id: derivetex-render-check\n",
        encoding="utf-8",
    )
    (blog / "posts").mkdir()
    (blog / "posts" / "log-loss.md").write_text(WRONG, encoding="utf-8")
    (blog / "posts" / "cross-entropy.md").write_text(BLOCK, encoding="utf-8")
    git("init", "-q", cwd=blog, env=env)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=blog, env=env,
                   check=True, capture_output=True, timeout=120)

    refused = commit(blog, env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "derivetex verify" in output and "derivetex render --check" in output
    assert output.count("Failed") == 2, output
    assert "posts/log-loss.md:6: error: " in output
    assert "posts/cross-entropy.md:3: missing: derivetex block '--K 2 --lang en'" in output

    (blog / "posts" / "log-loss.md").write_text(WRONG.replace("-0.693147", "0.693147"),
                                                encoding="utf-8")
    subprocess.run([sys.executable, "-m", "derivetex", "render", "posts/cross-entropy.md"],
                   cwd=blog, env=env, check=True, capture_output=True, timeout=300)
    accepted = commit(blog, env)
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert output.count("Passed") == 2, output

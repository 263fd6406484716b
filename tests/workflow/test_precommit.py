"""The README's pre-commit lines and fenced block in a fresh blog repository, run by the real
``pre-commit`` on ``git commit``.

The hook repository is this checkout as it is now (tracked and new files, committed into a
temporary clone), so the test checks the hooks being changed, not the last commit. pre-commit
installs derivetex from it into its own environment (pip, from the package index).
"""

from __future__ import annotations

import os
import re
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
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_config(repo: Path, rev: str) -> str:
    """The README's ``.pre-commit-config.yaml`` lines, ``repo:`` and ``rev:`` filled in."""
    found = re.search(r"```yaml\n(repos:\n.*?)```", README, re.DOTALL)
    assert found, "the README shows .pre-commit-config.yaml lines"
    config = found.group(1)
    assert "https://github.com/OWNER/derivetex" in config and "rev: REV" in config
    return config.replace("https://github.com/OWNER/derivetex", str(repo)).replace("REV", rev)


def readme_block() -> str:
    """The README's example of a fenced derivetex block."""
    found = re.search(r"^```derivetex\n.*?^```\n", README, re.DOTALL | re.MULTILINE)
    assert found, "the README shows a derivetex block"
    return found.group(0)


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


def blog_with_hooks(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An empty blog folder whose ``.pre-commit-config.yaml`` is the README's, pointing at a
    hook repository made from this checkout; the environment that keeps pre-commit's cache
    and git's settings inside ``tmp_path``."""
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "HOME": str(tmp_path)}
    hooks, blog = tmp_path / "hooks", tmp_path / "blog"
    hooks.mkdir()
    blog.mkdir()
    rev = hook_repository(hooks, env)
    (blog / ".pre-commit-config.yaml").write_text(readme_config(hooks, rev), encoding="utf-8")
    return env, blog


def commit(blog: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    git("add", "-A", cwd=blog, env=env)
    return subprocess.run(["git", "commit", "-m", "post"], cwd=blog, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_wrong_number_and_a_stale_block_are_refused_then_pass(tmp_path: Path) -> None:
    env, blog = blog_with_hooks(tmp_path)
    (blog / "posts").mkdir()
    (blog / "posts" / "log-loss.md").write_text(WRONG, encoding="utf-8")
    block = readme_block()
    (blog / "posts" / "cross-entropy.md").write_text(f"# Cross-entropy\n\n{block}",
                                                     encoding="utf-8")
    git("init", "-q", cwd=blog, env=env)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=blog, env=env,
                   check=True, capture_output=True, timeout=120)

    refused = commit(blog, env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "derivetex verify" in output and "derivetex render --check" in output
    assert output.count("Failed") == 2, output
    assert "posts/log-loss.md:6: error: " in output
    assert "posts/cross-entropy.md:3: missing: derivetex block 'multiclass --K 3" in output

    (blog / "posts" / "log-loss.md").write_text(WRONG.replace("-0.693147", "0.693147"),
                                                encoding="utf-8")
    render = [sys.executable, "-m", "derivetex", "render", "posts/cross-entropy.md"]
    subprocess.run(render, cwd=blog, env=env, check=True, capture_output=True, timeout=300)
    refused = commit(blog, env)  # rendered, but not in the flavor the hook asks for
    assert refused.returncode != 0
    assert "posts/cross-entropy.md:3: stale: " in refused.stdout + refused.stderr
    subprocess.run([*render, "--flavor", "qiita"], cwd=blog, env=env, check=True,
                   capture_output=True, timeout=300)
    assert "```math\n" in (blog / "posts" / "cross-entropy.md").read_text(encoding="utf-8")
    accepted = commit(blog, env)
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert output.count("Passed") == 2, output


def readme_snippet(opening: str) -> str:
    """The README's first fenced block that starts with ``opening``."""
    found = re.search(rf"```\w+\n({re.escape(opening)}.*?)```", README, re.DOTALL)
    assert found, f"the README shows a block starting {opening!r}"
    return found.group(1)


SPEC_POST = "# Counts\n\n```derivetex\nspec: ../specs/poisson.toml\n```\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_settings_a_suppression_and_a_spec_changed_alone(tmp_path: Path) -> None:
    """The README's settings and suppression pass; a commit of only a changed spec is refused
    while the post deriving it is stale, and passes once the post is rendered again."""
    env, blog = blog_with_hooks(tmp_path)
    settings = readme_snippet("[tool.derivetex]")
    (blog / "pyproject.toml").write_text(f"[project]\nname = 'blog'\n\n{settings}", "utf-8")
    (blog / "tex").mkdir()
    (blog / "tex" / "macros.tex").write_text("\\newcommand{\\R}{\\mathbb{R}}\n", "utf-8")
    (blog / "posts").mkdir()
    suppressed = readme_snippet("<!-- derivetex: ignore")
    (blog / "posts" / "decibel.md").write_text(f"# Decibels\n\n{suppressed}", "utf-8")
    (blog / "posts" / "bits.md").write_text("# Bits\n\nEight outcomes: $\\log 8 = 3$.\n", "utf-8")
    (blog / "specs").mkdir()
    spec = blog / "specs" / "poisson.toml"
    shutil.copy(ROOT / "examples" / "poisson.toml", spec)
    (blog / "posts" / "counts.md").write_text(SPEC_POST, encoding="utf-8")
    render = [sys.executable, "-m", "derivetex", "render", "posts/counts.md"]
    subprocess.run(render, cwd=blog, env=env, check=True, capture_output=True, timeout=300)
    assert "```math\n" in (blog / "posts" / "counts.md").read_text("utf-8")  # flavor = qiita
    git("init", "-q", cwd=blog, env=env)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=blog, env=env,
                   check=True, capture_output=True, timeout=120)
    accepted = commit(blog, env)
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    walked = subprocess.run([sys.executable, "-m", "derivetex", "verify", "."], cwd=blog,
                            env=env, capture_output=True, text=True, timeout=300)
    assert walked.returncode == 0, walked.stdout + walked.stderr
    assert "posts/decibel.md: 1 links: 0 ok, 0 error, 0 unchecked, 1 ignored" in walked.stdout

    spec.write_text(spec.read_text("utf-8").replace("整理すると", "計算すると"), "utf-8")
    refused = commit(blog, env)  # only the spec is staged
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "posts/counts.md:3: stale: derivetex block 'spec: ../specs/poisson.toml'" in output
    subprocess.run(render, cwd=blog, env=env, check=True, capture_output=True, timeout=300)
    accepted = commit(blog, env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


QUARTO = """---
title: "Entropy of a coin"
---

```{python}
print("a code chunk is left alone: 2 + 2 = 5")
```

A fair coin carries $-\\log 0.5 = 1$ bit; four outcomes, $\\log 4 = 2$ bits.
"""
RST = """Entropy
=======

A die with eight faces:

.. math::

   \\log 8 = 3

and :math:`\\ln e = 1`.
"""
MARKDOWN = """# Macros

With the course macro, $\\R$ stays a set and $\\log 16 = 4$.

A decibel line that is right in base 10 but not under log-base = 2:
<!-- derivetex: ignore DT103 -->
$$ 10 \\log 10 = 10 $$
"""


def _notebook(path: Path, claim: str) -> None:
    import nbformat

    cells = [
        nbformat.v4.new_markdown_cell("# Cross-entropy in bits"),
        nbformat.v4.new_code_cell("p = 0.25\nprint(p)"),
        nbformat.v4.new_markdown_cell(f"For the true class:\n\n$$ -\\log 0.25 = {claim} $$"),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_blog_of_every_kind_passes_and_a_wrong_number_planted_in_a_notebook_fails(
    tmp_path: Path,
) -> None:
    """Issue 19's acceptance: notebooks, a Quarto page, an rst page and Markdown posts, a
    pyproject.toml with log-base = 2 and a preamble, one suppressed false alarm: pre-commit
    passes on every file; a wrong number planted in the notebook fails on its cell and line
    with DT101, and ``derivetex verify .`` finds the same; bad settings are one line, exit 2."""
    env, blog = blog_with_hooks(tmp_path)
    (blog / "pyproject.toml").write_text(
        "[project]\nname = 'blog'\n\n[tool.derivetex]\nlog-base = 2\n"
        "preamble = [\"tex/macros.tex\"]\n", encoding="utf-8")
    (blog / "tex").mkdir()
    (blog / "tex" / "macros.tex").write_text("\\newcommand{\\R}{\\mathbb{R}}\n", "utf-8")
    for folder in ("notebooks", "pages", "docs", "posts"):
        (blog / folder).mkdir()
    notebook = blog / "notebooks" / "bits.ipynb"
    _notebook(notebook, "2")
    (blog / "pages" / "coin.qmd").write_text(QUARTO, encoding="utf-8")
    (blog / "docs" / "die.rst").write_text(RST, encoding="utf-8")
    (blog / "posts" / "macros.md").write_text(MARKDOWN, encoding="utf-8")
    git("init", "-q", cwd=blog, env=env)
    git("add", "-A", cwd=blog, env=env)
    run_all = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    passed = subprocess.run(run_all, cwd=blog, env=env, capture_output=True, text=True,
                            timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr

    _notebook(notebook, "1.386")  # natural log's value, where log-base = 2 says 2 bits
    git("add", "-A", cwd=blog, env=env)
    failed = subprocess.run(run_all, cwd=blog, env=env, capture_output=True, text=True,
                            timeout=900)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0, output
    assert "notebooks/bits.ipynb:cell 3:line 3: error: DT103" in output, output
    walked = subprocess.run([sys.executable, "-m", "derivetex", "verify", "."], cwd=blog,
                            env=env, capture_output=True, text=True, timeout=300)
    assert walked.returncode == 1
    errors = [line for line in walked.stdout.splitlines() if ": error: " in line]
    assert errors == [line for line in output.splitlines() if ": error: " in line] != []

    _notebook(notebook, "3")  # wrong in every base: a wrong number
    walked = subprocess.run([sys.executable, "-m", "derivetex", "verify", "."], cwd=blog,
                            env=env, capture_output=True, text=True, timeout=300)
    assert "notebooks/bits.ipynb:cell 3:line 3: error: DT101" in walked.stdout, walked.stdout

    (blog / "pyproject.toml").write_text("[tool.derivetex]\nlog-base = 'banana'\n", "utf-8")
    refused = subprocess.run([sys.executable, "-m", "derivetex", "verify", "."], cwd=blog,
                             env=env, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2 and refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "pyproject.toml" in refused.stderr and "log-base" in refused.stderr


def test_the_verify_hook_takes_every_suffix_verify_reads_and_no_other() -> None:
    from derivetex.verify.filetypes import SUFFIXES

    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    verify = hooks[hooks.index("- id: derivetex-verify"):hooks.index("- id: derivetex-render")]
    (pattern,) = re.findall(r"files: '(.*)'", verify)
    names = [f"post{suffix}" for suffix in SUFFIXES] + ["POST.MD", "nb.IPYNB", "notes.Rmd"]
    assert [n for n in names if not re.search(pattern, n)] == []
    others = ["post.txt", "spec.toml", "a.md.bak", "notebook.py", "page.html", "x.texi"]
    assert [n for n in others if re.search(pattern, n)] == []

"""A real editor: headless Neovim (Debian's ``neovim``) attaches ``derivetex lsp`` to a post
with one wrong step through its built-in LSP client and reads the diagnostic back with
``vim.diagnostic.get()``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
NVIM = shutil.which("nvim")


@pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (.ci/install-system.sh)")
def test_neovim_shows_the_wrong_step(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text((HERE / "docs" / "one-wrong-step.md").read_text("utf-8"), "utf-8")
    out = tmp_path / "diagnostics.json"
    env = {**os.environ, "DERIVETEX_NVIM_OUT": str(out), "DERIVETEX_PYTHON": sys.executable}
    assert NVIM is not None
    subprocess.run(
        [NVIM, "--headless", "--clean", str(post), "-c", f"luafile {HERE / 'nvim_attach.lua'}"],
        cwd=tmp_path, env=env, timeout=300, check=True, stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    result = json.loads(out.read_text())
    assert result["waited"] is True
    (diagnostic,) = result["diagnostics"]
    row = post.read_text("utf-8").split("\n")[diagnostic["lnum"]]
    assert diagnostic["lnum"] == 7 and diagnostic["severity"] == 1  # vim.diagnostic ERROR
    assert row[diagnostic["col"]:diagnostic["end_col"]] == "= 2 (y - t)"
    assert diagnostic["source"] == "derivetex" and "the two sides differ" in diagnostic["message"]

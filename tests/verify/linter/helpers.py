"""Run ``derivetex verify`` in this process on documents written into a temporary folder."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

from derivetex.cli import main


def verify(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> tuple[int, str, str]:
    """``derivetex verify ARGS``: the exit code, stdout and stderr."""
    import os
    import sys

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    old_stdin = sys.stdin
    try:
        if cwd is not None:
            os.chdir(cwd)
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["verify", *args])
            except SystemExit as stop:  # argparse's usage errors
                code = int(stop.code or 0)
    finally:
        os.chdir(previous)
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def findings(*args: str, cwd: Path | None = None) -> tuple[int, list[dict[str, Any]]]:
    """``verify --json ARGS``: the exit code and every file's report."""
    code, out, err = verify("--json", *args, cwd=cwd)
    assert code in (0, 1), err
    return code, json.loads(out)["files"]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path

"""Run the real CLI in a subprocess: exit code, output, wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_kb: int
    """Largest resident set of the CLI or any process it waited for (its verify workers)."""


def cli(*args: str | bytes, cwd: Path, env: dict[str, str] | None = None,
        timeout: float = 300, **popen: object) -> Run:
    """``python -m derivetex ARGS`` to completion, measured with wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "derivetex", *args], cwd=cwd, stdout=popen.pop("stdout", out),
            stderr=err, env={**os.environ, **(env or {})}, **popen,  # type: ignore[call-overload]
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                proc.kill()
                raise AssertionError(f"derivetex {args!r} did not finish within {timeout} s")
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode(errors="replace"),
                   err.read().decode(errors="replace"), seconds, usage.ru_maxrss)


def one_line_error(run: Run) -> str:
    """The single stderr line of a failed run (and that there is no traceback)."""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    return lines[0]

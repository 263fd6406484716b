"""Two guarantees of ``verify`` the README states: a written number beyond a float's range is
not read (nor built exactly), so ``1e999999999`` costs nothing; and the workers die with
derivetex, even when it is killed with SIGKILL (``PR_SET_PDEATHSIG``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hardening.helpers import cli


def test_a_number_beyond_a_float_is_unchecked_at_once(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(
        "$$\nx = 1e999999999 + 2.5e-999999999 = 2\n$$\n\n$$\nE = - \\log 0.5 = 0.693147\n$$\n",
        encoding="utf-8")
    run = cli("verify", "doc.md", "-v", "--no-cache", cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("a number beyond 1e308: 1e999999999") == 2
    assert "doc.md:6: ok:" in run.stdout
    assert run.seconds < 30 and run.peak_kb < 500 * 1024


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_die_with_a_killed_verify(tmp_path: Path) -> None:
    lines = [f"$$ (x + {a})^2 = x^2 + {2 * a}x + {a * a} $$\n\n" for a in range(1, 2000)]
    for name in ("one.md", "two.md"):
        (tmp_path / name).write_text("".join(lines), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "derivetex", "verify", "one.md", "two.md", "--jobs", "2",
         "--no-cache"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(workers := _children(proc.pid)) < 2:
        assert proc.poll() is None and time.monotonic() < deadline, "no two workers ran"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # orphans of a failed run must not outlive the test
        os.kill(pid, signal.SIGKILL)
    assert left == []

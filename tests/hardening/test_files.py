"""The output files of one run are replaced as a whole; no temporary file survives a failure
or a signal; lualatex never outlives derivetex; the PDF is the same in any time zone."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from derivetex.tools.requirements import require_tool
from hardening.helpers import cli, one_line_error

FILES = ("multiclass.ja.md", "multiclass.ja.tex", "multiclass.ja.json")


def contents(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def hidden(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.startswith(".")]


@pytest.fixture
def old_run(tmp_path: Path) -> dict[str, bytes]:
    """A first run in tmp_path/out (chapter 4); later runs write chapter 5."""
    assert cli("derive", "--chapter", "4", "-o", "out", cwd=tmp_path).returncode == 0
    return contents(tmp_path / "out")


def test_a_directory_at_a_target_is_refused_before_anything_is_replaced(
    tmp_path: Path, old_run: dict[str, bytes]
) -> None:
    out = tmp_path / "out"
    (out / FILES[1]).unlink()
    (out / FILES[1]).mkdir()
    run = cli("derive", "-o", "out", cwd=tmp_path)
    assert run.returncode == 2 and "is a directory" in one_line_error(run)
    assert contents(out) == {k: v for k, v in old_run.items() if k != FILES[1]}
    assert hidden(out) == []


def _file_size_limit() -> None:
    """In the child: writes past 3000 bytes fail with EFBIG (Python ignores SIGXFSZ)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))


def test_a_write_that_fails_mid_file_leaves_the_old_files_and_no_temporary(
    tmp_path: Path, old_run: dict[str, bytes]
) -> None:
    assert max(len(v) for v in old_run.values()) > 3000  # so one write really fails midway
    run = cli("derive", "-o", "out", cwd=tmp_path, preexec_fn=_file_size_limit)
    assert run.returncode == 2 and "File too large" in one_line_error(run)
    assert contents(tmp_path / "out") == old_run
    assert hidden(tmp_path / "out") == []


@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2, 1.5, 1.8])
def test_sigterm_at_any_moment_leaves_all_old_or_all_new_and_no_temporary(
    tmp_path: Path, old_run: dict[str, bytes], delay: float
) -> None:
    new_dir = tmp_path / "new"
    assert cli("derive", "-o", str(new_dir), cwd=tmp_path).returncode == 0
    new_run = contents(new_dir)
    proc = subprocess.Popen([sys.executable, "-m", "derivetex", "derive", "-o", "out"],
                            cwd=tmp_path, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=120) in (0, 128 + signal.SIGTERM, -signal.SIGTERM)
    assert contents(tmp_path / "out") in (old_run, new_run)
    assert hidden(tmp_path / "out") == []


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_temporaries_of_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    out.mkdir()
    tmp.mkdir()
    dead = _dead_pid()
    stale = out / f".multiclass.ja.md.derivetex-tmp-{dead}-x1y2"
    stale.write_text("half a file")
    workdir = tmp / f"derivetex-pdf-{dead}-abc"
    workdir.mkdir()
    (workdir / "document.tex").write_text("x")
    alive = out / f".multiclass.ja.md.derivetex-tmp-{os.getpid()}-x1y2"
    alive.write_text("another run is still writing this")
    run = cli("derive", "--format", "md", "pdf", "-o", "out", cwd=tmp_path,
              env={"TMPDIR": str(tmp)})
    if run.returncode != 0 and "lualatex" in run.stderr:
        require_tool("lualatex")
    assert run.returncode == 0, run.stderr
    assert not stale.exists() and not workdir.exists() and alive.exists()


def _children(pid: int) -> list[tuple[int, str]]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            name, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:]
            if int(rest.split()[1]) == pid:
                found.append((int(entry.name), name))
    return found


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


@pytest.mark.parametrize("kill", [signal.SIGTERM, signal.SIGKILL])
def test_a_signal_during_the_pdf_build_leaves_no_lualatex(tmp_path: Path, kill: int) -> None:
    require_tool("lualatex")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "derivetex", "derive", "--format", "pdf", "-o", "out"],
        cwd=tmp_path, env={**os.environ, "TMPDIR": str(tmp)}, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not (latex := [pid for pid, name in _children(proc.pid) if "tex" in name]):
        assert proc.poll() is None and time.monotonic() < deadline, "no lualatex started"
        time.sleep(0.02)
    proc.send_signal(kill)
    code = proc.wait(timeout=60)
    deadline = time.monotonic() + 10
    while _running(latex[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(latex[0])
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    if kill == signal.SIGTERM:
        assert code == 128 + signal.SIGTERM
        assert list(tmp.iterdir()) == []  # the work folder went with it
    else:
        cli("derive", "--format", "md", "-o", "out", cwd=tmp_path, env={"TMPDIR": str(tmp)})
        assert list(tmp.iterdir()) == []  # the next run removed the killed run's work folder


def test_the_pdf_is_the_same_bytes_in_any_time_zone_and_locale(tmp_path: Path) -> None:
    require_tool("lualatex")
    pdfs = set()
    for zone, locale in (("UTC", "C.UTF-8"), ("Asia/Tokyo", "ja_JP.UTF-8"),
                         ("America/Los_Angeles", "en_US.UTF-8")):
        run = cli("derive", "--format", "pdf", "-o", zone.replace("/", "-"), cwd=tmp_path,
                  env={"TZ": zone, "LC_ALL": locale, "LANG": locale})
        assert run.returncode == 0, run.stderr
        pdfs.add((tmp_path / zone.replace("/", "-") / "multiclass.ja.pdf").read_bytes())
    assert len(pdfs) == 1

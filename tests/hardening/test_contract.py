"""One exit contract for every command: 0, 1 (verify found an error), 2, one line on stderr;
a closed pipe ends quietly with 141. Every case the probe found is a test here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hardening.helpers import cli, one_line_error

DOCS = Path(__file__).resolve().parents[1] / "verify" / "docs"
SEED = str(DOCS / "planted-error.md")  # verify finds its error: exit 1 when all is well


def test_version(tmp_path: Path) -> None:
    run = cli("--version", cwd=tmp_path)
    assert run.returncode == 0 and run.stdout.startswith("derivetex ")


def test_help_lists_every_subcommand_with_one_line(tmp_path: Path) -> None:
    run = cli("-h", cwd=tmp_path)
    assert run.returncode == 0
    for command in ("derive", "verify"):
        (line,) = [ln for ln in run.stdout.splitlines() if ln.strip().startswith(command + " ")]
        assert len(line.split(command, 1)[1].strip()) > 10


@pytest.mark.parametrize("args", [("derive", "--format", "md", "-o", "-"), ("verify", SEED)])
def test_closed_pipe_ends_quietly_with_141(tmp_path: Path, args: tuple[str, ...]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte, like `| head` after it exits
    try:
        run = cli(*args, cwd=tmp_path, stdout=write)
    finally:
        os.close(write)
    assert run.returncode == 141 and run.stderr == ""


@pytest.mark.parametrize("args", [("derive", "--format", "md", "-o", "-"), ("verify", SEED)])
def test_full_stdout_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        run = cli(*args, cwd=tmp_path, stdout=full)
    assert run.returncode == 2  # for verify: not 1, which means "errors found"
    assert "No space left on device" in one_line_error(run)


@pytest.mark.parametrize("args", [("derive", "--format", "md", "-o", "-"), ("verify", SEED)])
def test_closed_stdout_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    command = [sys.executable, "-m", "derivetex", *args]
    proc = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *command], cwd=tmp_path,
                          capture_output=False, stderr=subprocess.PIPE, text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "stdout" in proc.stderr


def test_values_are_quoted_with_repr_on_one_line(tmp_path: Path) -> None:
    run = cli("derive", "--K", "3\nx", cwd=tmp_path)
    assert run.returncode == 2
    assert "'3\\nx'" in one_line_error(run)


@pytest.mark.parametrize("args", [
    ("--y", "0.33", "0.32", "0.35", "--t", "2000", "0", "0"),  # was an OverflowError
    ("--y", "0E+999999999", "0.5", "0.5", "--t", "0", "1", "0"),  # was a hang
    ("--y", "1." + "0" * 5000, "0", "0", "--t", "1", "0", "0"),  # was the int-string limit
])
def test_values_in_range_derive(tmp_path: Path, args: tuple[str, ...]) -> None:
    run = cli("derive", *args, "--format", "json", "-o", "-", cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr
    assert '"E"' in run.stdout


@pytest.mark.parametrize(("args", "message"), [
    (("--y", "0.33", "0.32", "0.35", "--t", "1e30", "0", "0"), "digits"),
    (("--y", "1" * 20_000, "0", "--t", "1", "0"), "too long"),
    (("--y", "1E+999999999", "0", "--t", "1", "0"), "out of range"),
])
def test_values_beyond_what_can_be_computed_are_refused(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    run = cli("derive", *args, "-o", "out", cwd=tmp_path, timeout=60)
    assert run.returncode == 2 and message in one_line_error(run)
    assert not (tmp_path / "out").exists()


def test_unencodable_label_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    run = cli("derive", "--labels", b"\xff", "b", "c", "-o", "out", cwd=tmp_path)
    assert run.returncode == 2 and "\\udcff" in one_line_error(run)
    assert not (tmp_path / "out").exists()


GUARD = (
    "import sys, derivetex.cli as c\n"
    "def broken(**options): raise TypeError('a bug')\n"  # fault injection: an unexpected bug
    "c.build_config = broken\n"
    "sys.exit(c.main(['derive']))\n"
)


@pytest.mark.parametrize("debug", ["0", "1"])
def test_an_unexpected_error_is_exit_2_traceback_only_in_debug(tmp_path: Path, debug: str) -> None:
    proc = subprocess.run([sys.executable, "-c", GUARD], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "DERIVETEX_DEBUG": debug}, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == (
        "derivetex: error: internal error: TypeError: a bug (DERIVETEX_DEBUG=1 shows the traceback)"
    )
    assert ("Traceback" in proc.stderr) == (debug == "1")

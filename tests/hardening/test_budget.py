"""verify's budgets: a link, a file, a worker; refused inputs; --jobs keeps file order."""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

import pytest

from derivetex.errors import BudgetExceeded
from derivetex.verify.budget import (
    FILE_SECONDS,
    GRACE_SECONDS,
    MAX_FILE_BYTES,
    file_budget,
    run_isolated,
    within_budget,
)
from hardening.helpers import cli, one_line_error

DOCS = Path(__file__).resolve().parents[1] / "verify" / "docs"
FILE_LIMIT = FILE_SECONDS + GRACE_SECONDS + 30  # the documented budget, plus start-up


def spin() -> None:
    while True:
        pass


def test_a_python_loop_is_stopped_at_its_budget() -> None:
    start = time.monotonic()
    with pytest.raises(BudgetExceeded, match="time budget"):
        within_budget(spin, seconds=0.3)
    assert time.monotonic() - start < 5


def test_an_alarm_swallowed_by_a_broad_except_comes_again() -> None:
    def stubborn() -> None:
        try:
            spin()
        except Exception:
            spin()

    with pytest.raises(BudgetExceeded):
        within_budget(stubborn, seconds=0.3)


def test_off_the_main_thread_it_only_runs_the_function() -> None:
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(within_budget(lambda: 7)))
    thread.start()
    thread.join()
    assert result == [7]


def test_once_the_file_budget_is_used_up_links_are_refused_at_once() -> None:
    with file_budget(0.2):
        time.sleep(0.3)
        with pytest.raises(BudgetExceeded, match="used up"):
            within_budget(lambda: 1)


def test_workers_report_memory_and_stuck_c_code_as_budget_and_keep_order() -> None:
    tasks = [
        lambda: "first",
        lambda: bytearray(4 << 30),  # over the worker's address-space cap
        lambda: re.match(r"(a+)+$", "a" * 60 + "b"),  # catastrophic backtracking in C
        lambda: 1 / 0,
        lambda: "last",
    ]
    start = time.monotonic()
    outcomes = run_isolated(tasks, jobs=2, seconds=1, grace=1)
    assert time.monotonic() - start < 30
    assert outcomes[0].value == "first" and outcomes[4].value == "last"
    assert outcomes[1].budget == "over the memory budget"
    assert outcomes[2].budget == "not finished within 1 s"
    assert outcomes[3].failure is not None and "ZeroDivisionError" in outcomes[3].failure


def test_deep_nesting_ends_as_an_unchecked_budget_finding(tmp_path: Path) -> None:
    nested = r"\log(" * 200 + "x" + ")" * 200
    (tmp_path / "deep.md").write_text(f"$$x = {nested}$$\n")
    run = cli("verify", "deep.md", cwd=tmp_path, timeout=FILE_LIMIT)
    assert run.returncode == 0 and "unchecked" in run.stdout
    assert run.seconds < FILE_LIMIT


# A directory is not refused since verify walks directories (issue 19: tests/verify walking
# tests); a FIFO or a device reached by walking is still never read.
@pytest.mark.parametrize("make", ["dev-zero", "fifo", "too-large"])
def test_non_regular_and_oversized_files_are_refused(tmp_path: Path, make: str) -> None:
    path = tmp_path / "doc.md"
    if make == "dev-zero":
        path.symlink_to("/dev/zero")
    elif make == "fifo":
        os.mkfifo(path)
    else:
        path.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    run = cli("verify", "doc.md", cwd=tmp_path, timeout=60)
    assert run.returncode == 2 and "cannot read 'doc.md'" in one_line_error(run)


def test_jobs_keep_the_file_order_and_the_exit_code(tmp_path: Path) -> None:
    files = [str(DOCS / name) for name in
             ("planted-error.md", "correct.tex", "own-output-en.md", "own-output-ja.md")]
    one = cli("verify", *files, "--json", cwd=tmp_path)
    many = cli("verify", *files, "--json", "--jobs", "3", cwd=tmp_path)
    assert one.returncode == many.returncode == 1
    assert one.stdout == many.stdout


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    run = cli("verify", str(DOCS / "correct.tex"), "--jobs", "0", cwd=tmp_path)
    assert run.returncode == 2 and "--jobs" in one_line_error(run)


LINEAR_SECONDS = 30
"""A megabyte read by a linear scanner is seconds of work (each link at most LINK_SECONDS)."""
PATHOLOGICAL = [
    pytest.param("doc.md", "$a " * 250_000, id="dollars.md"),
    pytest.param("doc.md", "\\[ x " * 200_000, id="brackets.md"),
    pytest.param("doc.md", "$$ x " * 200_000, id="double.md"),
    pytest.param("doc.tex", "\\[ x " * 200_000, id="brackets.tex"),
    pytest.param("doc.tex", "\\begin{verbatim} x " * 100_000, id="verbatim.tex"),
]


@pytest.mark.parametrize(("name", "text"), PATHOLOGICAL)
def test_a_megabyte_of_pathological_input_takes_seconds(
    tmp_path: Path, name: str, text: str
) -> None:
    (tmp_path / name).write_text(text)
    run = cli("verify", name, cwd=tmp_path, timeout=LINEAR_SECONDS)
    assert run.returncode in (0, 1) and run.stderr == ""

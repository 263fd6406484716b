"""Budgets of derive, render and the notebook magic: a worker with a memory cap and a time
limit ("budget:" in the one-line error), values whose exact arithmetic would not end refused
before the work, and a worker that dies for any reason costing its own file only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from derivetex.budget import run_budgeted, run_isolated
from derivetex.errors import BudgetExceeded, DerivetexError, InputError
from hardening.helpers import cli, one_line_error

ROOT = Path(__file__).resolve().parents[2]
POISSON = (ROOT / "examples" / "poisson.toml").read_text(encoding="utf-8")
VALUES = 'x = ["1", "3", "2"]'
MIXED = r"""spec = 1
name = "mixed"
title = "T"
[symbols]
y = { indexed = true, positive = true }
t = { indexed = true, positive = true }
[[chains]]
name = "c"
lhs = '\frac{\partial E}{\partial y_{k}}'
rows = ['\frac{\partial}{\partial y_{k}} (-\sum_{n}\sum_{k} t_{nk} \log y_{nk})']
"""


def spin() -> None:
    while True:
        pass


def test_run_budgeted_gives_the_value_and_the_works_own_error() -> None:
    assert run_budgeted(lambda: sum(range(10))) == 45

    def refuse() -> None:
        raise InputError("spec.toml: name: is required")

    with pytest.raises(InputError, match="^spec.toml: name: is required$"):
        run_budgeted(refuse)


@pytest.mark.parametrize(
    ("work", "reason"),
    [(spin, "not finished within 1 s"), (lambda: bytearray(4 << 30), "over the memory budget")],
)
def test_run_budgeted_ends_runaway_work_with_a_budget_error(work, reason) -> None:
    start = time.monotonic()
    with pytest.raises(BudgetExceeded, match=f"^budget: {reason}"):
        run_budgeted(work, seconds=1)
    assert time.monotonic() - start < 30


@pytest.mark.parametrize(
    ("values", "problem"),
    [('x = ["1e30", "3", "2"]', "x_{1} = 1.00E+30"), ('x = ["1", "3", "20001"]', "x_{3} = 20001"),
     (VALUES, None)],
)
def test_values_too_large_for_exact_arithmetic_are_refused_before_the_work(
    tmp_path, values, problem
):
    spec = tmp_path / "poisson.toml"
    text = POISSON.replace(VALUES, values)
    if problem is None:  # a large rate is no exponent: computed exactly, as before
        text = POISSON.replace('values = { lambda = "2", x = ["1", "3", "2"] }',
                               'values = { lambda = "100000", x = ["1", "3", "2"] }')
    spec.write_text(text, encoding="utf-8")
    run = cli("derive", "--spec", str(spec), "--format", "md", "-o", "-", cwd=tmp_path,
              timeout=120)
    if problem is None:
        assert run.returncode == 0, run.stderr
        return
    line = one_line_error(run)
    assert run.returncode == 2 and "too large to compute exactly" in line
    assert problem in line, line
    assert run.seconds < 60


def test_a_posts_block_with_a_huge_value_is_refused_and_the_post_kept(tmp_path) -> None:
    (tmp_path / "poisson.toml").write_text(POISSON.replace(VALUES, 'x = ["1e30", "3", "2"]'),
                                           encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("# Counts\n\n```derivetex\nspec: poisson.toml\n```\n", encoding="utf-8")
    before = post.read_bytes()
    run = cli("render", str(post), cwd=tmp_path, timeout=120)
    assert run.returncode == 2 and "too large to compute exactly" in one_line_error(run)
    assert post.read_bytes() == before and run.seconds < 60


def test_sympys_own_exception_in_derive_is_one_line(tmp_path) -> None:
    spec = tmp_path / "mixed.toml"
    spec.write_text(MIXED, encoding="utf-8")
    run = cli("derive", "--spec", str(spec), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 2 and "IndexException" in one_line_error(run)
    assert not (tmp_path / "out").exists()


def test_the_magic_shows_any_exception_as_one_usage_error() -> None:
    pytest.importorskip("IPython")
    from IPython.core.error import UsageError

    from derivetex.notebook import derivetex_cell

    with pytest.raises(UsageError, match=r"^%%derivetex cell: internal error: IndexException"):
        derivetex_cell("", MIXED)
    with pytest.raises(UsageError, match="too large to compute exactly"):
        derivetex_cell("", POISSON.replace(VALUES, 'x = ["1e30", "3", "2"]'))


def _die(signum: int) -> None:
    os.kill(os.getpid(), signum)
    time.sleep(5)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_worker_ended_by_any_signal_costs_its_task_only(signum) -> None:
    outcomes = run_isolated([lambda: "first", lambda: _die(signum), lambda: "last"], jobs=1)
    assert outcomes[0].value == "first" and outcomes[2].value == "last"
    assert outcomes[1].budget == f"the worker was ended by {signal.Signals(signum).name}"


def test_a_worker_that_exits_costs_its_task_only() -> None:
    outcomes = run_isolated([lambda: os._exit(3), lambda: "next"], jobs=1)
    assert outcomes[0].budget == "the worker ended with exit code 3 and no result"
    assert outcomes[1].value == "next"


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_verify_goes_on_when_a_worker_is_signalled_while_sigint_is_ignored(tmp_path, signum):
    """As in a script run with ``&``: the parent ignores SIGINT, a worker gets the signal."""
    lines = [f"$$ {a} + {b} = {a + b} $$\n\n$$ (x + {a})^2 = x^2 + {2 * a}x + {a * a} $$\n"
             for a in range(1, 200) for b in (1, 2)]
    for name in ("one.md", "two.md"):
        (tmp_path / name).write_text("".join(lines), encoding="utf-8")
    proc = subprocess.Popen(
        # --no-cache: both files must reach a worker; the cache (shared by the whole session)
        # would answer one of them from the parametrization's first run
        [sys.executable, "-m", "derivetex", "verify", "one.md", "two.md", "--jobs", "2", "-v",
         "--no-cache"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2:
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()  # before reading: a full stdout pipe would hold it (and us) forever
            pytest.fail(f"verify never ran two workers: {proc.communicate()[1][-2000:]}")
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(_children(proc.pid)[0], signum)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode in (0, 1), err
    assert f"budget: the worker was ended by {signal.Signals(signum).name}" in out
    assert out.count("one.md") >= 1 and out.count("two.md") >= 1


def _system_error() -> None:
    raise SystemError("error return without exception set")


def _chained() -> None:
    try:
        bytearray(4 << 30)
    except MemoryError as error:
        raise ValueError("could not build the row") from error


def _enomem() -> None:
    import errno

    raise OSError(errno.ENOMEM, "Cannot allocate memory")


@pytest.mark.parametrize("work", [_system_error, _chained, _enomem])
def test_memory_running_out_in_disguise_is_a_budget_error(work) -> None:
    """C code whose allocation failed raises ``SystemError`` (not a MemoryError); a library
    may wrap the MemoryError; mmap says ENOMEM: each is the memory budget, not an internal
    error."""
    with pytest.raises(BudgetExceeded, match="^budget: over the memory budget"):
        run_budgeted(work)


def test_a_real_bug_stays_an_internal_error() -> None:
    def bug() -> None:
        raise ValueError("a bug")

    with pytest.raises(DerivetexError, match="^internal error: ValueError: a bug$"):
        run_budgeted(bug)


@pytest.mark.parametrize("command", ["derive", "render"])
def test_a_worker_given_too_little_memory_is_one_budget_line(
    tmp_path, capfd, monkeypatch, command
) -> None:
    """The worker capped a few hundred KiB to a few MiB above what it holds when forked:
    wherever its allocation fails (in SymPy, in C code, sending its answer) the run is
    exit 2 and one line ``budget: …``, no traceback, or it finishes."""
    import derivetex.budget
    from derivetex.cli import main

    real = derivetex.budget.limit_memory

    def mapped() -> int:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmSize"))

    post = tmp_path / "post.md"
    post.write_text("```derivetex\nmulticlass --K 3 --y 0.33 0.32 0.35 --t 1 0 0\n```\n",
                    encoding="utf-8")
    args = (["render", str(post)] if command == "render" else
            ["derive", "--spec", str(ROOT / "examples" / "poisson.toml"), "--format", "md",
             "-o", str(tmp_path / "out")])
    failed = 0
    for kib in range(0, 8192, 384):
        monkeypatch.setattr(derivetex.budget, "limit_memory",
                            lambda limit=0, kib=kib: real((mapped() + kib) * 1024))
        code = main(args)
        err = capfd.readouterr().err
        if code == 0:
            continue
        failed += 1
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
        assert err.startswith("derivetex: error: budget: "), err
    assert failed, "no cap was small enough"

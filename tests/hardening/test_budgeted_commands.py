"""``derive`` and ``render`` do their work in the budgeted worker: through ``run_budgeted`` with
``WORK_SECONDS``, in a process of its own; the ``%%derivetex`` magic under ``WORK_SECONDS``
(1 ms here: its one-line budget error). ``test_work_budget.py`` tests ``run_budgeted`` itself
(runaway time and memory end as "budget: ...")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import derivetex.budget
from derivetex.cli import main

BLOCK = "multiclass --K 3 --y 0.33 0.32 0.35 --t 1 0 0"


@pytest.fixture
def budgeted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[float, int]]:
    """``run_budgeted`` spied on: the seconds of each call and the process its work ran in."""
    real = derivetex.budget.run_budgeted
    calls: list[tuple[float, int]] = []
    where = tmp_path / "pid"

    def spied(work, *, seconds=derivetex.budget.WORK_SECONDS):  # type: ignore[no-untyped-def]
        def marked():  # type: ignore[no-untyped-def]
            where.write_text(str(os.getpid()))
            return work()

        value = real(marked, seconds=seconds)
        calls.append((seconds, int(where.read_text())))
        return value

    monkeypatch.setattr(derivetex.budget, "run_budgeted", spied)
    return calls


def test_derive_runs_in_the_budgeted_worker(tmp_path: Path, capsys, budgeted) -> None:  # type: ignore[no-untyped-def]
    assert main(["derive", *BLOCK.split(), "--format", "md", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "multiclass.ja.md").exists()
    ((seconds, pid),) = budgeted
    assert seconds == derivetex.budget.WORK_SECONDS and pid != os.getpid()


def test_render_runs_its_posts_in_the_budgeted_worker(tmp_path: Path, capsys, budgeted) -> None:  # type: ignore[no-untyped-def]
    post = tmp_path / "post.md"
    post.write_text(f"# Post\n\n```derivetex\n{BLOCK}\n```\n", encoding="utf-8")
    assert main(["render", str(post)]) == 0
    assert "derivetex:end" in post.read_text(encoding="utf-8")
    ((seconds, pid),) = budgeted
    assert seconds == derivetex.budget.WORK_SECONDS and pid != os.getpid()


def test_the_magic_has_a_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("IPython")
    from IPython.core.error import UsageError

    import derivetex.notebook

    assert derivetex.notebook.WORK_SECONDS == derivetex.budget.WORK_SECONDS
    monkeypatch.setattr(derivetex.notebook, "WORK_SECONDS", 0.001)
    with pytest.raises(UsageError, match="over the time budget of 0.001 s"):
        derivetex.notebook.derivetex_cell("", BLOCK)

"""Time and memory budgets for work on other people's input: ``verify``, ``derive``, ``render``.

Three layers, each catching what the one inside it cannot:

- **a link**: ``within_budget(func)`` raises ``BudgetExceeded`` inside ``func`` after
  ``LINK_SECONDS`` (SIGALRM through ``setitimer``; the alarm repeats every ``ALARM_REPEAT``
  seconds in case a broad ``except`` inside SymPy swallows one). The audit reports the link as
  ``unchecked`` with a message starting "budget:". A link's time is also cut to what is left
  of its file's ``FILE_SECONDS``; after that every further link is unchecked at once.
- **memory**: each file is audited in a forked worker process whose address space is capped
  (``RLIMIT_AS`` = ``WORKER_MEMORY``), so SymPy growing without bound ends in a MemoryError
  (reported like a time budget) instead of taking the machine; so does C code whose failed
  allocation surfaces as a ``SystemError`` or ``ENOMEM`` (``_out_of_memory``), and a worker
  too short of memory to send its answer sends one pickled before the cap.
- **a stuck worker**: C code (a huge integer power, a regular expression) does not see
  signals. The parent kills a worker still running ``GRACE_SECONDS`` after its file's
  budget and reports that file as one ``unchecked`` finding with reason "budget".
- **a dead worker**: a worker that ends without an answer, for any reason (SIGKILL of the
  out-of-memory killer, SIGTERM or SIGINT sent to it alone, a crash), costs its task only:
  the task's outcome names the budget and a fresh worker takes the next one.

``run_budgeted`` runs one piece of work (``derive`` and ``render`` of the command line) the
same way, in one worker of ``WORKER_MEMORY`` and ``WORK_SECONDS``, and raises
``BudgetExceeded`` ("budget: ...") when it runs out; the work's own errors come back as they
were raised, so the command line still prints them as one line.

Forking costs a few milliseconds per file; the parent has already imported SymPy, so a
worker starts warm. While workers run, the parent's objects are frozen out of the
collector (``gc.freeze``): a worker's collections would otherwise write to every one of them
and copy the pages it shares with the parent (about 12 ms on the reference article). Off the
main thread (or without ``setitimer``) ``within_budget`` only runs ``func``: the worker's
limits still hold there.
"""

from __future__ import annotations

import ctypes
import errno
import gc
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import ForkingPickler
from typing import Any, TypeVar

from derivetex.errors import BudgetExceeded, DerivetexError

T = TypeVar("T")

LINK_SECONDS = 10.0
FILE_SECONDS = 60.0
GRACE_SECONDS = 10.0
ALARM_REPEAT = 0.5
WORK_SECONDS = 60.0
"""The time of one ``derive`` or ``render`` run's derivations (not of building its PDF)."""
WORKER_MEMORY = 1 << 30
"""Bytes of address space a worker may map (1 GiB); a verify run of N jobs stays under N GiB."""

PR_SET_PDEATHSIG = 1
OUT_OF_MEMORY = "over the memory budget"
"""The budget a worker ran out of when any allocation failed (see ``_out_of_memory``)."""

_file_deadline: float | None = None


def within_budget(func: Callable[[], T], *, seconds: float = LINK_SECONDS) -> T:
    """Run func(); raise BudgetExceeded if it takes longer than ``seconds``.

    SIGALRM/setitimer based: works in the main thread of a worker; off the main thread, or
    where there is no setitimer, it only runs ``func``. Not re-entrant (one link at a time).
    """
    if threading.current_thread() is not threading.main_thread() or not _has_timer():
        return func()
    allowed = seconds
    if _file_deadline is not None:
        allowed = min(allowed, _file_deadline - time.monotonic())
    if allowed <= 0:
        raise BudgetExceeded(f"the file's {FILE_SECONDS:g} s are used up")
    reason = (
        f"over the time budget of {seconds:g} s" if allowed == seconds
        else f"the file's {FILE_SECONDS:g} s are used up"
    )

    def alarm(signum: int, frame: object) -> None:
        raise BudgetExceeded(reason)

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, allowed, ALARM_REPEAT)
    try:
        return func()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def file_budget(seconds: float = FILE_SECONDS) -> Iterator[None]:
    """Links checked inside share ``seconds`` (each still has at most its own budget)."""
    global _file_deadline
    outer = _file_deadline
    _file_deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _file_deadline = outer


def limit_memory(limit: int = WORKER_MEMORY) -> None:
    """Cap this process's address space; allocation past it raises MemoryError."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _has_timer() -> bool:
    return hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


@dataclass(frozen=True)
class Outcome:
    """How one isolated task ended: its value, or why there is none."""

    value: Any = None
    budget: str | None = None
    """Why the task ran out of time or memory ("over the memory budget", ...)."""
    failure: str | None = None
    """An unexpected error in the task (a bug), as ``Type: message``."""
    error: DerivetexError | None = None
    """The project's own error the task raised (bad input), to be raised again by the caller."""


def run_budgeted(work: Callable[[], T], *, seconds: float = WORK_SECONDS) -> T:
    """``work()`` in a forked worker under ``WORKER_MEMORY`` and ``seconds``; its value must
    pickle. Out of budget: ``BudgetExceeded`` starting "budget:"; the work's DerivetexError is
    raised again as it was; any other failure is a DerivetexError naming it."""
    (outcome,) = run_isolated([work], 1, seconds=seconds)
    if outcome.budget is not None:
        raise BudgetExceeded(f"budget: {outcome.budget} (at most {seconds:g} s and "
                             f"{WORKER_MEMORY >> 30} GiB)")
    if outcome.error is not None:
        raise outcome.error
    if outcome.failure is not None:
        raise DerivetexError(f"internal error: {outcome.failure}")
    return outcome.value


def run_isolated(
    tasks: Sequence[Callable[[], Any]], jobs: int = 1, *, seconds: float = FILE_SECONDS,
    grace: float = GRACE_SECONDS,
) -> list[Outcome]:
    """Run the tasks in ``jobs`` forked worker processes; the outcomes in task order.

    A worker takes one task after another (its SymPy cache stays warm), each under a
    ``file_budget`` of ``seconds`` and ``limit_memory``. A worker still busy with a task
    ``grace`` seconds after that is killed, the task's outcome names the budget, and a fresh
    worker takes the next task.
    """
    context = multiprocessing.get_context("fork")
    freeze = gc.get_freeze_count() == 0  # someone else's freeze is theirs to undo
    if freeze:
        gc.freeze()  # workers' collections skip what they share with us: no copy-on-write
    queue = list(range(len(tasks)))[::-1]
    outcomes: list[Outcome | None] = [None] * len(tasks)
    idle: list[_Worker] = []
    busy: dict[Connection, _Worker] = {}
    try:
        while queue or busy:
            while queue and len(idle) + len(busy) < max(1, jobs):
                idle.append(_Worker.start(context, tasks, seconds))
            while queue and idle:
                worker = idle.pop()
                worker.give(queue.pop(), seconds + grace)
                busy[worker.connection] = worker
            nearest = min(worker.deadline for worker in busy.values())
            for ready in wait(list(busy), timeout=max(0.0, nearest - time.monotonic())):
                worker = busy.pop(ready)  # type: ignore[call-overload]
                index, outcome = worker.task, worker.receive()
                outcomes[index] = outcome or worker.death()
                if outcome is None:
                    worker.stop()
                else:
                    idle.append(worker)
            now = time.monotonic()
            for connection, worker in list(busy.items()):
                if now >= worker.deadline:
                    del busy[connection]
                    worker.stop()
                    outcomes[worker.task] = Outcome(budget=f"not finished within {seconds:g} s")
    finally:
        for worker in [*idle, *busy.values()]:
            worker.stop()
        if freeze:
            gc.unfreeze()
    return [outcome or Outcome(failure="no result") for outcome in outcomes]


@dataclass
class _Worker:
    """A forked process serving tasks by index over a pipe, one at a time."""

    process: Any
    connection: Connection
    task: int = -1
    deadline: float = 0.0

    @classmethod
    def start(cls, context: Any, tasks: Sequence[Callable[[], Any]], seconds: float) -> _Worker:
        mine, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, tasks, seconds), daemon=True)
        process.start()
        theirs.close()
        return cls(process, mine)

    def give(self, task: int, seconds: float) -> None:
        self.task, self.deadline = task, time.monotonic() + seconds
        self.connection.send(task)

    def receive(self) -> Outcome | None:
        try:
            outcome = self.connection.recv()
        except (EOFError, OSError):
            return None
        return outcome if isinstance(outcome, Outcome) else None

    def death(self) -> Outcome:
        """The outcome of a task whose worker died without answering: whatever ended it
        (the out-of-memory killer's SIGKILL, a SIGTERM or SIGINT, a crash), only this task
        is lost, reported as out of budget."""
        self.process.join(5)
        code = self.process.exitcode
        if code is not None and code < 0:
            name = _signal_name(-code)
            why = " (out of memory?)" if -code in (signal.SIGKILL, signal.SIGSEGV) else ""
            return Outcome(budget=f"the worker was ended by {name}{why}")
        return Outcome(budget=f"the worker ended with exit code {code} and no result")

    def stop(self) -> None:
        with suppress(OSError, ValueError):
            self.connection.send(None)
        with suppress(OSError, ValueError, AttributeError):
            self.process.kill()
        self.process.join()
        self.connection.close()


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _serve(connection: Connection, tasks: Sequence[Callable[[], Any]], seconds: float) -> None:
    """In the worker: default signals, capped memory; run each task index sent until None."""
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, signal.SIG_DFL)
    with suppress(OSError, AttributeError):  # die with the parent, even if it is SIGKILLed
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    # pickled before the cap: telling the parent must not need memory the worker has not
    out_of_memory = ForkingPickler.dumps(Outcome(budget=OUT_OF_MEMORY))
    limit_memory()
    while True:
        try:
            index = connection.recv()
        except (EOFError, OSError):
            return
        if index is None:
            return
        outcome = _run_one(tasks[index], seconds)
        try:
            connection.send(outcome)
        except (MemoryError, SystemError):
            try:
                connection.send_bytes(out_of_memory)
            except BaseException:  # no traceback on stderr: the parent reports the death
                os._exit(1)


def _run_one(task: Callable[[], Any], seconds: float) -> Outcome:
    try:
        with file_budget(seconds):
            return Outcome(value=task())
    except MemoryError:
        return Outcome(budget=OUT_OF_MEMORY)
    except RecursionError:
        return Outcome(budget="nested too deeply")
    except BudgetExceeded as error:
        return Outcome(budget=str(error))
    except DerivetexError as error:
        return Outcome(failure=f"{type(error).__name__}: {str(error)[:200]}", error=error)
    except Exception as error:
        if _out_of_memory(error):
            return Outcome(budget=OUT_OF_MEMORY)
        return Outcome(failure=f"{type(error).__name__}: {str(error)[:200]}")


def _out_of_memory(error: BaseException) -> bool:
    """Whether ``error`` is the worker's memory cap in disguise: a ``SystemError`` (C code
    whose allocation failed returned an error without setting one: "error return without
    exception set"), an ``OSError`` ENOMEM, or any error raised while handling a MemoryError
    or because of one."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (MemoryError, SystemError)) or (
                isinstance(current, OSError) and current.errno == errno.ENOMEM):
            return True
        current = current.__cause__ or current.__context__
    return False

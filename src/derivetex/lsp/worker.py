"""The server's audits run in one long-lived forked process, so the server never dies of one.

The worker keeps a ``SectionAuditor`` (its kept sections stay warm from one edit to the next)
and audits each document under verify's budgets: a link over its time is cut and reported
unchecked (SIGALRM works there: the worker's audit runs on its main thread), the address space
is capped, and a whole document shares ``FILE_SECONDS``. If the worker dies (a segfault, memory)
or is still busy ``GRACE_SECONDS`` after the file's budget (C code that ignores signals), the
server kills it, answers that document with one unchecked finding naming why, and forks a new
worker for the next request; every other document's diagnostics stay as they were.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection

from derivetex.lsp.adapter import UNCHECKED, FileReport, Finding, Macro, SectionAuditor
from derivetex.verify.budget import FILE_SECONDS, GRACE_SECONDS, file_budget, limit_memory


@dataclass(frozen=True)
class Audit:
    """A document's report, and how much of it was audited afresh."""

    report: FileReport
    audited: int = 0
    reused: int = 0


class Worker:
    """One forked audit process; ``audit`` is blocking and one at a time (a lock)."""

    def __init__(self, seconds: float = FILE_SECONDS, grace: float = GRACE_SECONDS) -> None:
        self.seconds, self.grace = seconds, grace
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._status: int | None = None
        self._connection: Connection | None = None
        self.restarts = 0

    def audit(
        self, text: str, kind: str, path: str, macros: dict[str, Macro] | None = None,
        log_base: str | None = None, log_base_from: str | None = None,
    ) -> Audit:
        """The audit of ``text`` with the settings' ``macros`` and ``log_base`` (stated where
        ``log_base_from`` says)."""
        with self._lock:
            if not self.alive():
                self._stop()
                self._start()
            assert self._connection is not None
            try:
                self._connection.send((text, kind, path, self.seconds, macros, log_base,
                                       log_base_from))
            except (OSError, ValueError):
                return self._lost(path, "the audit process could not be reached")
            if not self._connection.poll(self.seconds + self.grace):
                return self._lost(path, f"not finished within {self.seconds:g} s")
            try:
                answer = self._connection.recv()
            except (EOFError, OSError):
                return self._lost(path, self._death())
            if isinstance(answer, Audit):
                return answer
            return Audit(_one(path, f"derivetex could not audit this file: {answer}", "crash"))

    def stop(self) -> None:
        with self._lock:
            self._stop()

    def _start(self) -> None:
        """Fork with ``os.fork``, not ``multiprocessing.Process``: that closes ``sys.stdin`` in
        the child, whose lock the server's reading thread holds at the fork (a deadlock)."""
        mine, theirs = multiprocessing.Pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                mine.close()
                os.dup2(2, 1)  # nothing the worker prints may reach the protocol's stdout
                _serve(theirs)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        theirs.close()
        self._pid, self._connection = pid, mine

    def alive(self) -> bool:
        if self._pid is None:
            return False
        try:
            done, status = os.waitpid(self._pid, os.WNOHANG)
        except ChildProcessError:
            return False
        if done:
            self._status = status
        return done == 0

    def _lost(self, path: str, why: str) -> Audit:
        """Kill a worker that died or hangs; the next request forks a new one."""
        self._stop()
        self.restarts += 1
        return Audit(_one(path, f"budget: {why}", "budget"))

    def _stop(self) -> None:
        if self._connection is not None:
            with suppress(OSError, ValueError):
                self._connection.send(None)
            self._connection.close()
        if self._pid is not None:
            with suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
        self._pid, self._connection = None, None

    def _death(self) -> str:
        """Why the worker ended (it answered nothing)."""
        status = None
        if self._pid is not None:
            with suppress(ChildProcessError):
                _, status = os.waitpid(self._pid, 0)
            self._pid = None
        status = status if status is not None else self._status
        if status is not None and os.WIFSIGNALED(status):
            return f"the audit process was ended by {signal.Signals(os.WTERMSIG(status)).name}"
        code = os.WEXITSTATUS(status) if status is not None else None
        return f"the audit process ended with exit code {code}"


def _one(path: str, message: str, reason: str) -> FileReport:
    return FileReport(path, (Finding(1, UNCHECKED, "", message, None, reason),))


def _serve(connection: Connection) -> None:
    """In the worker: default signals, capped memory, one SectionAuditor for every request."""
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, signal.SIG_DFL)
    with suppress(OSError, AttributeError):  # die with the server
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    limit_memory()
    auditor = SectionAuditor()
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        connection.send(_answer(auditor, *request))


def _answer(
    auditor: SectionAuditor, text: str, kind: str, path: str, seconds: float,
    macros: dict[str, Macro] | None = None, log_base: str | None = None,
    log_base_from: str | None = None,
) -> object:
    """The audit, or a one-line reason it has none (the worker lives on)."""
    start = time.monotonic()
    try:
        with file_budget(seconds):
            report = auditor.audit(text, kind, path, macros, log_base, log_base_from)
        return Audit(report, auditor.audited, auditor.reused)
    except MemoryError:
        auditor.clear()
        return Audit(_one(path, "budget: over the memory budget", "budget"))
    except RecursionError:
        return Audit(_one(path, "budget: nested too deeply", "budget"))
    except Exception as error:
        spent = time.monotonic() - start
        return f"{type(error).__name__}: {str(error)[:200]} (after {spent:.1f} s)"

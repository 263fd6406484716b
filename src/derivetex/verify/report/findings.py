"""Findings: the verdict on each link, the warnings about a document's own derivetex comments,
and one document's report. The formats (``text``, ``json``, ``github``, ``sarif``) only read
these records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

OK = "ok"
ERROR = "error"
UNCHECKED = "unchecked"
IGNORED = "ignored"
"""Not a status: the summary's count of suppressed findings."""


def where(line: int, cell: int | None) -> str:
    """``12``, or ``cell 3:line 2`` for a line of a notebook's cell."""
    return str(line) if cell is None else f"cell {cell}:line {line}"


@dataclass(frozen=True)
class Finding:
    """The verdict on one link; ``line`` is where its right-hand side starts (1-based)."""

    line: int
    status: str
    latex: str
    message: str
    diagnosis: str | None = None
    reason: str | None = None
    rules: tuple[str, ...] = ()
    """With ``--explain``: the registered rules that take the left side to the right."""
    justification: str | None = None
    """With ``--explain``: those rules in the catalog's words, a row to paste into a post."""
    code: str | None = None
    """An error's ``DT1xx`` (``verify.codes``), an unchecked finding's reason, ok: None."""
    readings: tuple[str, ...] = ()
    """The codes of the registered readings the verdict rests on (``verify.readings``)."""
    cell: int | None = None
    """In a notebook: the cell (counted from 1 among all cells) that ``line`` is a line of."""
    suppressed_by: str | None = None
    """``comment`` (a ``derivetex: ignore``) or ``config`` (``ignore``, ``per-file-ignores``,
    ``select``): the finding is counted as ignored and never fails the run."""

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "line": self.line,
            "status": self.status,
            "latex": self.latex,
            "message": self.message,
            "diagnosis": self.diagnosis,
            "reason": self.reason,
            "code": self.shown_code,
            "suppressed": self.suppressed,
            "readings": list(self.readings),
        }
        if self.rules:
            data.update(rules=list(self.rules), justification=self.justification)
        if self.cell is not None:
            data["cell"] = self.cell
        return data

    @property
    def is_error(self) -> bool:
        """Whether the verdict was an error (read here; only ``decide.verdict`` makes one)."""
        return self.status == ERROR

    @property
    def suppressed(self) -> bool:
        return self.suppressed_by is not None

    @property
    def where(self) -> str:
        """``line``, or ``cell N:line M`` in a notebook (as ruff reports notebooks)."""
        return where(self.line, self.cell)

    @property
    def shown_code(self) -> str | None:
        """The code, falling back to the reason for an unchecked finding made without one."""
        if self.code is None and self.status == UNCHECKED:
            return self.reason
        return self.code


@dataclass(frozen=True)
class Notice:
    """A warning about a derivetex comment itself (an ignore that suppresses nothing)."""

    line: int
    code: str
    message: str
    cell: int | None = None

    @property
    def where(self) -> str:
        return where(self.line, self.cell)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"line": self.line, "code": self.code, "message": self.message}
        if self.cell is not None:
            data["cell"] = self.cell
        return data


@dataclass(frozen=True)
class FileReport:
    """Every finding in one document, in source order, and the warnings about its comments."""

    path: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    notices: tuple[Notice, ...] = field(default_factory=tuple)

    @property
    def has_errors(self) -> bool:
        """An error no comment or setting suppressed: only these fail the run."""
        return any(f.status == ERROR and not f.suppressed for f in self.findings)

    def count(self, status: str) -> int:
        """Findings of ``status`` not suppressed; ``IGNORED``: the suppressed ones."""
        if status == IGNORED:
            return sum(1 for f in self.findings if f.suppressed)
        return sum(1 for f in self.findings if f.status == status and not f.suppressed)

    def summary(self) -> dict[str, int]:
        return {status: self.count(status) for status in (OK, ERROR, UNCHECKED, IGNORED)}

    def coverage(self) -> str:
        """``N links: a ok, b error, c unchecked`` and ``, d ignored`` when some are."""
        ignored = self.count(IGNORED)
        return (
            f"{len(self.findings)} links: {self.count(OK)} ok, {self.count(ERROR)} error, "
            f"{self.count(UNCHECKED)} unchecked" + (f", {ignored} ignored" if ignored else "")
        )


Make = Callable[..., Finding]
"""Makes a link's finding: ``make(status, message, diagnosis=None, reason="")``."""

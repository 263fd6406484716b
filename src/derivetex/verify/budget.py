"""The budgets of ``verify``: the mechanism is ``derivetex.budget`` (a link's time, a file's
time, a worker's memory, a worker that dies); this module names what verify adds to it."""

from __future__ import annotations

from derivetex.budget import (
    ALARM_REPEAT,
    FILE_SECONDS,
    GRACE_SECONDS,
    LINK_SECONDS,
    WORKER_MEMORY,
    Outcome,
    file_budget,
    limit_memory,
    run_isolated,
    within_budget,
)

__all__ = [
    "ALARM_REPEAT", "FILE_SECONDS", "GRACE_SECONDS", "LINK_SECONDS", "MAX_FILE_BYTES",
    "WORKER_MEMORY", "Outcome", "file_budget", "limit_memory", "run_isolated", "within_budget",
]

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Input files larger than this (5 MiB) are refused before any work."""

"""Readings of notation as registered records, as the rewrite rules are.

A reading says how verify takes a piece of writing that a plain reading would get wrong or
could not judge (``\\lg`` in either base, a bare log in a text about bits, ``t = t + 1`` as an
update). Each is a frozen :class:`ReadingRecord` with a stable code, an example the reading
applies to and a counter-example it must not apply to (both tested), and whether it may
*accuse*: only a reading measured on writing it was not built from may make a link an
``error``; a new one starts confirm-only (preview). The verdict rule (``verify.decide.verdict``)
is where that difference is enforced; a check only says which readings its answer rests on.
"""

from __future__ import annotations

from collections.abc import Iterable

from derivetex.errors import InputError
from derivetex.verify.readings.catalog import RECORDS
from derivetex.verify.readings.record import ReadingRecord

REGISTRY: dict[str, ReadingRecord] = {record.code: record for record in RECORDS}
"""Every registered reading by its code (``R102``)."""


def may_accuse(codes: Iterable[str]) -> bool:
    """Whether an answer resting on ``codes`` may make its link an ``error``."""
    return all(REGISTRY[code].accuses for code in codes)


def confirm_only(codes: Iterable[str]) -> tuple[str, ...]:
    """The codes among ``codes`` that only confirm (in the order given)."""
    return tuple(code for code in codes if not REGISTRY[code].accuses)


def disabled_codes(codes: Iterable[str]) -> frozenset[str]:
    """The codes of ``--disable-reading``, checked against the registry (bad input if not)."""
    wanted = frozenset(code.strip().upper() for code in codes)
    unknown = sorted(wanted - REGISTRY.keys())
    if unknown:
        raise InputError(
            f"unknown reading {unknown[0]!r} for --disable-reading "
            f"(the catalog in docs/verify.md lists R001..{max(REGISTRY)})"
        )
    return wanted


__all__ = ["REGISTRY", "ReadingRecord", "confirm_only", "disabled_codes", "may_accuse"]

"""What every registered reading's test asserts: its example rests on it, its counter-example
does not, and with the reading disabled the example no longer does."""

from __future__ import annotations

import pytest

from derivetex.verify import audit_text
from derivetex.verify.readings import REGISTRY, ReadingRecord


def records_of(family: str) -> list[ReadingRecord]:
    return [record for record in REGISTRY.values() if record.family == family]


def parametrized(family: str) -> pytest.MarkDecorator:
    records = records_of(family)
    return pytest.mark.parametrize("record", records, ids=[f"{r.code}-{r.name}" for r in records])


def resting_on(text: str, code: str, disabled: frozenset[str] = frozenset()) -> list[str]:
    """The findings of ``text`` (one line each) whose verdict rests on ``code``."""
    report = audit_text(text, "md", disabled=disabled)
    return [f"{f.line}: {f.status}: {f.message}" for f in report.findings if code in f.readings]


def check_record(record: ReadingRecord) -> None:
    assert resting_on(record.example, record.code), f"{record.code}'s example is not read so"
    assert not resting_on(record.counter, record.code), f"{record.code} read its counter-example"
    off = resting_on(record.example, record.code, frozenset({record.code}))
    assert not off, f"{record.code} still taken when disabled: {off}"

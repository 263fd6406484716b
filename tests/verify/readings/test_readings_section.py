"""The registered readings of the ``section`` family, each on its example and counter-example."""

from __future__ import annotations

from registry_cases import check_record, parametrized

from derivetex.verify.readings import ReadingRecord


@parametrized("section")
def test_reading(record: ReadingRecord) -> None:
    check_record(record)

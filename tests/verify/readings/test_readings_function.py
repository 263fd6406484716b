"""The registered readings of the ``function`` family, each on its example and counter-example."""

from __future__ import annotations

from registry_cases import check_record, parametrized

from derivetex.verify.readings import ReadingRecord


@parametrized("function")
def test_reading(record: ReadingRecord) -> None:
    check_record(record)


def test_r307_names_the_layout_and_accuses_since_measured() -> None:
    """The gradient reading says its layout; measured (stop 21), a wrong gradient on it is an
    error, and with R307 off it is not judged at all."""
    from derivetex.verify import audit_text

    row = "$$ \\nabla_{\\mathbf{w}} (\\mathbf{w}^\\top \\mathbf{w}) = 2 \\mathbf{w}^\\top $$\n"
    wrong = "$$ \\nabla_{\\mathbf{w}} (\\mathbf{w}^\\top \\mathbf{w}) = 3 \\mathbf{w} $$\n"
    (held,) = audit_text(row, "md").findings
    assert held.status == "ok" and "numerator layout" in held.message
    assert held.readings == ("R307",)
    (accused,) = audit_text(wrong, "md").findings
    assert accused.status == "error" and accused.readings == ("R307",)
    (off,) = audit_text(wrong, "md", disabled=frozenset({"R307"})).findings
    assert off.status == "unchecked"

"""The registered readings of the ``function`` family, each on its example and counter-example."""

from __future__ import annotations

from registry_cases import check_record, parametrized

from derivetex.verify.readings import ReadingRecord


@parametrized("function")
def test_reading(record: ReadingRecord) -> None:
    check_record(record)


def test_r307_names_the_layout_and_only_confirms() -> None:
    """The gradient reading says its layout; a wrong gradient on it alone is withheld."""
    from derivetex.verify import audit_text

    row = "$$ \\nabla_{\\mathbf{w}} (\\mathbf{w}^\\top \\mathbf{w}) = 2 \\mathbf{w}^\\top $$\n"
    wrong = "$$ \\nabla_{\\mathbf{w}} (\\mathbf{w}^\\top \\mathbf{w}) = 3 \\mathbf{w} $$\n"
    (held,) = audit_text(row, "md").findings
    assert held.status == "ok" and "numerator layout" in held.message
    assert held.readings == ("R307",)
    (withheld,) = audit_text(wrong, "md").findings
    assert withheld.status == "unchecked" and withheld.reason == "preview"

"""Every spec document derivetex writes passes its own ``verify``: no error, nothing left
unchecked, in Markdown and LaTeX, both languages."""

from __future__ import annotations

import pytest
from tests.specs.documents import CASES, IDS, spec_document

from derivetex.verify import audit_text


@pytest.mark.parametrize("fmt", ["md", "tex"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_output_verifies_clean(case, fmt):
    report = audit_text(str(spec_document(*case).render(fmt)), fmt)
    summary = report.summary()
    assert (summary["error"], summary["unchecked"]) == (0, 0), [
        f.message for f in report.findings if f.status != "ok"]
    assert summary["ok"] >= 3

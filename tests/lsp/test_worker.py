"""The server's audit worker and the section-by-section audit it keeps warm."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from derivetex.lsp.adapter import SectionAuditor
from derivetex.lsp.worker import Worker
from derivetex.verify.audit import audit_text

DOCS = Path(__file__).parent / "docs"
CORPUS_LIKE = sorted((Path(__file__).parents[1] / "verify" / "docs").glob("*.md"))[:6]


@pytest.mark.parametrize("path", [DOCS / "post.md", DOCS / "homework.tex", *CORPUS_LIKE],
                         ids=lambda p: p.name)
def test_section_by_section_gives_what_audit_text_gives(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    kind = "tex" if path.suffix == ".tex" else "md"
    auditor = SectionAuditor()
    assert auditor.audit(text, kind, str(path)) == audit_text(text, kind, str(path))
    assert auditor.audit(text, kind, str(path)) == audit_text(text, kind, str(path))
    assert auditor.audited == 0 and auditor.reused >= 1


def test_an_edit_re_audits_only_its_section() -> None:
    text = (DOCS / "post.md").read_text(encoding="utf-8")
    auditor = SectionAuditor()
    first = auditor.audit(text, "md")
    sections = auditor.audited
    edited = text.replace(r"(a + b)^2 = a^2 + 2ab + b^2", r"(a + b)^2 = a^2 + ab + b^2")
    second = auditor.audit(edited, "md")
    assert sections == 3 and (auditor.audited, auditor.reused) == (1, 2)
    assert second == audit_text(edited, "md")
    assert second.findings[-1].status != first.findings[-1].status == "ok"


def test_a_definition_changed_above_re_audits_the_sections_that_read_it() -> None:
    text = "# One\n\n$$ f = x^2 $$\n\n# Two\n\n$$ f = x \\cdot x $$\n"
    auditor = SectionAuditor()
    auditor.audit(text, "md")
    changed = text.replace("f = x^2", "f = x^3")
    assert auditor.audit(changed, "md") == audit_text(changed, "md")
    assert auditor.audited == 2


def test_a_killed_worker_is_one_finding_and_the_next_audit_runs() -> None:
    worker = Worker(seconds=60, grace=5)
    try:
        post = (DOCS / "post.md").read_text(encoding="utf-8")
        assert worker.audit(post, "md", "post.md").report.has_errors
        pid = worker._pid
        assert pid is not None
        slow = "# A\n\n$$ 99999999! = 1 $$\n"
        killer = threading.Timer(1.0, os.kill, (pid, signal.SIGKILL))
        killer.start()
        start = time.monotonic()
        lost = worker.audit(slow, "md", "slow.md").report
        assert time.monotonic() - start < 30
        (finding,) = lost.findings
        assert finding.status == "unchecked" and "SIGKILL" in finding.message
        again = worker.audit(post, "md", "post.md")
        assert again.report.has_errors and worker._pid not in (None, pid)
    finally:
        worker.stop()


def test_a_worker_stuck_past_its_budget_is_replaced() -> None:
    worker = Worker(seconds=1, grace=1)
    try:
        slow = "# A\n\n$$ 99999999! = 1 $$\n\n$$ (x + 1)^2 = x^2 + 1 + 2x $$\n"
        report = worker.audit(slow, "md", "slow.md").report
        statuses = [(f.status, f.reason) for f in report.findings]
        assert ("unchecked", "budget") in statuses
        assert worker.audit("$$ 1 + 1 = 3 $$\n", "md", "x.md").report.has_errors
    finally:
        worker.stop()

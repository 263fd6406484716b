"""The JSON report: ``{"files": [{"path", "findings", "summary", "warnings"}]}``, every
finding kept (suppressed ones with ``"suppressed": true``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from derivetex.verify.report.findings import FileReport


def as_json(reports: Sequence[FileReport], verbose: bool = False) -> str:
    """Every finding of every file; ``verbose`` changes nothing here."""
    data = {
        "files": [
            {
                "path": r.path,
                "findings": [f.as_dict() for f in r.findings],
                "summary": r.summary(),
                "warnings": [n.as_dict() for n in r.notices],
            }
            for r in reports
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

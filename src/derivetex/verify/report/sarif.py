"""SARIF 2.1.0, the format GitHub code scanning and CI dashboards read: one run, the codes as
its rules, one result per finding.

An error is a result of kind ``fail`` at level ``error`` (a suppressed one carries a
suppression: ``inSource`` for a comment, ``external`` for the configuration); an unchecked
link is ``review``, an ok one ``pass`` (level ``none``, as the standard requires for both);
a warning about a derivetex comment is a ``fail`` at level ``warning``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from derivetex.verify.codes import BY_CODE, REASONS
from derivetex.verify.report.findings import ERROR, OK, FileReport, Finding, Notice

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION = "https://github.com/OWNER/derivetex"


def as_sarif(reports: Sequence[FileReport], verbose: bool = False) -> str:
    """The SARIF log of a run over ``reports``; ``verbose`` changes nothing here."""
    used = sorted({code for r in reports for code in _codes(r)})
    index = {code: i for i, code in enumerate(used)}
    results = []
    for report in reports:
        uri = _uri(report.path)
        results += [_result(f, uri, index) for f in report.findings]
        results += [_notice(n, uri, index) for n in report.notices]
    run = {
        "tool": {"driver": {
            "name": "derivetex", "version": _version(), "informationUri": INFORMATION,
            "rules": [_rule(code) for code in used],
        }},
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _codes(report: FileReport) -> list[str]:
    codes = [f.shown_code for f in report.findings if f.shown_code]
    return [*(c for c in codes if c), *(n.code for n in report.notices)]


def _rule(code: str) -> dict[str, object]:
    """A registered code as a rule; an unchecked reason as a rule of its own."""
    entry = BY_CODE.get(code)
    if entry is not None:
        return {
            "id": code, "name": entry.name,
            "shortDescription": {"text": entry.meaning},
            "help": {"text": f"e.g. {entry.example}"},
            "defaultConfiguration": {"level": "warning" if code < "DT100" else "error"},
        }
    return {
        "id": code, "name": code.replace("-", "_"),
        "shortDescription": {"text": f"unchecked: {REASONS.get(code, code)}"},
        "defaultConfiguration": {"level": "none"},
    }


def _location(uri: str, line: int) -> list[dict[str, object]]:
    return [{"physicalLocation": {
        "artifactLocation": {"uri": uri}, "region": {"startLine": max(1, line)},
    }}]


def _result(f: Finding, uri: str, index: dict[str, int]) -> dict[str, object]:
    kind = "fail" if f.status == ERROR else "pass" if f.status == OK else "review"
    result: dict[str, object] = {
        "kind": kind,
        "level": "error" if kind == "fail" else "none",
        "message": {"text": f"{f.latex}: {f.message}" if f.latex else f.message},
        "locations": _location(uri, f.line),
    }
    if f.cell is not None:  # a notebook: the line is the cell's, not the file's
        result["properties"] = {"cell": f.cell, "lineInCell": f.line}
    code = f.shown_code
    if code is not None:
        result.update(ruleId=code, ruleIndex=index[code])
    if f.suppressed_by is not None:
        where = "inSource" if f.suppressed_by == "comment" else "external"
        result["suppressions"] = [{"kind": where}]
    return result


def _notice(n: Notice, uri: str, index: dict[str, int]) -> dict[str, object]:
    return {
        "ruleId": n.code, "ruleIndex": index[n.code], "kind": "fail", "level": "warning",
        "message": {"text": n.message}, "locations": _location(uri, n.line),
    }


def _uri(path: str) -> str:
    """A relative path as a relative URI (forward slashes, escaped); an absolute one as file:."""
    where = Path(path)
    if where.is_absolute():
        return where.as_uri()
    return quote(where.as_posix())


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("derivetex")
    except metadata.PackageNotFoundError:
        return "unknown"

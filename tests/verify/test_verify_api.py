"""``derivetex.verify(path_or_text, kind)``: the Python API gives the records ``--json`` prints.

Documents of our own: a Markdown note with one wrong number and one right step, the same
derivation as LaTeX homework, and a file read by path (a ``Path`` and a plain string).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import derivetex
from derivetex.errors import InputError

NOTE = """# A note

The log of a product:

$$
\\log (a b) = \\log a + \\log b
$$

and a number:

$$
\\log 1 = 1
$$
"""

HOMEWORK = r"""\documentclass{article}
\begin{document}
\begin{equation}
2 \cdot 3 + 1 = 7
\end{equation}
\begin{equation}
\frac{1}{2} + \frac{1}{4} = \frac{3}{5}
\end{equation}
\end{document}
"""


def _cli_json(path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", "derivetex.cli", "verify", "--json", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    (report,) = json.loads(proc.stdout)["files"]
    return report


def test_text_gives_the_findings():
    report = derivetex.verify(NOTE)
    assert [(f.line, f.status) for f in report.findings] == [(6, "ok"), (12, "error")]
    assert report.summary() == {"ok": 1, "error": 1, "unchecked": 0, "ignored": 0}
    assert report.path == "<string>"


def test_latex_text_needs_its_kind():
    report = derivetex.verify(HOMEWORK, kind="tex")
    assert [f.status for f in report.findings] == ["ok", "error"]


@pytest.mark.parametrize(("name", "text"), [("note.md", NOTE), ("homework.tex", HOMEWORK)])
def test_a_path_gives_the_records_of_the_json_report(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    expected = _cli_json(path)
    for source in (path, str(path)):
        report = derivetex.verify(source)
        assert report.path == str(path)
        assert [f.as_dict() for f in report.findings] == expected["findings"]
        assert report.summary() == expected["summary"]


def test_explain_names_the_rule_of_an_ok_link():
    (ok, _) = derivetex.verify(NOTE, explain="en").findings
    assert ok.rules == ("log_product",)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: derivetex.verify(NOTE, kind="docx"), "unknown document kind 'docx'"),
    (lambda: derivetex.verify(NOTE, explain="fr"), "unknown language 'fr'"),
    (lambda: derivetex.verify(Path("no/such/file.md")), "cannot read 'no/such/file.md'"),
    (lambda: derivetex.verify(42), "takes a path or the text"),
])
def test_bad_input_is_the_projects_error(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_the_package_stays_importable_beside_the_call():
    import derivetex.verify.audit as audit

    assert callable(derivetex.verify) and audit.audit_text is derivetex.verify.audit_text

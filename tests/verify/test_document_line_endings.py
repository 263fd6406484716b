"""Lone CR (old Mac files), CRLF and mixed line endings: each ends one line, so findings point
at the line an editor shows; no file fails for its line endings."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivetex.cli import main
from derivetex.verify import audit_text

LINES = [
    "# Loss",
    "",
    "$$",
    "-\\log 0.5 = 0.6931",
    "$$",
    "",
    "A slip: $-\\log 0.25 = 1$ here.",
    "| $-\\log 0.9$ | 0.105 |",
]
TEX = ["\\section{Loss}", "\\[", "-\\log 0.5 = 0.6931", "\\]", "A slip: $-\\log 0.25 = 1$."]
RST = [
    "Loss", "====", "", ".. math::", "", "   -\\log 0.5 = 0.6931", "",
    "A slip: :math:`-\\log 0.25 = 1`.",
]  # fmt: skip


def joined(lines: list[str], endings: str) -> str:
    """``lines`` joined with the line endings named: cr, crlf, lf, or mixed (each in turn)."""
    if endings != "mixed":
        return {"cr": "\r", "crlf": "\r\n", "lf": "\n"}[endings].join(lines)
    out = lines[0]
    for number, line in enumerate(lines[1:]):
        out += ("\r", "\r\n", "\n")[number % 3] + line
    return out


@pytest.mark.parametrize("endings", ["cr", "crlf", "lf", "mixed"])
@pytest.mark.parametrize(
    ("kind", "lines", "expected"),
    [
        ("md", LINES, [(4, "ok"), (7, "error"), (8, "ok")]),
        ("tex", TEX, [(3, "ok"), (5, "error")]),
        ("rst", RST, [(6, "ok"), (8, "error")]),
    ],
)
def test_line_numbers_count_every_kind_of_break(
    kind: str, lines: list[str], expected: list[tuple[int, str]], endings: str
) -> None:
    report = audit_text(joined(lines, endings), kind)
    assert [(f.line, f.status) for f in report.findings] == expected


def test_a_lone_cr_file_is_verified_from_the_command_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old-mac.md"
    path.write_bytes(joined(LINES, "cr").encode("utf-8"))
    assert main(["verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:7: error:" in out

"""The settings file, for the server: found for each document as ``derivetex verify`` finds
it (``verify.inputs``), so the editor shows what the command line reports.

The lookup stats the candidate files on every call, so each audit sees the settings as they
are now, whether or not the client tells the server that a file changed. A settings file (or
its preamble) that cannot be used is reported once, in one line naming the file and the
problem, and the document is audited with the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from derivetex.errors import InputError
from derivetex.lsp.adapter import (
    FileReport,
    Macro,
    Settings,
    file_settings,
    file_type_for,
    macros_of,
    suppressed,
)

FILE_NAMES = ("derivetex.toml", "pyproject.toml")
"""The names a settings file has (``settings.settings_file``): the ones the server watches."""


@dataclass(frozen=True)
class Inputs:
    """What a document's audit reads beside its text, and the problem that cost any of it."""

    settings: Settings
    macros: dict[str, Macro] = field(default_factory=dict)
    problem: str | None = None


def inputs_for(path: str) -> Inputs:
    """The settings and macros that hold for ``path``; the defaults (and the problem) when
    the settings file is bad, the settings without macros when only its preamble is."""
    try:
        settings = file_settings(Path(path))
    except InputError as error:
        return Inputs(Settings(root=Path(path).parent), problem=str(error))
    try:
        return Inputs(settings, macros_of(settings))
    except InputError as error:
        where = f"{settings.source}: preamble: " if settings.source else ""
        return Inputs(settings, problem=f"{where}{error}")


def applied(report: FileReport, text: str, kind: str, path: str, inputs: Inputs) -> FileReport:
    """The report with the document's suppression comments and ``select`` / ``ignore``
    applied, exactly as the command line applies them."""
    return suppressed(report, text, file_type_for(kind), inputs.settings, path)

"""What a file's audit reads beside its text, and what is applied to its report afterwards.

One place for both callers, ``derivetex verify`` and ``derivetex lsp``, so the editor and
the command line never disagree about a file: its settings (the nearest settings file, with
the options given in their place), the writer's macros from the settings' ``preamble``, and
after the audit the suppression comments, then ``select`` / ``ignore``.
"""

from __future__ import annotations

from pathlib import Path

from derivetex.settings import Settings, settings_for
from derivetex.verify.document import Macro, load_preamble
from derivetex.verify.filetypes import FileType
from derivetex.verify.report import FileReport
from derivetex.verify.suppressions import configured, suppress


def file_settings(
    path: Path, *, config: Path | None = None, isolated: bool = False,
    select: tuple[str, ...] | None = None, ignore: tuple[str, ...] | None = None,
    log_base: str | None = None, preamble: tuple[Path, ...] | None = None,
) -> Settings:
    """The settings that hold for ``path`` with every option given (not None) in place."""
    found = settings_for(path, config=config, isolated=isolated)
    return found.overridden(select=select, ignore=ignore, log_base=log_base, preamble=preamble)


def macros_of(settings: Settings) -> dict[str, Macro]:
    """The writer's macros from the settings' ``preamble`` files (InputError if unreadable)."""
    return load_preamble(tuple(str(p) for p in settings.preamble or ()))


def suppressed(
    report: FileReport, text: str, type: FileType, settings: Settings, path: str
) -> FileReport:
    """The audit's report with the document's comments, then ``select`` / ``ignore``, applied."""
    for cell, source in _sources(text, type.kind, path):
        report = suppress(report, source, type.comments, cell)
    return configured(report, settings.select, settings.ignored_in(Path(path)))


def _sources(text: str, kind: str, path: str) -> list[tuple[int | None, str]]:
    """The texts comments are read from: the document's, or each markdown cell's source of
    a notebook (whose findings carry their ``cell``; the comments use the Markdown syntax)."""
    if kind != "ipynb":
        return [(None, text)]
    from derivetex.verify.document.notebook import markdown_cells  # the notebook reader

    return [(cell, source) for cell, source in markdown_cells(text, path)]

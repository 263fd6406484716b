r"""A preamble the writer names (``derivetex verify --preamble course.sty``): the macros of a
course's ``.sty`` or a paper's ``macros.tex`` that its documents use without defining.

Only the definitions are read (``\newcommand``, ``\renewcommand``, ``\providecommand``, ``\def``,
``\DeclareMathOperator``); everything else in the file (``\RequirePackage``, ``\makeatletter``,
options) is ignored. A preamble that cannot be read -- missing, not a regular file, too large,
not UTF-8, not ``.tex``/``.sty``/``.cls``, a definition whose braces never close, or no
definition at all (most likely the wrong file) -- is refused with one line naming it.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from derivetex.errors import InputError
from derivetex.verify.document.macros import (
    DEF,
    NEWCOMMAND,
    OPERATOR,
    Macro,
    braced,
    definitions,
    skip_space,
)

SUFFIXES = (".tex", ".sty", ".cls")
MAX_PREAMBLE_BYTES = 2**20
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")


def load_preamble(paths: Iterable[str]) -> dict[str, Macro]:
    """The macros the files ``paths`` define, later files winning; InputError for a file that
    cannot be read."""
    found: dict[str, Macro] = {}
    for path in paths:
        found.update(preamble_macros(_read(path), path))
    return found


def preamble_macros(text: str, path: str = "<preamble>") -> dict[str, Macro]:
    """The macros one preamble's ``text`` defines (comments ignored)."""
    text = _COMMENT.sub("", text)
    _check_closed(text, path)
    macros, _ = definitions(text)
    if not macros:
        raise InputError(
            f"cannot read preamble {path!r}: no \\newcommand, \\renewcommand, \\def or "
            "\\DeclareMathOperator in it"
        )
    return macros


def _check_closed(text: str, path: str) -> None:
    """Refuse a definition whose body's braces never close: everything after it would be
    read as its body."""
    starts = [(m, skip_space(text, m.end())) for m in NEWCOMMAND.finditer(text)]
    starts += [(m, m.end()) for m in (*DEF.finditer(text), *OPERATOR.finditer(text))]
    for match, at in starts:
        if at < len(text) and text[at] == "{" and braced(text, at) is None:
            line = text.count("\n", 0, match.start()) + 1
            raise InputError(
                f"cannot read preamble {path!r}: the definition on line {line} is not closed"
            )


def _read(path: str) -> str:
    """The text of a regular UTF-8 ``.tex``/``.sty``/``.cls`` file of bounded size."""
    if Path(path).suffix.lower() not in SUFFIXES:
        raise InputError(f"cannot read preamble {path!r}: expected a .tex, .sty or .cls file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise InputError(f"cannot read preamble {path!r}: {error.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"cannot read preamble {path!r}: not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_PREAMBLE_BYTES + 1)
    except OSError as error:
        raise InputError(f"cannot read preamble {path!r}: {error.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_PREAMBLE_BYTES:
        raise InputError(f"cannot read preamble {path!r}: larger than 1 MiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"cannot read preamble {path!r}: not UTF-8 ({error.reason})") from None

"""Which files a ``verify`` run reads: files named, ``-`` (standard input), and directories
walked the way ruff walks them.

A directory yields every file of a supported type (``filetypes.FILE_TYPES``) below it, in
sorted order, except what ``.gitignore`` files ignore (theirs and those of the folders above
up to the repository's root, read with ``pathspec``), hidden files and folders (a name
starting with ``.``), and what the settings' ``exclude`` leaves out. A file named on the
command line is always checked, whatever its folder's settings say.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pathspec import GitIgnoreSpec

from derivetex.errors import InputError
from derivetex.settings import Settings
from derivetex.verify.filetypes import file_type

STDIN = "-"
MAX_FILES = 10_000
"""A walk that finds more is refused: a run of that size was not meant."""


@dataclass(frozen=True)
class _Ignore:
    """One ``.gitignore``: its folder and its patterns."""

    folder: Path
    spec: GitIgnoreSpec

    def ignores(self, path: Path, is_dir: bool) -> bool:
        relative = path.relative_to(self.folder).as_posix() + ("/" if is_dir else "")
        return self.spec.match_file(relative)


def discover(arguments: list[str], settings_of: Callable[[Path], Settings]) -> list[str]:
    """The files to read, in the order given (a directory's in sorted order), each once."""
    found: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if argument != STDIN and path.is_dir():
            found.extend(str(p) for p in _walk(path, settings_of))
        else:
            found.append(argument)
        if len(found) > MAX_FILES:
            raise InputError(f"more than {MAX_FILES} files to verify; name fewer")
    return list(dict.fromkeys(found))


def _walk(top: Path, settings_of: Callable[[Path], Settings]) -> Iterator[Path]:
    """Supported files under ``top``, skipping ignored, hidden and excluded ones."""
    inherited = _parents_ignores(top)
    stack: list[tuple[Path, list[_Ignore]]] = [(top, inherited)]
    while stack:
        folder, ignores = stack.pop()
        own = _ignore_file(folder)
        ignores = [*ignores, own] if own is not None else ignores
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            raise InputError(f"cannot read {str(folder)!r}: {error.strerror}") from None
        folders = []
        for entry in entries:
            path = Path(entry.path)
            is_dir = entry.is_dir(follow_symlinks=False)
            if entry.name.startswith(".") or any(i.ignores(path, is_dir) for i in ignores):
                continue
            if settings_of(path).excluded(path):
                continue
            if is_dir:
                folders.append((path, ignores))
            elif entry.is_file() and file_type(entry.name) is not None:
                yield path
        stack.extend(reversed(folders))


def _ignore_file(folder: Path) -> _Ignore | None:
    gitignore = folder / ".gitignore"
    if not gitignore.is_file():
        return None
    try:
        lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _Ignore(folder, GitIgnoreSpec.from_lines(lines))


def _parents_ignores(top: Path) -> list[_Ignore]:
    """The ``.gitignore`` files of the folders above ``top``, up to the repository's root
    (the folder holding ``.git``); none when ``top`` is in no repository."""
    folder = top.resolve()
    chain: list[Path] = []
    while True:
        if (folder / ".git").exists():
            break
        if folder.parent == folder:
            return []
        folder = folder.parent
        chain.append(folder)
    ignores = [_ignore_file(f) for f in reversed(chain)]
    relative = [i for i in ignores if i is not None]
    # patterns of folders above are matched against the walked paths made absolute
    return [_Absolute(i.folder, i.spec) for i in relative]


class _Absolute(_Ignore):
    """A parent's ``.gitignore``: the walked paths are resolved before matching."""

    def ignores(self, path: Path, is_dir: bool) -> bool:
        relative = path.resolve().relative_to(self.folder).as_posix() + ("/" if is_dir else "")
        return self.spec.match_file(relative)

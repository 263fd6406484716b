"""The project's settings file: ``[tool.derivetex]`` in ``pyproject.toml``, or ``derivetex.toml``.

Found as ruff finds its own: the nearest one upward from each file checked (in one folder
``derivetex.toml`` wins over ``pyproject.toml``; a ``pyproject.toml`` without
``[tool.derivetex]`` is passed over). ``--config FILE`` names one for every file,
``--isolated`` uses none. Unknown keys and bad values are bad input: one line naming the
file and the key. Paths and globs in a file are relative to its folder. Options given on the
command line win over the file (``Settings.overridden``).

A file is read once per version: the lookup stats the candidates on every call and keeps what
it read under the file's (path, mtime, ctime, size, inode), so a long-running process (the
language server) sees a settings file that was created, edited or removed on its next lookup
(a rewrite to the same size within one tick of the file system's clock looks unchanged).
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from derivetex.errors import InputError

LOG_BASES = ("e", "2")
"""What a bare ``\\log`` may mean in verify: natural, or log₂ (a blog that works in bits)."""
KEYS = ("log-base", "preamble", "flavor", "exclude", "per-file-ignores", "select", "ignore")


@dataclass(frozen=True)
class Settings:
    """What a settings file (or the command line) says; the defaults when there is none."""

    source: Path | None = None
    """The file these came from (None: defaults, or only the command line)."""
    root: Path = field(default_factory=Path.cwd)
    """The folder paths and globs are relative to: the file's own."""
    log_base: str | None = None
    """``e`` or ``2``, the base of a bare ``\\log`` (``\\ln`` and ``\\log_{10}`` stay what they
    say); None: derivetex guesses (a document that says "bits" may mean log₂)."""
    log_base_from: str | None = None
    """Where ``log_base`` was stated, for the findings that depend on it: ``log-base = 2 in
    pyproject.toml`` or ``--log-base 2``."""
    preamble: tuple[Path, ...] = ()
    """Macro files (``\\newcommand`` ...) read before each document, as ``--preamble``."""
    flavor: str | None = None
    """``render``'s flavor for posts whose front matter names none."""
    exclude: tuple[str, ...] = ()
    """Gitignore-style patterns of files and folders a directory walk leaves out."""
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(glob, codes): errors with those codes in the files the glob matches are ignored."""
    select: tuple[str, ...] | None = None
    """Only errors with these codes (or prefixes) fail; None: every code."""
    ignore: tuple[str, ...] = ()
    """Errors with these codes (or prefixes) are ignored everywhere."""

    def overridden(self, **options: Any) -> Settings:
        """These settings with every option given on the command line (not None) in place."""
        given = {key: value for key, value in options.items() if value is not None}
        if "log_base" in given:
            given["log_base_from"] = f"--log-base {given['log_base']}"
        return replace(self, **given)

    def ignored_in(self, path: Path) -> tuple[str, ...]:
        """The codes ``ignore`` and ``per-file-ignores`` leave out for ``path``."""
        codes = list(self.ignore)
        for pattern, listed in self.per_file_ignores:
            if _matches(pattern, path, self.root):
                codes.extend(listed)
        return tuple(codes)

    def excluded(self, path: Path) -> bool:
        """Whether ``exclude`` leaves ``path`` (a file or a folder) out of a directory walk."""
        return any(_matches(pattern, path, self.root) for pattern in self.exclude)


def _matches(pattern: str, path: Path, root: Path) -> bool:
    """A gitignore-style ``pattern`` against ``path`` relative to ``root`` (pathspec)."""
    from pathspec import GitIgnoreSpec

    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    text = relative.as_posix() + ("/" if path.is_dir() else "")
    return GitIgnoreSpec.from_lines([pattern]).match_file(text)


def settings_for(path: Path, *, config: Path | None = None, isolated: bool = False) -> Settings:
    """The settings that hold for ``path``: ``config`` if named, none if ``isolated``, else
    the nearest settings file upward from the path's folder."""
    if isolated:
        return Settings()
    if config is not None:
        return load(config)
    folder = path.resolve() if path.is_dir() else path.resolve().parent
    found = settings_file(folder)
    return Settings() if found is None else load(found)


def settings_file(folder: Path) -> Path | None:
    """The nearest settings file upward from ``folder``: in each folder ``derivetex.toml``,
    then a ``pyproject.toml`` with ``[tool.derivetex]``; None when there is none."""
    for at in (folder, *folder.parents):
        for candidate in (at / "derivetex.toml", at / "pyproject.toml"):
            version = stamp(candidate)
            if version is None:
                continue
            if candidate.name == "derivetex.toml" or _has_table(candidate, version):
                return candidate
    return None


Stamp = tuple[int, int, int, int]
"""A file's version as the lookup tells it: (mtime_ns, ctime_ns, size, inode)."""


def stamp(path: Path) -> Stamp | None:
    """The version of the regular file ``path``, None if there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return (found.st_mtime_ns, found.st_ctime_ns, found.st_size, found.st_ino)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read {str(path)!r}: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None


@lru_cache(maxsize=256)
def _has_table(pyproject: Path, version: Stamp | None) -> bool:
    tool = _read(pyproject).get("tool")
    return isinstance(tool, dict) and "derivetex" in tool


def load(path: Path) -> Settings:
    """The settings in ``path``: a ``derivetex.toml`` (keys at the top level, or under
    ``[tool.derivetex]``), or a ``pyproject.toml``'s ``[tool.derivetex]``; read again only
    when the file changed."""
    return _load(path, stamp(path))


@lru_cache(maxsize=256)
def _load(path: Path, version: Stamp | None) -> Settings:
    data = _read(path)
    table = data.get("tool", {}).get("derivetex") if isinstance(data.get("tool"), dict) else None
    if table is None:
        if path.name == "pyproject.toml":
            return Settings(source=path, root=path.resolve().parent)
        table = data
    if not isinstance(table, dict):
        raise InputError(f"{path}: [tool.derivetex] must be a table")
    return _parse(table, path)


def _parse(table: dict[str, Any], path: Path) -> Settings:
    """Every key checked; the first unknown key or bad value is the one line reported."""
    root = path.resolve().parent
    for key in table:
        if key not in KEYS:
            raise InputError(f"{path}: unknown key {key!r} in the derivetex settings "
                             f"(known: {', '.join(KEYS)})")
    values: dict[str, Any] = {"source": path, "root": root}
    if "log-base" in table:
        base = str(table["log-base"])
        if base not in LOG_BASES or isinstance(table["log-base"], bool):
            raise InputError(f"{path}: log-base: {table['log-base']!r} is not one of e, 2")
        values["log_base"] = base
        values["log_base_from"] = f"log-base = {base} in {path.name}"
    if "preamble" in table:
        values["preamble"] = tuple(root / p for p in _strings(table, "preamble", path))
    if "flavor" in table:
        values["flavor"] = _flavor(table["flavor"], path)
    if "exclude" in table:
        values["exclude"] = _strings(table, "exclude", path)
    if "per-file-ignores" in table:
        values["per_file_ignores"] = _per_file(table["per-file-ignores"], path)
    for key in ("select", "ignore"):
        if key in table:
            values[key] = check_codes(_strings(table, key, path), f"{path}: {key}")
    return Settings(**values)


def _strings(table: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    """``table[key]``: a string or a list of strings."""
    return _listed(table[key], key, path)


def _listed(value: object, key: str, path: Path) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
        raise InputError(f"{path}: {key}: expected a list of strings, not {value!r}")
    return tuple(items)


def _flavor(value: object, path: Path) -> str:
    from derivetex.config import FLAVORS

    if value not in FLAVORS:
        raise InputError(f"{path}: flavor: {value!r} is not one of {', '.join(FLAVORS)}")
    return str(value)


def _per_file(value: object, path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise InputError(f"{path}: per-file-ignores: expected a table of glob = [codes]")
    pairs = []
    for glob, listed in value.items():
        codes = _listed(listed, f"per-file-ignores {glob!r}", path)
        pairs.append((glob, check_codes(codes, f"{path}: per-file-ignores {glob!r}")))
    return tuple(pairs)


def check_codes(listed: tuple[str, ...], where: str) -> tuple[str, ...]:
    """``listed`` if every entry is a finding code or a prefix of one, else bad input."""
    from derivetex.verify.codes import known

    for code in listed:
        if not known(code):
            raise InputError(f"{where}: unknown code {code!r} (derivetex verify --codes)")
    return listed

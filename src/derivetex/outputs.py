"""Write the files of one run as a whole, or leave the old ones as they were.

Every file is first written in full to a hidden temporary file beside its target
(``.NAME.derivetex-tmp-PID-XXXX``), then all are renamed over their targets with SIGINT,
SIGTERM and SIGHUP held back, so a signal lands before the first rename (old set kept) or
after the last (new set complete). A rename that fails midway puts the already-replaced
files back from hard-linked backups. Temporary files are removed on every failure and
signal; the ones a SIGKILL leaves behind carry the dead process's id, and the next run
removes them. Only SIGKILL during the renames themselves (microseconds) can mix old and new.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from derivetex.errors import InputError, OutputError

TEMP_MARK = ".derivetex-tmp-"
PDF_WORKDIR_PREFIX = "derivetex-pdf-"
_OWNER = re.compile(r"(?:\.derivetex-tmp-|^derivetex-pdf-)(\d+)-")
DEFERRED_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def write_files(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``directory`` as one set; return the paths."""
    _make_directory(directory)
    remove_stale(directory)
    targets = [directory / name for name in files]
    for target in targets:
        _check_target(target)
    staged: list[Path] = []
    try:
        for name, data in files.items():
            _stage(directory, name, data, staged)
        with signals_deferred():
            _replace_all(list(zip(staged, targets, strict=True)), directory)
    finally:
        for path in staged:
            with suppress(OSError):
                path.unlink(missing_ok=True)
    return targets


def temp_prefix(name: str) -> str:
    return f".{name}{TEMP_MARK}{os.getpid()}-"


def pdf_workdir_prefix() -> str:
    return f"{PDF_WORKDIR_PREFIX}{os.getpid()}-"


def remove_stale(directory: Path) -> list[Path]:
    """Remove temporary files and PDF work folders whose process no longer exists."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        found = _OWNER.search(entry.name)
        if found is None or _alive(int(found.group(1))):
            continue
        with suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def remove_stale_pdf_workdirs() -> list[Path]:
    return remove_stale(Path(tempfile.gettempdir()))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back for the duration; they are delivered afterwards."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, DEFERRED_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _make_directory(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"cannot create output directory {str(directory)!r}: {error.strerror}"
        ) from None
    if not directory.is_dir():
        raise InputError(f"output directory {str(directory)!r} is not a directory")


def _check_target(target: Path) -> None:
    """A target may be missing, a regular file, or a link to one; nothing else is replaced."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise InputError(f"cannot write {str(target)!r}: {error.strerror}") from None
    if stat.S_ISLNK(mode):
        with suppress(OSError):
            mode = target.stat().st_mode
    if stat.S_ISDIR(mode):
        raise InputError(f"cannot write {str(target)!r}: it is a directory")
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise InputError(f"cannot write {str(target)!r}: it is not a regular file")


def _stage(directory: Path, name: str, data: bytes, staged: list[Path]) -> None:
    """Write ``data`` to a new temporary file, recorded in ``staged`` before any byte."""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(name), dir=directory)
    except OSError as error:
        raise InputError(f"cannot write to {str(directory)!r}: {error.strerror}") from None
    staged.append(Path(tmp_name))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(Path(tmp_name), directory / name)
    except OSError as error:
        raise OutputError(f"cannot write {str(directory / name)!r}: {error.strerror}") from None


def _keep_mode(staged: Path, target: Path) -> None:
    """The new file gets the mode (and, where we may set it, the owner) of the file it
    replaces, so a 0600 draft stays private; a new file is 0644."""
    try:
        old = target.stat()
    except OSError:
        os.chmod(staged, 0o644)
        return
    os.chmod(staged, stat.S_IMODE(old.st_mode))
    with suppress(OSError):  # only root (or the owner, for the group) may
        os.chown(staged, old.st_uid, old.st_gid)


def _replace_all(pairs: list[tuple[Path, Path]], directory: Path) -> None:
    """Rename every staged file over its target; on a failure, put the old files back."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for tmp, target in pairs:
            backup = _backup(target)
            try:
                os.replace(tmp, target)
            except OSError:
                if backup is not None:
                    backup.unlink(missing_ok=True)
                raise
            done.append((target, backup))
    except OSError as error:
        for target, backup in reversed(done):
            with suppress(OSError):
                if backup is None:
                    target.unlink()
                else:
                    os.replace(backup, target)
        raise OutputError(
            f"cannot replace files in {str(directory)!r}: {error.strerror}; old files kept"
        ) from None
    finally:
        for _, backup in done:
            if backup is not None:
                with suppress(OSError):
                    backup.unlink(missing_ok=True)


def _backup(target: Path) -> Path | None:
    """A hard link to the current ``target`` (None if there is none or links are unsupported)."""
    if not target.exists():
        return None
    backup = target.with_name(f"{temp_prefix(target.name)}old-{os.urandom(4).hex()}")
    try:
        os.link(target, backup)
    except OSError:
        return None
    return backup


def to_stdout(content: str | bytes) -> None:
    """Write ``content`` to stdout and flush it.

    A full or closed stdout is an OutputError; a reader that closed the pipe (``| head``)
    stays a BrokenPipeError, which the CLI ends quietly.
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write to stdout: it is closed")
    try:
        if isinstance(content, bytes):
            stream.buffer.write(content)
        else:
            stream.write(content)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise OutputError(f"cannot write to stdout: {reason}") from None

"""Reading a file someone handed us: a regular file only, never more than a limit.

``stat`` says 0 bytes for ``/dev/zero`` and opening a FIFO for reading waits for a writer, so
the file is opened without blocking, checked on the open descriptor (no race with a rename)
and read up to one byte past the limit.
"""

from __future__ import annotations

import os
import stat


class FileRefused(OSError):
    """Not a regular file, or larger than the limit; ``strerror`` says which."""


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them, or ``OSError``."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileRefused(0, "not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileRefused(0, f"larger than the limit of {limit} bytes")
    return data

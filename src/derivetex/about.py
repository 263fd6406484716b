"""What the program says about itself: its version (for ``--version``, the language server's
hello), looked up in the installed metadata only when asked for."""

from __future__ import annotations


def version() -> str:
    """The installed distribution's version, or "unknown" when run from a bare source tree."""
    from importlib import metadata  # only when asked: it costs a verify run 15 ms

    try:
        return metadata.version("derivetex")
    except metadata.PackageNotFoundError:
        return "unknown"

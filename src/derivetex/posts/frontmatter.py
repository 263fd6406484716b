"""A post's front matter (YAML ``---`` or TOML ``+++``): the flavor it publishes in."""

from __future__ import annotations

import re

from derivetex.config import FLAVORS
from derivetex.errors import InputError

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?\r?\n)?\1[ \t]*(\r?\n|\Z)", re.DOTALL)
_FLAVOR = re.compile(r"^derivetex[-_]flavor[ \t]*[:=][ \t]*(.*?)[ \t]*(?:#.*)?\r?$", re.MULTILINE)
KEY = "derivetex-flavor"


def front_matter_lines(text: str) -> int:
    """How many lines the front matter takes (0 without one)."""
    found = _FRONT_MATTER.match(text)
    return found.group(0).count("\n") if found else 0


def flavor_of(text: str, path: str) -> str | None:
    """The ``derivetex-flavor: NAME`` of the front matter, or None when it names none."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return None
    setting = _FLAVOR.search(found.group(2) or "")
    if setting is None:
        return None
    name = setting.group(1).strip("\"'")
    if name not in FLAVORS:
        raise InputError(
            f"{path}: front matter: unknown {KEY} {name!r} (use {', '.join(FLAVORS)})"
        )
    return name

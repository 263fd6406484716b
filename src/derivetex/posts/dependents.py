"""The posts that derive a spec file: what ``render`` (and ``render --check``) takes in place
of a ``.toml`` named on its command line.

A post depends on a spec when one of its derivetex blocks reads ``spec: path/to/spec.toml``
or ``--spec path/to/spec.toml`` (relative to the post). pre-commit hands the hook only the
files a commit changes, so a commit of the spec alone would otherwise check no post and let
a stale one through. The posts are looked for under the current folder, walked as ``verify``
walks a directory (``.gitignore``, hidden folders and the settings' ``exclude`` left out).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from derivetex.errors import DerivetexError
from derivetex.posts.blocks import find_blocks
from derivetex.posts.frontmatter import front_matter_lines

MARKDOWN = (".md", ".markdown")
SPEC = ".toml"
_OPTION = re.compile(r"--spec(?:=|\s+)(\S+)")


def posts_using(specs: list[str], root: Path | None = None) -> list[str]:
    """The Markdown posts under ``root`` (default: here) whose blocks derive one of ``specs``,
    in sorted order; a post that cannot be read as a post is left for ``render`` to refuse."""
    from derivetex.settings import settings_for
    from derivetex.verify.command import read_document
    from derivetex.verify.discovery import discover

    wanted = {Path(spec).resolve() for spec in specs}
    found = []
    for name in discover([str(root or Path("."))], lambda p: settings_for(p)):
        if Path(name).suffix.lower() not in MARKDOWN:
            continue
        try:
            text = read_document(name)
            if wanted & set(specs_of(text, name)):
                found.append(name)
        except DerivetexError:
            continue
    return found


def specs_of(text: str, path: str) -> list[Path]:
    """The spec files the post's blocks name, resolved against the post's folder."""
    folder = Path(path).parent
    named = []
    for block in find_blocks(text, path, front_matter_lines(text)):
        source = block.source.lstrip()
        if source.startswith("spec:"):
            named.append(source[len("spec:"):].partition("\n")[0].strip())
        for match in _OPTION.finditer(source):
            named.extend(shlex.split(match.group(1)))
    return [(folder / name).resolve() for name in named if name]


def with_dependents(paths: list[str]) -> list[str]:
    """``paths`` with each spec (``.toml``) replaced by the posts that derive it, each once."""
    specs = [p for p in paths if Path(p).suffix.lower() == SPEC]
    if not specs:
        return paths
    posts = [p for p in paths if Path(p).suffix.lower() != SPEC]
    return list(dict.fromkeys([*posts, *posts_using(specs)]))

"""``derivetex render POST... [--check] [-o OUT] [--flavor NAME]``.

Every post is read and every block derived before anything is written, so bad input (exit 2)
leaves every file as it was. Posts are rewritten only when their bytes change, each one
atomically (``outputs.write_files``). ``--check`` writes nothing and exits 1 when a block's
generated part is stale or missing, one line per such block on stdout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from derivetex.api import to_stdout
from derivetex.errors import InputError
from derivetex.outputs import write_files
from derivetex.posts.dependents import with_dependents
from derivetex.posts.expand import expanded, expansions, lines_of
from derivetex.verify.command import read_document

MARKDOWN = (".md", ".markdown")


def run_render(
    paths: list[str], *, check: bool = False, output: str | None = None,
    flavor: str | None = None, out: TextIO | None = None,
) -> int:
    """Render (or with ``check``, audit) every post; 0 when done or fresh, 1 when stale."""
    if check and output is not None:
        raise InputError("--check writes nothing: leave out -o")
    paths = with_dependents(paths)  # a spec (.toml) stands for the posts that derive it
    for path in paths:
        if Path(path).suffix.lower() not in MARKDOWN:
            raise InputError(f"cannot render {path!r}: not a Markdown file (.md or .markdown)")
    texts = [(path, read_document(path)) for path in paths]
    if check:
        return _check(texts, flavor, out or sys.stdout)
    rendered = [(path, text, expanded(text, expansions(text, path, _flavor(flavor, path))))
                for path, text in texts]
    if output is None:
        for path, text, new in rendered:
            if new != text:
                _write(Path(path), new)
        return 0
    targets = _targets([path for path, _, _ in rendered], output)
    for (_, _, new), target in zip(rendered, targets, strict=True):
        if target is None:
            to_stdout(new)
        else:
            _write(target, new)
    return 0


def _check(texts: list[tuple[str, str]], flavor: str | None, out: TextIO) -> int:
    """One ``path:line: stale|missing: ...`` line per block that render would change."""
    found = []
    for path, text in texts:
        lines = lines_of(text)
        for expansion in expansions(text, path, _flavor(flavor, path)):
            state = expansion.state(lines)
            if state != "fresh":
                how = "" if expansion.flavor == "katex" else f" --flavor {expansion.flavor}"
                found.append(f"{expansion.block.where(path)}: {state}: derivetex block "
                             f"{_summary(expansion.block.source)!r}: run derivetex render{how}")
    if found:
        out.write("\n".join(found) + "\n")
        out.flush()
    return 1 if found else 0


def _flavor(flavor: str | None, path: str) -> str | None:
    """``--flavor``, else the ``flavor`` of the post's settings file (front matter wins over
    both, in ``expansions``)."""
    from derivetex.settings import settings_for

    return flavor or settings_for(Path(path)).flavor


def _summary(source: str) -> str:
    words = " ".join(source.split())
    return words if len(words) <= 60 else words[:57] + "..."


def _targets(paths: list[str], output: str) -> list[Path | None]:
    """Where each post goes: stdout (``-``, one post), a file (one post), or a directory."""
    if output == "-":
        if len(paths) != 1:
            raise InputError("-o - writes one post to stdout; give exactly one POST")
        return [None]
    where = Path(output)
    if len(paths) == 1 and not where.is_dir():
        return [where]
    names = [Path(path).name for path in paths]
    if len(set(names)) != len(names):
        raise InputError(f"-o {output!r}: two posts have the same file name")
    return [where / name for name in names]


def _write(target: Path, text: str) -> None:
    """Write one post atomically; a post that is a symbolic link stays one (its file changes)."""
    real = Path(os.path.realpath(target))
    write_files(real.parent, {real.name: text.encode("utf-8")})
    sys.stderr.write(f"wrote {target}\n")

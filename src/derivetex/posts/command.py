"""``derivetex render POST... [--check] [-o OUT] [--flavor NAME]``.

Every post is read and every block derived before anything is written, so bad input (exit 2)
leaves every file as it was. Posts are rewritten only when their bytes change, each one
atomically (``outputs.write_files``). ``--check`` writes nothing and exits 1 when a block's
generated part is stale or missing, one line per such block on stdout.
"""

from __future__ import annotations

import os
import stat
import sys
from functools import partial
from pathlib import Path
from typing import TextIO

from derivetex.api import to_stdout
from derivetex.errors import InputError
from derivetex.outputs import write_files
from derivetex.posts.dependents import with_dependents
from derivetex.posts.expand import Expansion, expanded, expansions, lines_of
from derivetex.verify.command import read_document

MARKDOWN = (".md", ".markdown")


def run_render(
    paths: list[str], *, check: bool = False, output: str | None = None,
    flavor: str | None = None, out: TextIO | None = None, budgeted: bool = False,
) -> int:
    """Render (or with ``check``, audit) every post; 0 when done or fresh, 1 when stale.

    ``budgeted`` (the command line) derives every block in a worker under
    ``derivetex.budget.run_budgeted`` (1 GiB, 60 s for all the posts)."""
    if check and output is not None:
        raise InputError("--check writes nothing: leave out -o")
    paths = with_dependents(paths)  # a spec (.toml) stands for the posts that derive it
    for path in paths:
        if Path(path).suffix.lower() not in MARKDOWN:
            raise InputError(f"cannot render {path!r}: not a Markdown file (.md or .markdown)")
    texts = [(path, read_document(path)) for path in paths]
    work = partial(_expansions, texts, flavor)
    if budgeted:
        from derivetex.budget import run_budgeted

        found = run_budgeted(work)
    else:
        found = work()
    if check:
        return _check(texts, found, out or sys.stdout)
    rendered = [(path, text, expanded(text, blocks))
                for (path, text), blocks in zip(texts, found, strict=True)]
    if output is None:
        changed = [(Path(path), new) for path, text, new in rendered if new != text]
        for post, _ in changed:
            _writable(post)
        for post, new in changed:
            _write(post, new)
        return 0
    targets = _targets([path for path, _, _ in rendered], output)
    for where in targets:
        if where is not None:
            _writable(where)
    for (_, _, new), target in zip(rendered, targets, strict=True):
        if target is None:
            to_stdout(new)
        else:
            _write(target, new)
    return 0


def _expansions(texts: list[tuple[str, str]], flavor: str | None) -> list[list[Expansion]]:
    """What every block of every post renders to: the work the budget is for."""
    return [expansions(text, path, _flavor(flavor, path)) for path, text in texts]


def _check(texts: list[tuple[str, str]], found: list[list[Expansion]], out: TextIO) -> int:
    """One ``path:line: stale|missing: ...`` line per block that render would change."""
    stale = []
    for (path, text), blocks in zip(texts, found, strict=True):
        lines = lines_of(text)
        for expansion in blocks:
            state = expansion.state(lines)
            if state != "fresh":
                how = "" if expansion.flavor == "katex" else f" --flavor {expansion.flavor}"
                stale.append(f"{expansion.block.where(path)}: {state}: derivetex block "
                             f"{_summary(expansion.block.source)!r}: run derivetex render{how}")
    if stale:
        out.write("\n".join(stale) + "\n")
        out.flush()
    return 1 if stale else 0


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


def _writable(target: Path) -> None:
    """Refuse a post that is read-only (no write bit, or not writable by us): render never
    makes a file writable that its owner made read-only."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise InputError(f"cannot write {str(target)!r}: {error.strerror}") from None
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise InputError(f"cannot write {str(target)!r}: it is read-only (mode "
                         f"{stat.S_IMODE(mode):04o}); make it writable to render into it")


def _write(target: Path, text: str) -> None:
    """Write one post atomically; a post that is a symbolic link stays one (its file changes)."""
    real = Path(os.path.realpath(target))
    write_files(real.parent, {real.name: text.encode("utf-8")})
    sys.stderr.write(f"wrote {target}\n")

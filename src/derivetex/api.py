"""The public API: derive a document, write it out; the CLI calls nothing else."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from derivetex.config import Config, build_config
from derivetex.derivations import DERIVATIONS
from derivetex.engine import Derivation
from derivetex.errors import InputError
from derivetex.render.formats import WRITERS, derivation_data

EXTENSIONS = {"md": "md", "tex": "tex", "json": "json", "pdf": "pdf", "html": "html"}


@dataclass(frozen=True)
class Document:
    """A verified derivation with the config it was made for; renders itself in any format."""

    derivation: Derivation
    config: Config

    def render(self, fmt: str) -> str | bytes:
        if fmt not in WRITERS:
            raise InputError(f"unknown format '{fmt}' (use {', '.join(WRITERS)})")
        return WRITERS[fmt](self.derivation, self.config)

    def to_markdown(self) -> str:
        return str(self.render("md"))

    def to_latex(self) -> str:
        return str(self.render("tex"))

    def to_data(self) -> dict[str, Any]:
        return derivation_data(self.derivation, self.config)

    def file_name(self, fmt: str) -> str:
        return f"{self.derivation.name}.{self.config.lang}.{EXTENSIONS[fmt]}"

    # Jupyter / IPython display
    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_latex_(self) -> str:
        """Every display formula of the web target (MathJax draws text/latex), tags included."""
        from derivetex.tools.mathcheck import math_blocks_from_markdown

        blocks = [b.tex for b in math_blocks_from_markdown(self.to_markdown()) if b.display]
        return "\n".join(f"$$\n{tex}\n$$" for tex in blocks)

    def _repr_html_(self) -> str:
        """The article as one <div> with the vendored KaTeX: renders offline, in any frontend."""
        from derivetex.render.html import render_html_fragment

        return render_html_fragment(self.derivation, self.config)


def derive(config: Config | None = None, **options: Any) -> Document:
    """Derive and verify; `options` are build_config's keywords (K="5", y=[...], lang="en")."""
    if config is None:
        config = build_config(**options)
    elif options:
        raise InputError("give derive() a Config or options, not both")
    return Document(DERIVATIONS[config.derivation](config), config)


def write(config: Config) -> list[Path]:
    """Render every requested format, then write them all (or to stdout); nothing partial."""
    document = derive(config)
    rendered = {fmt: document.render(fmt) for fmt in config.formats}
    if config.output == "-":
        (content,) = rendered.values()
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        sys.stdout.flush()
        return []
    named = {document.file_name(fmt): content for fmt, content in rendered.items()}
    return _write_files(Path(config.output), named)


def _write_files(directory: Path, files: dict[str, str | bytes]) -> list[Path]:
    """Write each file beside its final name, then rename: a reader never sees half a file."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot create output directory {directory}: {error.strerror}") from None
    staged: list[tuple[str, Path]] = []
    try:
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            staged.append((name, Path(tmp_name)))
    except OSError as error:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write to {directory}: {error.strerror}") from None
    written = []
    for name, tmp in staged:
        target = directory / name
        os.replace(tmp, target)
        os.chmod(target, 0o644)
        written.append(target)
    return written

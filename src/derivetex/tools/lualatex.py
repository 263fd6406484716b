"""Compile LaTeX with LuaLaTeX and turn the first page into a PNG.

``compile_pdf`` runs ``lualatex -no-shell-escape -halt-on-error`` once (enough for our
documents: ``\\tag`` needs no second pass) and names the first ``!`` line of the log
when it fails. lualatex runs in its own process group, killed as a whole on a timeout or
a signal, and dies with derivetex even when that is SIGKILLed. The first luatexja run on a
fresh machine builds the font cache and can take a minute; later runs take a few seconds.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from derivetex.errors import DerivetexError
from derivetex.tools.images import is_blank_png
from derivetex.tools.requirements import find_tool

__all__ = [
    "LatexError", "compile_pdf", "first_error_line", "is_blank_png", "pdf_first_page_png",
    "pdf_text",
]

JOBNAME = "document"
PR_SET_PDEATHSIG = 1


class LatexError(DerivetexError):
    """LuaLaTeX did not produce a PDF; the message carries the first error of the log."""


def first_error_line(log: str) -> str | None:
    """The first ``! ...`` line of a TeX log with the line after it (often the context)."""
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("!"):
            context = lines[i + 1].strip() if i + 1 < len(lines) else ""
            return f"{line} {context}".strip()
    return None


def compile_pdf(
    tex_source: str, workdir: Path, timeout: float = 300.0, env: Mapping[str, str] | None = None
) -> Path:
    """Write ``tex_source`` to ``workdir/document.tex``, compile it, return the PDF path.

    ``env`` adds variables to the environment (e.g. ``SOURCE_DATE_EPOCH`` for a reproducible PDF).
    """
    lualatex = find_tool("lualatex")
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / f"{JOBNAME}.tex").write_text(tex_source, encoding="utf-8")
    command = [
        lualatex, "-no-shell-escape", "-halt-on-error", "-interaction=nonstopmode",
        f"-jobname={JOBNAME}", f"{JOBNAME}.tex",
    ]  # fmt: skip
    proc = subprocess.Popen(
        command, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})},
        start_new_session=True, preexec_fn=_die_with_parent,
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise LatexError(f"lualatex did not finish within {timeout:.0f} s") from None
    except BaseException:  # a signal or Ctrl-C: no lualatex outlives derivetex
        _kill_group(proc)
        raise
    pdf, log_path = workdir / f"{JOBNAME}.pdf", workdir / f"{JOBNAME}.log"
    if proc.returncode != 0 or not pdf.is_file():
        log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.is_file() else ""
        reason = first_error_line(log) or output.decode(errors="replace")[-300:]
        raise LatexError(f"lualatex failed (exit {proc.returncode}): {' '.join(reason.split())}")
    return pdf


def _die_with_parent() -> None:
    """In the child, before exec: SIGKILL it when derivetex dies, even by SIGKILL (Linux)."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill lualatex and anything it started (its own session and process group)."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def pdf_first_page_png(pdf: Path, out_png: Path, dpi: int = 100, timeout: float = 60.0) -> Path:
    """Render page 1 of ``pdf`` to ``out_png`` with pdftoppm and return ``out_png``."""
    pdftoppm = find_tool("pdftoppm")
    if out_png.suffix != ".png":
        raise DerivetexError(f"{out_png}: the output name must end in .png")
    out_png.parent.mkdir(parents=True, exist_ok=True)
    stem = out_png.with_suffix("")
    command = [pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf)]
    try:
        proc = subprocess.run([*command, str(stem)], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise DerivetexError(f"pdftoppm did not finish within {timeout:.0f} s") from None
    if proc.returncode != 0 or not out_png.is_file():
        raise DerivetexError(f"pdftoppm failed on {pdf}: {proc.stderr.decode(errors='replace')}")
    return out_png


def pdf_text(pdf: Path, timeout: float = 60.0) -> str:
    """The text of every page (``pdftotext -layout``): what a reader of the PDF can find."""
    pdftotext = find_tool("pdftotext")
    try:
        proc = subprocess.run(
            [pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise DerivetexError(f"pdftotext did not finish within {timeout:.0f} s") from None
    if proc.returncode != 0:
        raise DerivetexError(f"pdftotext failed on {pdf}: {proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8", errors="replace")

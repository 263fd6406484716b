"""Derivation -> PDF: the `tex` output compiled by LuaLaTeX in a throw-away directory.

This is the LuaLaTeX adapter the product runs (``--format pdf``); developer tools (pages as
PNG, text of a PDF) stay in ``derivetex.tools.lualatex``. The run is fenced in depth, in case
anything a spec wrote ever got past the escaping of ``render``: ``-no-shell-escape`` and
``--nosocket``; ``openin_any=p`` and ``openout_any=p`` (TeX's ``\\input``, ``\\openin`` and
``\\openout`` take no absolute path and no parent folder); and ``sandbox.lua``, run before the
document, which limits Lua's ``io``, ``os`` and ``lfs`` to the build folder and the TeX trees
and removes process functions (``--safer`` would, but luaotfload refuses to run under it).
lualatex runs in its own process group, killed as a whole on a timeout or a signal, and dies
with derivetex even when that is SIGKILLed.

The PDF is reproducible: its dates come from a fixed ``SOURCE_DATE_EPOCH`` and its trailer /ID
(otherwise a hash of the time and the temporary path) is set to the SHA-256 of the tex source,
so the same tex gives the same bytes on the same TeX installation, in any time zone and
locale, and any PDF names the tex it was built from (`pdf_source_id`; the output/ staleness
test relies on it).
No lualatex on PATH -> ``ToolMissing`` naming the Debian packages; nothing is written.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from derivetex.config import Config
from derivetex.engine import Derivation
from derivetex.errors import DerivetexError, ToolMissing
from derivetex.outputs import pdf_workdir_prefix, remove_stale_pdf_workdirs
from derivetex.render.context import build_context
from derivetex.render.environment import render_template

LUALATEX_INSTALL = "apt-get install texlive-luatex texlive-lang-japanese texlive-latex-recommended"
"""What to install when lualatex is missing (Debian's packages); the ToolMissing names it."""
#: 2024-01-01T00:00:00Z; any fixed instant works, it only has to be the same every run.
SOURCE_DATE_EPOCH = "1704067200"
REPRODUCIBLE = {
    "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "FORCE_SOURCE_DATE": "1",
    "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": "",
}
"""The fixed date, in UTC (LuaTeX writes CreationDate in the local zone), in a fixed locale."""
FENCED = {"openin_any": "p", "openout_any": "p", "shell_escape": "f"}
"""kpathsea's paranoid setting for TeX's own file reads and writes; no shell escape."""
JOBNAME = "document"
SANDBOX = Path(__file__).with_name("sandbox.lua")
SANDBOX_NAME = "derivetex-sandbox.lua"
PR_SET_PDEATHSIG = 1


class LatexError(DerivetexError):
    """LuaLaTeX did not produce a PDF; the message carries the first error of the log."""


def render_pdf(derivation: Derivation, config: Config) -> bytes:
    """Compile the print-target LaTeX with the fenced ``lualatex`` (see the module)."""
    return compile_tex(pdf_tex(derivation, config))


def pdf_tex(derivation: Derivation, config: Config) -> str:
    """The print-target LaTeX a PDF is compiled from (real ``①``, not the tex output's)."""
    if derivation.spec is not None:
        from derivetex.render.spec_context import render_spec

        return render_spec(derivation, config, "pdf")
    context = build_context(derivation, config, "pdf")
    return render_template(f"tex/{derivation.name}.tex.j2", "pdf", context)


def compile_tex(tex: str) -> bytes:
    """The PDF bytes of one LaTeX document; the working files are removed afterwards."""
    source_id = tex_source_id(tex)
    stamped = f"\\pdfvariable trailerid {{[<{source_id}> <{source_id}>]}}\n{tex}"
    remove_stale_pdf_workdirs()
    with tempfile.TemporaryDirectory(prefix=pdf_workdir_prefix()) as workdir:
        if "\\eqref{" in tex or "\\tableofcontents" in tex:  # pass 1 writes what 2 reads
            compile_pdf(stamped, Path(workdir), env=REPRODUCIBLE)
        return compile_pdf(stamped, Path(workdir), env=REPRODUCIBLE).read_bytes()


def tex_source_id(tex: str) -> str:
    """The 32 hex digits (first half of SHA-256 of the UTF-8 tex) used as the PDF's /ID."""
    return hashlib.sha256(tex.encode("utf-8")).hexdigest()[:32].upper()


def pdf_source_id(pdf: bytes) -> str | None:
    """The last trailer's first /ID string: ``tex_source_id`` of the tex if derivetex built it."""
    found = re.findall(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>", pdf)
    return found[-1].decode("ascii").upper() if found else None


def compile_pdf(
    tex_source: str, workdir: Path, timeout: float = 300.0, env: Mapping[str, str] | None = None
) -> Path:
    """Write ``tex_source`` to ``workdir/document.tex``, compile it fenced, return the PDF path.

    One pass is enough for our documents (``\\tag`` needs no second); a failure names the
    first ``!`` line of the log. ``env`` adds variables (``SOURCE_DATE_EPOCH``).
    """
    lualatex = find_lualatex()
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / SANDBOX_NAME).write_bytes(SANDBOX.read_bytes())
    fenced = f"\\directlua{{dofile('{SANDBOX_NAME}')}}\n{tex_source}"
    (workdir / f"{JOBNAME}.tex").write_text(fenced, encoding="utf-8")
    command = [
        lualatex, "-no-shell-escape", "--nosocket", "-halt-on-error", "-interaction=nonstopmode",
        f"-jobname={JOBNAME}", f"{JOBNAME}.tex",
    ]  # fmt: skip
    proc = subprocess.Popen(
        command, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, env={**os.environ, **(env or {}), **FENCED},
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


def find_lualatex() -> str:
    """The lualatex on PATH, or ToolMissing naming the packages to install."""
    path = shutil.which("lualatex")
    if path is None:
        raise ToolMissing(f"lualatex is not on PATH; install: {LUALATEX_INSTALL}")
    return path


def first_error_line(log: str) -> str | None:
    """The first ``! ...`` line of a TeX log with the line after it (often the context)."""
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("!"):
            context = lines[i + 1].strip() if i + 1 < len(lines) else ""
            return f"{line} {context}".strip()
    return None


def _die_with_parent() -> None:
    """In the child, before exec: SIGKILL it when derivetex dies, even by SIGKILL (Linux)."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill lualatex and anything it started (its own session and process group)."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

"""Derivation -> PDF: the `tex` output compiled by LuaLaTeX in a throw-away directory.

The PDF is reproducible: its dates come from a fixed ``SOURCE_DATE_EPOCH`` and its trailer /ID
(otherwise a hash of the time and the temporary path) is set to the SHA-256 of the tex source,
so the same tex gives the same bytes on the same TeX installation, in any time zone and
locale, and any PDF names the tex it was built from (`pdf_source_id`; the output/ staleness
test relies on it).
No lualatex on PATH -> ``ToolMissing`` naming the Debian packages; nothing is written.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

from derivetex.config import Config
from derivetex.engine import Derivation
from derivetex.outputs import pdf_workdir_prefix, remove_stale_pdf_workdirs
from derivetex.render.context import build_context
from derivetex.render.environment import render_template
from derivetex.tools.lualatex import compile_pdf

#: 2024-01-01T00:00:00Z; any fixed instant works, it only has to be the same every run.
SOURCE_DATE_EPOCH = "1704067200"
REPRODUCIBLE = {
    "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "FORCE_SOURCE_DATE": "1",
    "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": "",
}
"""The fixed date, in UTC (LuaTeX writes CreationDate in the local zone), in a fixed locale."""


def render_pdf(derivation: Derivation, config: Config) -> bytes:
    """Compile the print-target LaTeX with ``lualatex -no-shell-escape -halt-on-error``."""
    if derivation.spec is not None:
        from derivetex.render.spec_context import render_spec

        return compile_tex(render_spec(derivation, config, "pdf"))
    context = build_context(derivation, config, "pdf")
    tex = render_template(f"tex/{derivation.name}.tex.j2", "pdf", context)
    return compile_tex(tex)


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

"""Where the external tools are, and what to install when one is missing.

``find_tool`` is for library code (raises ``ToolMissing``); ``require_tool`` is for tests:
a loud skip on a developer machine that lacks the tool, a failure in CI (``CI=true``),
where every tool must be present.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from derivetex.errors import ToolMissing
from derivetex.render.pdf import LUALATEX_INSTALL as APT_TEX

#: The checkout's ``renderers/`` folder (package.json, check-math.mjs, node_modules/).
RENDERERS_DIR = Path(__file__).resolve().parents[3] / "renderers"


@dataclass(frozen=True)
class ToolSpec:
    """One external program: its executable name and how to install it."""

    executable: str
    install: str


TOOLS: dict[str, ToolSpec] = {
    "lualatex": ToolSpec("lualatex", APT_TEX),
    "pdftoppm": ToolSpec("pdftoppm", "apt-get install poppler-utils"),
    "pdftotext": ToolSpec("pdftotext", "apt-get install poppler-utils"),
    "node": ToolSpec("node", "install Node.js >= 20 (apt-get install nodejs npm)"),
    "chromium": ToolSpec("chromium", "apt-get install chromium"),
}


def find_tool(name: str) -> str:
    """Return the path of tool ``name`` or raise ``ToolMissing`` naming the install command.

    ``renderers`` is a pseudo-tool: Node.js plus ``npm ci`` done in ``renderers/``.
    """
    if name == "renderers":
        node = find_tool("node")
        if not (RENDERERS_DIR / "node_modules" / "katex").is_dir():
            raise ToolMissing(
                f"the Node packages of {RENDERERS_DIR} are not installed; "
                f"install: cd {RENDERERS_DIR} && npm ci"
            )
        return node
    try:
        spec = TOOLS[name]
    except KeyError:
        raise ToolMissing(f"unknown tool {name!r}; known: {', '.join(sorted(TOOLS))}") from None
    path = shutil.which(spec.executable)
    if path is None:
        raise ToolMissing(f"{spec.executable} is not on PATH; install: {spec.install}")
    return path


def in_ci() -> bool:
    """True in CI, where a missing tool is a failure rather than a skip."""
    return os.environ.get("CI", "").lower() == "true"


def require_tool(name: str) -> str:
    """In a test: return the tool's path, or skip loudly (fail when ``CI=true``)."""
    import pytest  # test-only dependency, imported where it is needed

    try:
        return find_tool(name)
    except ToolMissing as exc:
        if in_ci():
            pytest.fail(f"CI=true and a required tool is missing: {exc}", pytrace=False)
        pytest.skip(f"!!! NOT TESTED: {exc} (this would fail in CI)")

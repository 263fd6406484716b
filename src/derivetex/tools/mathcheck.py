"""The render gate: does each math block render in KaTeX (strict) and in MathJax 3?

``check_math`` sends every block to ``renderers/check-math.mjs`` in one Node process;
``math_blocks_from_markdown`` (``render.math_blocks``, which the notebook display uses too)
finds the blocks of a Markdown document the way the blogs' Markdown readers do.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

from derivetex.errors import DerivetexError
from derivetex.render.math_blocks import MathBlock, math_blocks_from_markdown
from derivetex.tools.requirements import RENDERERS_DIR, find_tool

__all__ = ["MathBlock", "MathResult", "Verdict", "check_math", "math_blocks_from_markdown"]

CHECK_SCRIPT = RENDERERS_DIR / "check-math.mjs"


@dataclass(frozen=True)
class Verdict:
    """One renderer's answer for one block."""

    ok: bool
    error: str | None


@dataclass(frozen=True)
class MathResult:
    """Both renderers' answers for one block."""

    id: str
    katex: Verdict
    mathjax: Verdict

    @property
    def ok(self) -> bool:
        return self.katex.ok and self.mathjax.ok

    def describe(self) -> str:
        """One line per failing renderer, for assertion messages."""
        verdicts = (("KaTeX", self.katex), ("MathJax", self.mathjax))
        parts = [f"{name}: {v.error}" for name, v in verdicts if not v.ok]
        return f"{self.id}: " + "; ".join(parts) if parts else f"{self.id}: ok"


def check_math(blocks: list[MathBlock], timeout: float = 120.0) -> list[MathResult]:
    """Render every block with KaTeX (strict, throwOnError) and MathJax 3 (TeX, all packages)."""
    node = find_tool("renderers")
    payload = json.dumps([{"id": b.id, "tex": b.tex, "display": b.display} for b in blocks])
    try:
        proc = subprocess.run(
            [node, str(CHECK_SCRIPT)],
            input=payload.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise DerivetexError(f"check-math.mjs did not finish within {timeout:.0f} s") from None
    if proc.returncode != 0:
        raise DerivetexError(f"check-math.mjs failed: {proc.stderr.decode(errors='replace')}")
    results = [
        MathResult(r["id"], Verdict(**r["katex"]), Verdict(**r["mathjax"]))
        for r in json.loads(proc.stdout)
    ]
    if [r.id for r in results] != [b.id for b in blocks]:
        raise DerivetexError("check-math.mjs answered for other blocks than it was given")
    return results

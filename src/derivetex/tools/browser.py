"""Load a local HTML page in headless Chromium: take a screenshot, read the DOM, find math errors.

Chromium runs with the flags this machine needs (no sandbox as root, no background
networking, which the closed network refuses), with every network request failing (a dead
proxy, no name resolution: pages are tested offline) and a fresh profile per call, so runs
never share state. ``--virtual-time-budget`` lets page scripts (a vendored KaTeX) finish
before the screenshot or the DOM dump is taken.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from derivetex.errors import DerivetexError
from derivetex.tools.requirements import find_tool

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # Offline: any http(s) request goes to a dead proxy and no host name resolves, so a page
    # that renders here renders without a network.
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def _run_chromium(args: list[str], url: str, timeout: float) -> subprocess.CompletedProcess[bytes]:
    chromium = find_tool("chromium")
    with tempfile.TemporaryDirectory(prefix="derivetex-chromium-") as profile:
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, url]
        try:
            proc = subprocess.run(command, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise DerivetexError(f"chromium did not finish within {timeout:.0f} s") from None
    if proc.returncode != 0:
        tail = proc.stderr.decode(errors="replace")[-500:]
        raise DerivetexError(f"chromium failed (exit {proc.returncode}) on {url}: {tail}")
    return proc


def screenshot_html(
    html_path: Path,
    out_png: Path,
    window: tuple[int, int] = (1000, 800),
    budget_ms: int = 3000,
    timeout: float = 60.0,
) -> Path:
    """Screenshot the page at ``html_path`` (viewport ``window``) into ``out_png``."""
    out_png.parent.mkdir(parents=True, exist_ok=True)
    args = [
        f"--screenshot={out_png.resolve()}",
        f"--window-size={window[0]},{window[1]}",
        f"--virtual-time-budget={budget_ms}",
    ]
    _run_chromium(args, html_path.resolve().as_uri(), timeout)
    if not out_png.is_file():
        raise DerivetexError(f"chromium wrote no screenshot for {html_path}")
    return out_png


def dump_dom(html_path: Path, budget_ms: int = 3000, timeout: float = 60.0) -> str:
    """The page's DOM after load and scripts, serialised as HTML."""
    args = ["--dump-dom", f"--virtual-time-budget={budget_ms}"]
    proc = _run_chromium(args, html_path.resolve().as_uri(), timeout)
    return proc.stdout.decode("utf-8", errors="replace")


class _ErrorFinder(HTMLParser):
    """Collects the elements that KaTeX, MathJax and MathML use to show a failed formula."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag in ("merror", "mjx-merror"):
            self.errors.append(f"<{tag}>")
        elif "katex-error" in classes:
            self.errors.append(f"katex-error: {attributes.get('title') or ''}".strip())
        elif "data-mjx-error" in attributes:
            self.errors.append(f"mathjax error: {attributes['data-mjx-error']}")


def math_errors_in_dom(dom: str) -> list[str]:
    """Error nodes left in a rendered page: ``merror``, ``mjx-merror``, ``.katex-error``."""
    finder = _ErrorFinder()
    finder.feed(dom)
    finder.close()
    return finder.errors


def count_math_nodes(dom: str) -> int:
    """How many formulas the page shows: ``<math>`` elements plus KaTeX spans.

    KaTeX (output ``htmlAndMathml``) keeps one ``<math>`` in a ``.katex-mathml`` span of
    each ``.katex`` span; that pair is counted once.
    """
    counter = _MathCounter()
    counter.feed(dom)
    counter.close()
    return counter.math + counter.katex - counter.katex_mathml


class _MathCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.math = self.katex = self.katex_mathml = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        self.math += tag == "math"
        self.katex += "katex" in classes
        self.katex_mathml += "katex-mathml" in classes


NETWORK_REFERENCE = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|@import|url\(\s*["']?\s*(?:https?:)?//)""",
    re.IGNORECASE,
)


def network_references(page: str) -> list[str]:
    """Resource references that would need a network: ``src=``/``href=`` to http(s) or ``//``,
    any ``@import``, and CSS ``url(http…)``. ``data:`` URIs and XML namespaces do not count."""
    return [match.group(0) for match in NETWORK_REFERENCE.finditer(page)]

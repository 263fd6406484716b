"""The HTML page as a reader sees it in Chromium: punctuation stays with its formula.

A colon, comma or full stop right after inline math used to wrap alone onto the next line
(an atomic inline such as KaTeX's box may end a line before the character that follows it).
The probe below narrows the article from 900 px to 160 px in Chromium and, at every width,
looks at each inline formula followed directly by punctuation: the punctuation must sit on the
formula's last line.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.render.variants import LANGS

from derivetex.tools.browser import dump_dom
from derivetex.tools.requirements import require_tool

DERIVETEX = [sys.executable, "-m", "derivetex.cli"]
PUNCTUATION = ":;,.)、。，．：）"

PROBE = """<script>
(function () {
  var root = document.querySelector(".derivetex");
  var maths = root.querySelectorAll(".math.inline");
  var wraps = [], pairs = 0;
  function following(node) {  // the first character of text after node, as [textNode, offset]
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    walker.currentNode = node;
    while (walker.nextSibling() === null) {
      if (walker.parentNode() === null || walker.currentNode === root) return null;
    }
    var text = walker.currentNode;
    while (text && text.nodeType !== 3) text = text.firstChild;
    return text && text.data.length ? text : null;
  }
  for (var width = 900; width >= 160; width -= 10) {
    root.style.maxWidth = "none";
    root.style.width = width + "px";
    for (var i = 0; i < maths.length; i++) {
      var text = following(maths[i]);
      if (!text || PUNCTUATION.indexOf(text.data[0]) < 0) continue;
      pairs++;
      var range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 1);
      var mark = range.getBoundingClientRect();
      var lines = maths[i].getClientRects();
      var last = lines[lines.length - 1];
      if (mark.top >= last.bottom - 1) {
        var tex = maths[i].querySelector("annotation");
        wraps.push(width + " px: " + (tex ? tex.textContent : "?") + " then " + text.data[0]);
      }
    }
  }
  document.body.setAttribute("data-wraps", JSON.stringify(wraps));
  document.body.setAttribute("data-pairs", String(pairs));
})();
</script>
""".replace("PUNCTUATION", json.dumps(PUNCTUATION))


def _probed(page: Path, tmp_path: Path) -> tuple[list[str], int]:
    probe = tmp_path / f"probe-{page.name}"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"),
                     encoding="utf-8")
    dom = dump_dom(probe, budget_ms=5000, timeout=120)
    wraps = re.search(r'data-wraps="([^"]*)"', dom)
    pairs = re.search(r'data-pairs="(\d+)"', dom)
    assert wraps and pairs, "the probe did not run"
    return json.loads(wraps.group(1).replace("&quot;", '"')), int(pairs.group(1))


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[Path]:
    """The multiclass article and a spec's page (binary), in both languages."""
    out = tmp_path_factory.mktemp("html")
    for lang in LANGS:
        for name in ("multiclass", "binary"):
            proc = subprocess.run(
                [*DERIVETEX, "derive", name, "--lang", lang, "--format", "html", "-o", str(out)],
                capture_output=True, text=True, timeout=300,
            )
            assert proc.returncode == 0, proc.stderr
    return sorted(out.glob("*.html"))


def test_punctuation_after_inline_math_never_starts_a_line(pages, tmp_path):
    require_tool("chromium")
    probed = {page.name: _probed(page, tmp_path) for page in pages}
    assert {name: wraps[:5] for name, (wraps, _) in probed.items() if wraps} == {}
    assert all(pairs > 0 for name, (_, pairs) in probed.items() if ".en." in name)

"""A rendered post in every flavor: its formulas, found the platform's way, render there, its
tags are all different, and ``verify`` finds no error in the derivations it holds."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from derivetex.posts.command import run_render
from derivetex.render.flavors import FLAVORS
from derivetex.tools.flavorcheck import flavor_math
from derivetex.tools.mathcheck import check_math
from derivetex.tools.requirements import require_tool
from derivetex.verify.command import run_verify

POST = """# Notes

```derivetex
--K 3 --y 0.33 0.32 0.35 --t 1 0 0 --lang {lang}
```

A paragraph of my own with $E$ in it.

```derivetex
--K K --lang {lang}
```
"""


def rendered(tmp_path: Path, flavor: str, lang: str) -> Path:
    path = tmp_path / f"{flavor}-{lang}.md"
    path.write_text(POST.format(lang=lang), encoding="utf-8")
    assert run_render([str(path)], flavor=flavor) == 0
    return path


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("flavor", list(FLAVORS))
def test_rendered_post_passes_the_gate_and_verify(tmp_path: Path, flavor: str, lang: str) -> None:
    require_tool("renderers")
    path = rendered(tmp_path, flavor, lang)
    text = path.read_text(encoding="utf-8")
    tags = re.findall(r"\\tag\{([\d.]+)\}", text)
    assert tags == ["5.1", "5.2", "5.3", "5.4"]
    blocks = flavor_math(text, flavor, f"{path.name} ")
    assert len([b for b in blocks if b.display]) >= 10
    renderer = FLAVORS[flavor].renderer
    failing = [r.describe() for r in check_math(blocks)
               if not (r.katex.ok if renderer == "KaTeX" else r.mathjax.ok)]
    assert failing == []
    out = io.StringIO()
    assert run_verify([str(path)], "json", out) == 0
    summary = json.loads(out.getvalue())["files"][0]["summary"]
    assert summary["error"] == 0 and summary["ok"] >= 20

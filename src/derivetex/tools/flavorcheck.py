"""The math a platform finds in Markdown of each flavor, found the way that platform does.

- ``katex``: markdown-it's dollarmath (``$``, ``$$``), as Zenn and KaTeX sites read it;
- ``mathjax``: MathJax 3's own FindTeX with its default delimiters (``renderers/find-math.mjs``);
- ``qiita``: ```` ```math ```` fences and ``$…$`` inline, read with markdown-it;
- ``github``: ``$$`` blocks and ``$`…`$`` inline (a code span between dollars), with markdown-it.

Each formula found then goes through the render gate (``mathcheck.check_math``); the renderer
whose verdict counts is the one the platform runs (``render.flavors.FLAVORS``).
"""

from __future__ import annotations

import json
import subprocess

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from derivetex.errors import DerivetexError
from derivetex.tools.mathcheck import MathBlock, math_blocks_from_markdown
from derivetex.tools.requirements import RENDERERS_DIR, find_tool

FIND_SCRIPT = RENDERERS_DIR / "find-math.mjs"


def flavor_math(markdown: str, flavor: str, prefix: str = "") -> list[MathBlock]:
    """Every formula of ``markdown`` as the platform of ``flavor`` finds it, in order."""
    if flavor == "katex":
        return math_blocks_from_markdown(markdown, prefix)
    if flavor == "mathjax":
        return mathjax_finds({prefix: markdown})[prefix]
    found = _qiita(markdown) if flavor == "qiita" else _github(markdown)
    return [MathBlock(f"{prefix}#{k}", tex, display) for k, (tex, display) in enumerate(found, 1)]


def mathjax_finds(pages: dict[str, str], timeout: float = 120.0) -> dict[str, list[MathBlock]]:
    """For each named page, what MathJax's FindTeX finds in it (one Node process for all)."""
    node = find_tool("renderers")
    payload = json.dumps([{"id": name, "text": text} for name, text in pages.items()])
    try:
        proc = subprocess.run([node, str(FIND_SCRIPT)], input=payload.encode("utf-8"),
                              capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise DerivetexError(f"find-math.mjs did not finish within {timeout:.0f} s") from None
    if proc.returncode != 0:
        raise DerivetexError(f"find-math.mjs failed: {proc.stderr.decode(errors='replace')}")
    return {
        page["id"]: [
            MathBlock(f"{page['id']}#{k}", m["tex"].strip(), m["display"])
            for k, m in enumerate(page["math"], 1)
        ]
        for page in json.loads(proc.stdout)
    }


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(dollarmath_plugin, double_inline=True).enable("table")


def _display(token: Token) -> bool:
    """A ``$$`` block or a ```` ```math ```` fence: both platforms take either as display."""
    if token.type == "fence":
        return token.info.strip() == "math"
    return token.type in ("math_block", "math_block_label")


def _qiita(markdown: str) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    for token in _parser().parse(markdown):
        if _display(token):
            found.append((token.content.strip(), True))
        elif token.type == "inline":
            found += [(c.content.strip(), False) for c in token.children or []
                      if c.type == "math_inline"]
    return found


def _github(markdown: str) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    for token in _parser().disable(["math_inline"]).parse(markdown):
        if _display(token):
            found.append((token.content.strip(), True))
        elif token.type == "inline":
            found += [(code.content.strip(), False) for code in _dollar_code(token)]
    return found


def _dollar_code(inline: Token) -> list[Token]:
    """Code spans written ``$`…`$``: a text ending in ``$`` before, one starting with it after."""
    children = inline.children or []
    return [
        child for before, child, after in zip(children, children[1:], children[2:], strict=False)
        if child.type == "code_inline" and before.type == "text" and before.content.endswith("$")
        and after.type == "text" and after.content.startswith("$")
    ]

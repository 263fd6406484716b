"""The derivations every renderer test runs over: the article's example and its variations.

Each variant is a set of ``build_config`` keywords; ids read like the CLI options.
"""

from __future__ import annotations

from typing import Any

import derivetex

VARIANTS: dict[str, dict[str, Any]] = {
    "article": {},
    "K1": {"K": "1"},
    "K2": {"K": "2"},
    "K5": {"K": "5"},
    "K-symbolic": {"K": "K"},
    "log-base-2": {"log_base": "2"},
    "log-base-10": {"log_base": "10"},
    "K12-expand-limit-4": {"K": "12", "expand_limit": 4},
    "zero-y-and-t": {"y": ["0", "0.4", "0.6"], "t": ["0", "1", "0"]},
}
LANGS = ("ja", "en")

#: Class names that try to break out of every format we write.
HOSTILE_LABELS = [
    "</script><script>alert(1)</script>",
    r"\input{/etc/passwd}",
    "$x$",
    "((( 7*7 )))",
    "{{ 7*7 }}",
]


def document(lang: str, variant: str) -> derivetex.Document:
    return derivetex.derive(lang=lang, **VARIANTS[variant])


def hostile_document(
    lang: str, labels: list[str] = HOSTILE_LABELS, flavor: str = "katex"
) -> derivetex.Document:
    """Five classes named by ``labels`` (the hostile ones unless told otherwise)."""
    return derivetex.derive(lang=lang, labels=labels, y=["0.2"] * 5, t=["1", "0", "0", "0", "0"],
                            flavor=flavor)

"""A derivation turned into what templates need: strings and flags, no SymPy objects.

Templates never compute mathematics: every formula here comes from the one printer, every
number from a verified step.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivetex.config import Config
from derivetex.engine import Chain, Derivation, Step
from derivetex.model.values import IndexedValues
from derivetex.render.highlight import TEX_PREAMBLE, Marks, chain_marks
from derivetex.render.printer import article_latex
from derivetex.render.wording import CATALOGS, JOIN, LOG_NAMES, Catalog, circled, fill

TARGETS = {"md": "web", "html": "web", "tex": "print", "pdf": "print"}


def build_context(derivation: Derivation, config: Config, fmt: str) -> dict[str, Any]:
    """The template context for one format."""
    words = CATALOGS[config.lang]
    target = TARGETS[fmt]
    tags = {"1": config.tag("1"), "2": config.tag("2")}

    def latex(expr: sp.Expr, marks: Marks | None = None) -> str:
        return article_latex(expr, config.expand_limit, marks)

    blocks = [_block(chain, words, target, tags, derivation, latex, config.highlight)
              for chain in derivation.chains]
    return {
        "lang": config.lang,
        "title": words.title,
        "intro": words.intro,
        "verified_note": words.verified_note,
        "blocks": blocks,
        "table_head": words.table_head,
        "classes": _classes(derivation, config.expand_limit, words),
        "zero_log_note": words.zero_log_note if _has_zero_log(derivation) else None,
        "result": _result(derivation, words, latex),
        "highlight_preamble": TEX_PREAMBLE if config.highlight else None,
    }


def _block(
    chain: Chain, words: Catalog, target: str, tags: dict[str, str], derivation: Derivation,
    latex: Any, highlight: bool,
) -> dict[str, Any]:
    marks = (chain_marks(chain.lhs, chain.steps, target) if highlight
             else [None] * (len(chain.steps) + 1))
    rows = []
    for position, step in enumerate(chain.steps):
        why = None if position == 0 else _justification(step, words, target)
        rows.append({"lhs": latex(chain.lhs, marks[0]) if position == 0 else "",
                     "rhs": latex(step.after, marks[position + 1]), "why": why})
    written_k = derivation.K if derivation.K is not None else "K"
    lead = words.leads.get(f"{chain.name}.{written_k}", words.leads.get(chain.name))
    return {
        "name": chain.name,
        "lead": fill(lead, n=written_k, tag1=tags["1"], tag2=tags["2"]) if lead else None,
        "rows": rows,
        "tag": tags[chain.tag] if chain.tag else None,
        "legend": _legend(chain, words, derivation),
    }


def _justification(step: Step, words: Catalog, target: str) -> str | None:
    if "joined" in step.params:  # a compact row: each joined step's words in turn
        pieces = [_justification(s, words, target) for s in step.params["joined"]]
        return JOIN[words.lang].join(p for p in pieces if p) or None
    template = words.justifications.get(step.rule.name)
    if template is None:
        return None
    return fill(
        template, statement=step.rule.statement, circle1=circled(1, target),
        circle2=circled(2, target), n=step.params.get("value", ""), bound="K",
        what=_substituted(step),
    )


def _substituted(step: Step) -> str:
    """`t_{k}`, `y_{k}` or both: which symbols a substitution step filled in."""
    values = step.params.get("values", {})
    bases = values.bases if isinstance(values, IndexedValues) else {
        key.base for key in values if isinstance(key, sp.Indexed)}
    names = sorted({str(base.label) for base in bases}, key=lambda n: "ty".find(n))
    return ",\\ ".join(f"{name}_{{k}}" for name in names)


def _legend(chain: Chain, words: Catalog, derivation: Derivation) -> str | None:
    if not chain.legend:
        return None
    unit = words.unit(derivation.log_base)
    log_name = LOG_NAMES[words.lang][derivation.log_base]
    items = [fill(words.legend[key], unit=unit, log=log_name) for key in chain.legend]
    return r",\ ".join(items)


def _classes(derivation: Derivation, limit: int, words: Catalog) -> list[dict[str, str]] | None:
    """Table rows (LaTeX for k, y, t); above `limit` classes the middle is elided like the rows.
    Without labels the class column names each class by its index (``class 2``), not blank."""
    if derivation.y is None or derivation.t is None:
        return None
    labels = derivation.labels or tuple(
        words.unnamed_class.format(k=k) for k in range(1, len(derivation.y) + 1))
    n = len(derivation.y)
    shown = range(1, n + 1) if n <= limit else (1, 2, None, n)  # only the rows shown

    def row(k: int | None) -> dict[str, str]:
        if k is None:
            return {"k": r"\vdots", "label": "", "y": r"\vdots", "t": r"\vdots"}
        assert derivation.y is not None and derivation.t is not None
        return {"k": str(k), "label": labels[k - 1], "y": article_latex(derivation.y[k - 1]),
                "t": article_latex(derivation.t[k - 1])}

    return [row(k) for k in shown]


def _has_zero_log(derivation: Derivation) -> bool:
    if derivation.y is None or derivation.t is None:
        return False
    return any(y == 0 and t == 0 for y, t in zip(derivation.y, derivation.t, strict=True))


def _result(derivation: Derivation, words: Catalog, latex: Any) -> str | None:
    if "E" not in derivation.values:
        return None
    printed = latex(derivation.chain("example_cross_entropy").result)
    return fill(words.result, E=printed, unit=words.unit(derivation.log_base))

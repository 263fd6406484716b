"""Derivation -> text of one format. Each writer gets the verified derivation and the config."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from derivetex.config import Config
from derivetex.engine import Derivation
from derivetex.render.context import build_context
from derivetex.render.environment import render_template
from derivetex.render.flavors import apply_flavor
from derivetex.render.highlight import changed_data
from derivetex.render.printer import article_latex, values_latex
from derivetex.render.wording import CATALOGS, UNITS

Writer = Callable[[Derivation, Config], str | bytes]


def render_markdown(derivation: Derivation, config: Config, *, standalone: bool = True) -> str:
    """The article in the config's flavor; ``standalone=False`` leaves out the title, for a
    derivation placed inside someone's post."""
    if derivation.spec is not None:
        from derivetex.render.spec_context import render_spec  # the reader: only for specs

        markdown = render_spec(derivation, config, "md", standalone=standalone)
    else:
        context = {**build_context(derivation, config, "md"), "standalone": standalone,
                   "verified_note": CATALOGS[config.lang].footer(standalone)}
        markdown = render_template(f"md/{derivation.name}.md.j2", "md", context)
    return apply_flavor(markdown, config.flavor)


def render_latex(derivation: Derivation, config: Config) -> str:
    if derivation.spec is not None:
        from derivetex.render.spec_context import render_spec

        return render_spec(derivation, config, "tex")
    context = build_context(derivation, config, "tex")
    return render_template(f"tex/{derivation.name}.tex.j2", "tex", context)


def derivation_data(derivation: Derivation, config: Config) -> dict[str, Any]:
    """The derivation as plain data: every step with its rule, LaTeX and checks."""
    if derivation.spec is not None:
        from derivetex.render.spec_data import spec_data

        return spec_data(derivation, config)

    def latex(expr: Any) -> str:
        return article_latex(expr, config.expand_limit)

    steps = [
        {
            "chain": chain.name,
            "rule": step.rule.name,
            "statement": step.rule.statement,
            "relation": step.rule.relation,
            "lhs": latex(chain.lhs),
            "before": latex(step.before),
            "latex": latex(step.after),
            "verified": step.verified,
            "checks": [check.as_dict() for check in step.checks],
            **({"changed": changed_data(step, latex)} if config.highlight else {}),
        }
        for chain in derivation.chains
        for step in chain.steps
    ]
    data: dict[str, Any] = {
        "derivation": derivation.name,
        "K": derivation.K if derivation.K is not None else "K",
        "log_base": derivation.log_base if derivation.log_base else "e",
        "unit": UNITS[derivation.log_base],
        "lang": config.lang,
        "tags": {
            chain.name: config.tag(chain.tag) for chain in derivation.chains if chain.tag
        },
        "steps": steps,
    }
    if derivation.y is not None and derivation.t is not None:
        data["labels"] = list(derivation.labels) if derivation.labels else None
        data["y"] = values_latex(derivation.y, config.expand_limit)
        data["t"] = values_latex(derivation.t, config.expand_limit)
        data["values"] = dict(derivation.values)
    return data


def render_json(derivation: Derivation, config: Config) -> str:
    return json.dumps(derivation_data(derivation, config), ensure_ascii=False, indent=2) + "\n"


def _pdf(derivation: Derivation, config: Config) -> bytes:
    """LuaLaTeX and its tools, imported only when a PDF is asked for."""
    from derivetex.render.pdf import render_pdf

    return render_pdf(derivation, config)


def _html(derivation: Derivation, config: Config) -> str:
    """The offline page and its vendored KaTeX, imported only when HTML is asked for."""
    from derivetex.render.html import render_html

    return render_html(derivation, config)


WRITERS: dict[str, Writer] = {
    "md": render_markdown,
    "tex": render_latex,
    "json": render_json,
    "pdf": _pdf,
    "html": _html,
}


"""A spec's derivation as plain data (the JSON output): every row with its rules and checks."""

from __future__ import annotations

from typing import Any

from derivetex.config import Config
from derivetex.engine import Derivation
from derivetex.render.highlight import changed_data
from derivetex.render.spec_printer import spec_latex


def spec_data(derivation: Derivation, config: Config) -> dict[str, Any]:
    """``derivation``, ``lang``, ``tags``, ``steps`` (each with ``rules`` and whether they were
    ``inferred``; a row a gap's fill wrote has ``filled`` and ``backwards``; with
    ``--highlight``, ``changed``) and ``values`` (each chain's verified number, full
    precision)."""

    def latex(expr: Any) -> str:
        return spec_latex(expr, config.expand_limit)

    tagged = [chain.name for chain in derivation.chains if chain.tag]
    steps = [
        {
            "chain": chain.name,
            "rule": step.rule.name,
            "rules": list(step.params.get("rules", (step.rule.name,))),
            "inferred": bool(step.params.get("inferred", False)),
            "statement": step.rule.statement,
            "relation": step.rule.relation,
            "lhs": spec_latex(chain.lhs, config.expand_limit),
            "before": spec_latex(step.before, config.expand_limit),
            "latex": spec_latex(step.after, config.expand_limit),
            "verified": step.verified,
            "checks": [check.as_dict() for check in step.checks],
            **({"filled": True, "backwards": bool(step.params.get("backwards"))}
               if step.params.get("filled") else {}),
            **({"changed": changed_data(step, latex)} if config.highlight else {}),
        }
        for chain in derivation.chains
        for step in chain.steps
    ]
    return {
        "derivation": derivation.name,
        "spec": True,
        "lang": config.lang,
        "tags": {name: config.numbered(n) for n, name in enumerate(tagged, start=1)},
        "steps": steps,
        "values": dict(derivation.values),
    }

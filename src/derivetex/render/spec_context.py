"""A derivation built from a spec turned into what the spec templates need: strings only.

Spec text is user input. Prose is split at ``$...$``: the words go through the format's one
escaping filter, the math is read by the reader and printed by our printer, so neither can
inject LaTeX, Markdown, HTML or template code. Justifications come from the rule catalog
(``wording``) unless the row gives its own text, which is escaped the same way.
"""

from __future__ import annotations

import html
from typing import Any

import sympy as sp

from derivetex.config import Config
from derivetex.engine import Chain, Derivation, Step
from derivetex.model.functions import read_sigmoid
from derivetex.reader import parse
from derivetex.render.environment import render_template
from derivetex.render.highlight import TEX_PREAMBLE, chain_marks
from derivetex.render.spec_printer import spec_latex
from derivetex.render.spec_prose import anchor, check_prose, math_text, math_words, prose
from derivetex.render.wording import CATALOGS, JOIN, Catalog, circled, fill
from derivetex.specs.reading import declared_names
from derivetex.specs.schema import Spec, Texts

TARGETS = {"md": "web", "html": "web", "tex": "print", "pdf": "print"}


def render_spec(
    derivation: Derivation, config: Config, fmt: str, *, standalone: bool = True
) -> str:
    """One format of a spec's derivation (``pdf`` gives the tex it is compiled from);
    ``standalone=False`` leaves out the Markdown title, for a block inside a post."""
    folder = "tex" if fmt == "pdf" else fmt
    context = {**spec_context(derivation, config, fmt), "standalone": standalone,
               "verified_note": CATALOGS[config.lang].footer(standalone)}
    return render_template(f"{folder}/spec.{folder}.j2", fmt, {**context, "c": context})


def spec_context(derivation: Derivation, config: Config, fmt: str) -> dict[str, Any]:
    spec: Spec = derivation.spec
    check_prose(spec, fmt)
    words = CATALOGS[config.lang]
    tags = _tags(derivation, config)
    equation_tags: dict[sp.Expr, str] = {}
    for chain in derivation.chains:  # the first chain of a left-hand side is the one cited
        if chain.name not in tags:
            equation_tags.setdefault(chain.lhs, spec_latex(chain.lhs))
        elif TARGETS[fmt] == "print":
            equation_tags.setdefault(chain.lhs, rf"\eqref{{{anchor(spec, chain.name)}}}")
        else:
            equation_tags.setdefault(chain.lhs, f"({tags[chain.name]})")
    blocks = [_block(chain, spec, words, fmt, tags, config, equation_tags)
              for chain in derivation.chains]
    return {
        "lang": config.lang,
        "title": prose(spec.title, config.lang, fmt, spec, field="title"),
        "title_text": html.escape(spec.title.get(config.lang)),
        "intro": prose(spec.intro, config.lang, fmt, spec, field="intro") if spec.intro else None,
        "definitions": _definitions(spec, config),
        "blocks": blocks,
        "legend": _legend(spec, config.lang, TARGETS[fmt] == "web"),
        "verified_note": words.verified_note,
        "highlight_preamble": TEX_PREAMBLE if config.highlight else None,
    }


def _definitions(spec: Spec, config: Config) -> str | None:
    """The spec's definitions as one display (``L = \\prod ...``), stated before they are used."""
    if not spec.definitions:
        return None
    names = declared_names(spec)
    rows = []
    for name, latex in spec.definitions:
        symbol = names.declare(read_sigmoid(parse(name)[0]))
        value = names.declare(read_sigmoid(parse(latex)[0]))
        rows.append(f"{spec_latex(symbol)} &= {spec_latex(value, config.expand_limit)}")
    return " \\\\\n".join(rows)


def _tags(derivation: Derivation, config: Config) -> dict[str, str]:
    tagged = [chain.name for chain in derivation.chains if chain.tag]
    return {name: config.numbered(n) for n, name in enumerate(tagged, start=config.first_tag)}


def _block(chain: Chain, spec: Spec, words: Catalog, fmt: str, tags: dict[str, str],
           config: Config, equation_tags: dict[sp.Expr, str]) -> dict[str, Any]:
    chain_spec = next(c for c in spec.chains if c.name == chain.name)
    marks = (chain_marks(chain.lhs, chain.steps, TARGETS[fmt]) if config.highlight
             else [None] * (len(chain.steps) + 1))
    rows = []
    for position, step in enumerate(chain.steps):
        recalled = position == 0 and chain_spec.start is not None  # shown by the lead
        why = None if recalled else justification(
            step, words, TARGETS[fmt], spec, equation_tags)
        lhs = spec_latex(chain.lhs, config.expand_limit, marks[0]) if position == 0 else ""
        rows.append({"lhs": lhs, "rhs": spec_latex(step.after, config.expand_limit,
                                                   marks[position + 1]), "why": why})
    lead = (prose(chain_spec.lead, config.lang, fmt, spec, tags, f"{chain_spec.key}.lead")
            if chain_spec.lead else None)
    note = (prose(chain_spec.note, config.lang, fmt, spec, tags, f"{chain_spec.key}.note")
            if chain_spec.note else None)
    return {"name": chain.name, "lead": lead, "rows": rows, "tag": tags.get(chain.name),
            "note": note, "anchor": anchor(spec, chain.name) if chain.name in tags else None}


def justification(
    step: Step, words: Catalog, target: str, spec: Spec,
    equation_tags: dict[sp.Expr, str] | None = None,
) -> str:
    """The row between two steps: the writer's own words, else the catalog's for each rule;
    a compact row's, each joined step's in turn."""
    if "joined" in step.params:
        return JOIN[words.lang].join(justification(s, words, target, spec, equation_tags)
                                     for s in step.params["joined"])
    own: Texts | None = step.params.get("why")
    if own is not None:
        return math_text(own.get(words.lang), spec, target == "web")
    from derivetex.rules import RULES

    pieces = []
    names = step.params.get("rules", (step.rule.name,))
    if "sizes" in step.params:  # several sums written out at once: "N = 2, K = 3"
        (bound, value), *rest = step.params["sizes"]
        more = "".join(f",\\ {spec_latex(b)} = {v}" for b, v in rest)
        return fill(words.justifications["expand_sum"], bound=spec_latex(bound), n=f"{value}{more}")
    names = tuple(n for i, n in enumerate(names) if i == 0 or names[i - 1] != n)  # said once
    for name in names:
        rule = RULES[name]
        template = words.justifications.get(name, words.justifications["_default"])
        pieces.append(fill(
            template, statement=rule.statement, circle1=circled(1, target),
            circle2=circled(2, target), n=step.params.get("value", ""),
            bound=spec_latex(step.params["bound"]) if "bound" in step.params else "K",
            what=_substituted(step), name=_defined(step, name),
            tag=_tag(step, equation_tags or {}),
        ))
    return JOIN[words.lang].join(pieces)


def _substituted(step: Step) -> str:
    """The names filled in (``t,\\ y``); symbolic values are shown whole (``t_{2} = 1 - t_{1}``)."""
    values = step.params.get("values", {})
    if any(not value.is_Number for value in values.values()):
        return ",\\ ".join(f"{spec_latex(k)} = {spec_latex(v)}" for k, v in values.items())
    shown = {spec_latex(key.base.label if isinstance(key, sp.Indexed) else key) for key in values}
    return ",\\ ".join(sorted(shown))


def _defined(step: Step, rule: str) -> str:
    """The defined names a step put in (or, for a mean, took out)."""
    if rule == "set_derivative_zero":
        return spec_latex(step.params["parameter"])
    if rule == "mean":
        return ",\\ ".join(spec_latex(n) for n in step.params.get("means", {})
                            if step.after.has(n))
    if rule == "fold_definition":
        folded = {spec_latex(n.base.label if isinstance(n, sp.Indexed) else n)
                  for n in step.params.get("definitions", {})
                  if (step.after.has(n.base) if isinstance(n, sp.Indexed) else step.after.has(n))}
        return ",\\ ".join(sorted(folded))
    definitions = step.params.get("definitions", {})
    used = [spec_latex(name) for name in definitions if step.before.has(name)]
    return ",\\ ".join(used)


def _tag(step: Step, equation_tags: dict[sp.Expr, str]) -> str:
    """``(5.1)`` (or the left-hand side, untagged) for the equations a step used."""
    used = [tag for lhs, tag in equation_tags.items() if step.before.has(lhs)]
    return ",\\ ".join(used)


def _legend(spec: Spec, lang: str, web: bool) -> str | None:
    names = declared_names(spec)
    items = []
    for symbol in spec.symbols:
        if symbol.legend is None:
            continue
        expr = names.symbols.get(names.keys[symbol.name])
        if expr is None:
            base = names.bases[names.keys[symbol.name]]
            shown = spec_latex(base.label) + "_{" + _index_name(spec) + "}"
        else:
            shown = spec_latex(expr)
        items.append(f"{shown}: {math_words(symbol.legend.get(lang), web)}")
    return r",\ ".join(items) if items else None


def _index_name(spec: Spec) -> str:
    names = declared_names(spec)
    for symbol in spec.symbols:
        if symbol.index:
            return spec_latex(names.symbols[names.keys[symbol.name]])
    return "k"

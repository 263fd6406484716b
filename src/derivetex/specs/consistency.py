"""Checks across keys, once a spec is read: every ``when`` names a size of the example, and
each layout takes only its own keys (a key the layout would ignore is refused, not dropped).
"""

from __future__ import annotations

from derivetex.errors import InputError
from derivetex.specs.conditions import condition_problem
from derivetex.specs.schema import ChainSpec, Spec


class SpecError(InputError):
    """A spec that cannot be used; the message names the file and the key or line."""


def check_consistency(spec: Spec) -> None:
    """Raise SpecError naming the first key that does not fit the rest of the spec."""
    _check_conditions(spec)
    if spec.layout == "article":
        _check_article(spec)
    else:
        for chain in spec.chains:
            _refuse(spec, chain, _article_keys(chain), "only the article layout takes this key "
                    "(layout = \"article\")")


def _check_conditions(spec: Spec) -> None:
    sizes = spec.example.sizes if spec.example is not None else {}
    keyed = [(f"{c.key}.when", c.when) for c in spec.chains]
    keyed += [(f"{r.key}.when", r.when) for c in spec.chains for r in c.rows]
    for key, text in keyed:
        problem = condition_problem(text, sizes) if text is not None else None
        if problem is not None:
            raise SpecError(f"{spec.source}: {key}: {problem}")


def _check_article(spec: Spec) -> None:
    """One size and the values y, t; words come from the catalog, so no prose keys."""
    example = spec.example
    if example is None or len(example.sizes) != 1 or set(example.values) != {"y", "t"}:
        raise SpecError(f"{spec.source}: example: the article layout needs one size and the "
                        "values y and t")
    if spec.intro is not None:
        raise SpecError(f"{spec.source}: intro: the article layout takes its words from the "
                        "catalog")
    for symbol in spec.symbols:
        if symbol.legend is not None:
            raise SpecError(f"{spec.source}: {symbol.key}.legend: the article layout takes "
                            "its legends from the catalog (a chain's legend = [...])")
    for chain in spec.chains:
        _refuse(spec, chain, _rows_keys(chain), "the article layout does not take this key (its "
                "words are the catalog's; every row names one rule)")


def _refuse(spec: Spec, chain: ChainSpec, keys: list[str], why: str) -> None:
    if keys:
        raise SpecError(f"{spec.source}: {chain.key}.{keys[0]}: {why}")


def _article_keys(chain: ChainSpec) -> list[str]:
    keys = [key for key, used in (("legend", chain.legend), ("continues", chain.continues),
                                  ("start", chain.start_as),
                                  ("definitions", chain.written_out)) if used]
    for position, row in enumerate(chain.rows, start=1):
        keys += [f"rows[{position}].{key}" for key, _ in row.params]
        keys += [f"rows[{position}].optional"] if row.optional else []
    return keys


def _rows_keys(chain: ChainSpec) -> list[str]:
    keys = [key for key, used in (("lead", chain.lead), ("note", chain.note),
                                  ("from", chain.start)) if used]
    for position, row in enumerate(chain.rows, start=1):
        keys += [f"rows[{position}].{key}" for key, used in (
            ("latex", row.latex), ("why", row.why), ("values", row.values)) if used]
    return keys

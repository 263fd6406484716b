"""What a derivation spec says, as frozen records; ``loader`` builds them from TOML.

Every record keeps ``key``, where it sits in the file (``chains[2].rows[3]``), so an error
about it can name the place a person edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ASSUMPTIONS = ("positive", "nonnegative", "integer", "real")
_LAST_PART = re.compile(r"(\.[^.\[]*|\[\d+\])$")
"""The last step of a key path: ``.latex`` or ``[4]``."""


@dataclass(frozen=True)
class Texts:
    """One piece of prose in both languages; inline math is written ``$...$``."""

    ja: str
    en: str

    def get(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class SymbolSpec:
    """A name the rows use: its LaTeX, assumptions, and whether it is indexed or an index."""

    name: str
    latex: str
    assumptions: tuple[str, ...]
    indexed: bool
    index: bool
    range: tuple[int | str, int | str] | None
    legend: Texts | None
    key: str
    sums_to_one: bool = False
    """An indexed name whose components sum to 1 (labels): the fact Σ_k t_k = 1 is stated."""


@dataclass(frozen=True)
class RowSpec:
    """LaTeX the user writes, or rules whose result derivetex computes, or both."""

    latex: str | None
    rules: tuple[str, ...]
    why: Texts | None
    key: str
    values: tuple[tuple[str, str], ...] = ()
    """For ``substitute_values``: LaTeX name -> LaTeX value, put in at this row."""
    when: str | None = None
    """A condition on the example's sizes (``K > 1``): the row is left out where it fails."""
    optional: bool = False
    """The row is left out where its rule does not change the row before (``a^{1} = a``)."""
    params: tuple[tuple[str, object], ...] = ()
    """A rule row's parameters (``value``, ``index``, ``bound``, ``old``, ``new``,
    ``write_out``, ``values`` as example names), for the article layout's engine."""
    fill: bool = False
    """``{ fill = true }``: a gap derivetex fills with registered rules (``engine.fill``),
    from the row before to the row after."""
    zero: str | None = None
    """With ``rule = "set_derivative_zero"``: the earlier chain whose result is set to 0."""
    solve: str | None = None
    """With ``rule = "set_derivative_zero"``: the parameter solved for (LaTeX, one name)."""


@dataclass(frozen=True)
class ChainSpec:
    """One aligned block: ``lhs = row_1 = row_2 ...``; ``start`` continues another's result."""

    name: str
    lhs: str
    rows: tuple[RowSpec, ...]
    lead: Texts | None
    note: Texts | None
    tag: bool
    start: str | None
    value: str | None
    key: str
    when: str | None = None
    """A condition on the example's sizes (``K symbolic``); the chain is left out where it fails."""
    legend: tuple[str, ...] = ()
    """The catalog's legend entries shown under this chain (article layout)."""
    continues: str | None = None
    """The chain starts from this earlier chain's result, shown in no row (article layout)."""
    start_as: tuple[tuple[str, object], ...] = ()
    """How the continued result is written (``latex``, ``at``); checked equal to it."""
    written_out: bool = False
    """Steps are checked with every definition's sums written out at the concrete sizes."""


@dataclass(frozen=True)
class ExampleSpec:
    """Concrete sizes of the bounds and the values put in (exact decimals, as typed)."""

    sizes: dict[str, int]
    values: dict[str, tuple[str, ...] | tuple[tuple[str, ...], ...]]
    """A name's values: one, a list (x_1, x_2, ...) or rows of a table (y_{11}, y_{12}, ...)."""
    labels: dict[str, tuple[str, ...]] | None
    """Names of the terms of the example (class labels), per language."""


@dataclass(frozen=True)
class Spec:
    """A whole derivation as data; ``source`` names it in messages (a file name or <string>)."""

    name: str
    title: Texts
    intro: Texts | None
    symbols: tuple[SymbolSpec, ...]
    definitions: tuple[tuple[str, str], ...]
    chains: tuple[ChainSpec, ...]
    example: ExampleSpec | None
    source: str
    layout: str = "rows"
    """``rows``: rows of LaTeX, judged and inferred; ``article``: rule rows applied by the
    engine and rendered by the derivation's own article templates with the catalog's words."""
    accepts: tuple[str, ...] = ()
    """Options besides the sizes and values the spec takes (``log-base``, ``labels``)."""
    lines: tuple[tuple[str, int], ...] = ()
    """Where keys sit in the TOML text (``("chains[1].rows[4]", 25)``), for messages."""

    def where(self, key: str) -> str:
        """``file:LINE: key`` for a message about ``key``, the line of its row or chain (the
        nearest enclosing key the text placed); ``file: key`` where no line is known."""
        placed = dict(self.lines)
        enclosing = key
        while enclosing not in placed:
            shorter = _LAST_PART.sub("", enclosing)
            if shorter == enclosing:
                return f"{self.source}: {key}"
            enclosing = shorter
        return f"{self.source}:{placed[enclosing]}: {key}"

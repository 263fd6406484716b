"""What a derivation spec says, as frozen records; ``loader`` builds them from TOML.

Every record keeps ``key``, where it sits in the file (``chains[2].rows[3]``), so an error
about it can name the place a person edits.
"""

from __future__ import annotations

from dataclasses import dataclass

ASSUMPTIONS = ("positive", "nonnegative", "integer", "real")


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


@dataclass(frozen=True)
class ExampleSpec:
    """Concrete sizes of the bounds and the values put in (exact decimals, as typed)."""

    sizes: dict[str, int]
    values: dict[str, tuple[str, ...] | tuple[tuple[str, ...], ...]]
    """A name's values: one, a list (x_1, x_2, ...) or rows of a table (y_{11}, y_{12}, ...)."""
    labels: tuple[str, ...] | None


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

"""The frozen configuration a derivation is made from, and its validation.

Values arrive as the strings the user typed; they are kept exact (decimal -> Rational) so that
0.33 stays 33/100 and every printed number is computed from exact inputs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import sympy as sp

from derivetex.errors import InputError
from derivetex.specs.shipped import SHIPPED

DERIVATIONS = tuple(SHIPPED)
"""Every derivation ships as a spec (``specs/derivations/*.toml``), multiclass first."""
FORMATS = ("md", "tex", "json", "pdf", "html")
FLAVORS = ("katex", "mathjax", "qiita", "github")
"""How Markdown writes its math, per platform (``render/flavors.py`` holds each one's form)."""
LANGUAGES = ("ja", "en")
STEPS = ("article", "compact", "fine")
"""How many rows a derivation shows: its own, consecutive rewrites joined, or one term a row."""
LOG_BASES = {"e": None, "2": 2, "10": 10}
SUM_TOLERANCE = sp.Rational(1, 10**6)
MAX_MAGNITUDE = 30
MAX_DIGITS = 30
MAX_TEXT = 10_000
"""A longer option value is refused before it is parsed at all."""
"""Inputs stay where floats and the 40-digit cross-check both hold: |x| in 1e-30 .. 1e30."""
MAX_EXACT_DIGITS = 1_000_000
"""Cap on the digits of the exact likelihood: y_k^t_k is computed exactly (0.33^2000 has
~4 000 digits, 0.33^(2*10^6) takes 15 s); beyond it the input is refused, not left to hang."""
MAX_WRITTEN_K = 100_000
"""Cap on a written-out K: every term is verified (K = 10 000 takes about 1.5 s, 100 000
about 8 s and 130 MB)."""

ARTICLE_CHAPTER = 5
"""The chapter of the reference article: multiclass is tagged (5.1), (5.2) as it is there."""
ARTICLE_LABELS = {"ja": ("イヌ", "キツネ", "オオカミ"), "en": ("dog", "fox", "wolf")}
ARTICLE_Y = ("0.33", "0.32", "0.35")
ARTICLE_T = ("1", "0", "0")


@dataclass(frozen=True)
class Config:
    """Everything `derive` needs. K None means the symbol K (the general derivation)."""

    derivation: str = "multiclass"
    K: int | None = 3
    labels: tuple[str, ...] | None = ARTICLE_LABELS["ja"]
    y: tuple[sp.Rational, ...] | None = tuple(sp.Rational(v) for v in ARTICLE_Y)
    t: tuple[sp.Rational, ...] | None = tuple(sp.Rational(v) for v in ARTICLE_T)
    log_base: int | None = None
    lang: str = "ja"
    chapter: int | None = 5
    """The chapter of the equation tags, (5.1); None numbers them (1), (2) (a stand-alone spec)."""
    formats: tuple[str, ...] = ("md", "tex", "json")
    output: str = "output"
    expand_limit: int = 10
    flavor: str = "katex"
    first_tag: int = 1
    """The number of the first equation tag: a post's second block goes on from its first."""
    spec: Any = None
    """A loaded ``Spec`` to derive instead of a built-in derivation (``derive --spec``)."""
    highlight: bool = False
    """Mark in each row what the step before made and what the next step rewrites."""
    steps: str = "article"
    """One of STEPS: the rows as derived, compact or fine (``engine/granularity.py``)."""

    @property
    def has_values(self) -> bool:
        return self.y is not None

    def tag(self, number: str) -> str:
        """The printed tag of a chain's ``number`` ("1" -> "5.1", or "5.3" from a later block)."""
        return self.numbered(self.first_tag - 1 + int(number))

    def numbered(self, n: int) -> str:
        """Equation ``n`` of this document: ``5.n`` in a chapter, ``n`` alone without one."""
        return str(n) if self.chapter is None else f"{self.chapter}.{n}"


def parse_number(text: str, what: str) -> sp.Rational:
    """A finite decimal as an exact Rational, or an InputError naming the option.

    Range and digits are checked on the Decimal's parts before any exact arithmetic, and the
    Rational is built from those parts: ``0E+999999999`` is 0 at once, and a value written
    with 5 000 zeros never meets Python's integer-string limit.
    """
    if len(text) > MAX_TEXT:
        raise InputError(f"{what}: {_clip(text)} is too long for a number")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InputError(f"{what}: {_clip(text)} is not a number") from None
    if not value.is_finite():
        raise InputError(f"{what}: {_clip(text)} is not a finite number")
    if value.is_zero():
        return sp.Integer(0)
    if abs(value.adjusted()) > MAX_MAGNITUDE:
        limits = f"1e-{MAX_MAGNITUDE} .. 1e{MAX_MAGNITUDE}"
        raise InputError(f"{what}: {_clip(text)} is out of range (magnitudes {limits})")
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    while digits and digits[-1] == 0:  # trailing zeros move into the exponent
        digits, exponent = digits[:-1], exponent + 1
    if len(digits) > MAX_DIGITS:
        raise InputError(f"{what}: {_clip(text)} has more than {MAX_DIGITS} significant digits")
    mantissa = int("".join(map(str, digits))) * (-1 if sign else 1)
    if exponent >= 0:
        return sp.Integer(mantissa * 10**exponent)
    return sp.Rational(mantissa, 10**-exponent)


def _clip(text: str) -> str:
    """The user's text as ``repr``, shortened in the middle when it is long."""
    shown = text if len(text) <= 60 else f"{text[:28]}...{text[-28:]}"
    return repr(shown)


def parse_k(text: str | None) -> int | None:
    """--K: a positive integer, or the letter K for the general derivation."""
    if text is None or text == "K":
        return None
    try:
        value = int(text)
    except ValueError:
        raise InputError(f"--K must be a positive integer or K, not {_clip(text)}") from None
    if value < 1:
        raise InputError(f"--K must be a positive integer or K, not {_clip(text)}")
    return value


def _capped(k: int | None) -> int | None:
    if k is not None and k > MAX_WRITTEN_K:
        raise InputError(
            f"K = {k} is over the written-out limit of {MAX_WRITTEN_K}; use --K K for any K"
        )
    return k


def build_config(
    *,
    derivation: str = "multiclass",
    K: str | None = None,
    N: str | None = None,
    labels: list[str] | None = None,
    y: list[str] | None = None,
    t: list[str] | None = None,
    log_base: str = "e",
    lang: str = "ja",
    chapter: int | None = None,
    formats: list[str] | None = None,
    output: str = "output",
    expand_limit: int = 10,
    flavor: str = "katex",
    first_tag: int = 1,
    spec: Any = None,
    highlight: bool = False,
    steps: str = "article",
) -> Config:
    """Validate options into a Config; with none of K/labels/y/t, the article's example.

    ``spec`` (a loaded Spec) replaces the built-in derivation; its sizes and values are its own.
    """
    if spec is None and derivation in SHIPPED:
        from derivetex.specs.loader import load_spec

        spec = load_spec(SHIPPED[derivation])
    article = spec is not None and spec.layout == "article"
    if chapter is None and (spec is None or article):
        chapter = ARTICLE_CHAPTER  # the article's own numbering; a spec alone counts (1), (2)
    if spec is not None:
        given = [name for name, value in (("--labels", labels),) if value is not None
                 and "labels" not in spec.accepts]
        if log_base != "e" and "log-base" not in spec.accepts:
            given.append("--log-base")
        if given:
            raise InputError(f"{', '.join(given)} cannot be used with the spec {spec.name!r}: "
                             "a spec writes its own labels and logarithms")
    if spec is not None and not article:
        from derivetex.specs.options import with_options

        spec = with_options(spec, {"K": K, "N": N}, {"y": y, "t": t})
        derivation = "multiclass"  # checked below; the spec's own name is used from here on
    elif N is not None:
        raise InputError(f"--N does not apply to {derivation!r}")
    if derivation not in DERIVATIONS:
        raise InputError(f"unknown derivation {derivation!r} (known: {', '.join(DERIVATIONS)})")
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r} (use ja or en)")
    if log_base not in LOG_BASES:
        raise InputError(f"unknown log base {log_base!r} (use e, 2 or 10)")
    chosen = tuple(formats or ("md", "tex", "json"))
    for name in chosen:
        if name not in FORMATS:
            raise InputError(f"unknown format {name!r} (use {', '.join(FORMATS)})")
    if output == "-" and len(chosen) != 1:
        raise InputError("-o - writes one format to stdout; give exactly one --format")
    if chapter is not None and chapter < 1:
        raise InputError(f"--chapter must be a positive integer, not {chapter}")
    if expand_limit < 3:
        raise InputError(f"--expand-limit must be at least 3, not {expand_limit}")
    if flavor not in FLAVORS:
        raise InputError(f"unknown flavor {flavor!r} (use {', '.join(FLAVORS)})")
    if first_tag < 1:
        raise InputError(f"the first tag must be a positive integer, not {first_tag}")
    if steps not in STEPS:
        raise InputError(f"unknown --steps {steps!r} (use {', '.join(STEPS)})")
    common = dict(
        derivation=derivation, log_base=LOG_BASES[log_base], lang=lang, chapter=chapter,
        formats=chosen, output=output, expand_limit=expand_limit, flavor=flavor,
        first_tag=first_tag, highlight=bool(highlight), steps=steps,
    )
    if spec is not None:
        common["derivation"] = spec.name
        common["spec"] = spec
    if spec is not None and not article:
        return Config(K=None, labels=None, y=None, t=None, **common)  # type: ignore[arg-type]
    if K is None and labels is None and y is None and t is None:
        if article:
            return Config(**_example_of(spec, lang), **common)  # type: ignore[arg-type]
        return Config(labels=ARTICLE_LABELS[lang], **common)  # type: ignore[arg-type]
    if labels is not None:
        _check_labels(labels)
    k_value = parse_k(K)
    y_values, t_values = _values(y, t)
    k_value = _capped(_agree(k_value, K, labels, y_values))
    if y_values is not None and t_values is not None:
        _check_values(y_values, t_values)
    return Config(
        K=k_value, labels=tuple(labels) if labels is not None else None,
        y=y_values, t=t_values, **common,  # type: ignore[arg-type]
    )


def _example_of(spec: Any, lang: str) -> dict[str, Any]:
    """An article-layout spec's own example: its size, labels and values y, t, checked."""
    example = spec.example
    where = f"{spec.source}: example.values"
    y, t = (tuple(parse_number(v, f"{where}.{name}") for v in example.values[name])
            for name in ("y", "t"))
    _check_values(y, t)
    (size,) = example.sizes.values()
    labels = example.labels[lang] if example.labels is not None else None
    return {"K": size, "labels": labels, "y": y, "t": t}


def _values(
    y: list[str] | None, t: list[str] | None
) -> tuple[tuple[sp.Rational, ...] | None, tuple[sp.Rational, ...] | None]:
    if (y is None) != (t is None):
        raise InputError("--y and --t go together: give both the predictions and the labels")
    if y is None or t is None:
        return None, None
    y_values = tuple(parse_number(v, "--y") for v in y)
    t_values = tuple(parse_number(v, "--t") for v in t)
    if len(y_values) != len(t_values):
        raise InputError(f"--y has {len(y_values)} values but --t has {len(t_values)}")
    return y_values, t_values


def _agree(
    k_value: int | None, k_text: str | None, labels: list[str] | None,
    y_values: tuple[sp.Rational, ...] | None,
) -> int | None:
    """The class count all options agree on; symbolic K only without values or labels."""
    counts = {}
    if k_value is not None:
        counts["--K"] = k_value
    if labels is not None:
        counts["--labels"] = len(labels)
    if y_values is not None:
        counts["--y/--t"] = len(y_values)
    if k_text == "K" and len(counts) > 0:
        raise InputError("--K K is the general derivation; --labels, --y and --t need a number K")
    if len(set(counts.values())) > 1:
        described = ", ".join(f"{name} {count}" for name, count in counts.items())
        raise InputError(f"the class counts disagree: {described}")
    if not counts:
        return None
    return next(iter(counts.values()))


def _check_labels(labels: list[str]) -> None:
    """Labels are written into UTF-8 files: text that cannot be encoded is bad input."""
    for label in labels:
        try:
            label.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"--labels: {_clip(label)} is not valid UTF-8 text") from None


def _check_values(y: tuple[sp.Rational, ...], t: tuple[sp.Rational, ...]) -> None:
    for k, (yk, tk) in enumerate(zip(y, t, strict=True), start=1):
        fy, ft = Fraction(int(yk.p), int(yk.q)), Fraction(int(tk.p), int(tk.q))  # fast compare
        if not 0 <= fy <= 1:
            raise InputError(f"--y: y_{k} = {_show(yk)} is outside [0, 1]")
        if ft < 0:
            raise InputError(f"--t: t_{k} = {_show(tk)} is negative")
        if fy == 0 and ft > 0:
            raise InputError(
                f"y_{k} = 0 where t_{k} = {_show(tk)} > 0: log 0 makes the cross-entropy infinite"
            )
    digits = sum(
        float(tk) * math.log10(max(abs(yk.p), yk.q)) for yk, tk in zip(y, t, strict=True)
        if tk.p > 0 and not (yk.q == 1 and yk.p in (0, 1))
    )
    if digits > MAX_EXACT_DIGITS:
        raise InputError(
            f"the exact likelihood (product of y_k^t_k) would have about {digits:.1e} digits, "
            f"over the limit of {MAX_EXACT_DIGITS:.0e}: use smaller t"
        )
    total = sp.Rational(sum((Fraction(int(v.p), int(v.q)) for v in y), Fraction(0)))
    if abs(total - 1) > SUM_TOLERANCE:
        raise InputError(f"--y must sum to 1 (within 1e-6), but sums to {_show(total)}")


def _show(value: sp.Rational) -> str:
    return str(sp.Float(value, 10)).rstrip("0").rstrip(".") if value.q != 1 else str(value.p)

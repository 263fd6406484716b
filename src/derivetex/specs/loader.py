"""TOML (a path, a string or a dict) -> ``Spec``, refusing anything malformed with one line
that names the file and the key (or, for TOML syntax, the line) to fix.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from derivetex.files import FileRefused, read_regular
from derivetex.specs.consistency import SpecError, check_consistency
from derivetex.specs.lines import key_lines
from derivetex.specs.schema import (
    ASSUMPTIONS,
    ChainSpec,
    ExampleSpec,
    RowSpec,
    Spec,
    SymbolSpec,
    Texts,
)

NAME = re.compile(r"[a-z][a-z0-9_-]{0,63}")
SYMBOL = re.compile(r"[A-Za-z][A-Za-z0-9]{0,31}")
"""Matched whole (``fullmatch``): ``$`` would also match before a final newline."""
MAX_SPEC_BYTES = 1 << 20
MAX_LINE = 4096
MAX_KEY_DEPTH = 16
MAX_NESTING = 32
"""The shape a spec's TOML may have, checked before ``tomllib`` reads it: ``tomllib`` spends
memory quadratic in a dotted key's depth (a 40 KB ``k.k.k...`` line takes 1.6 GB) and recurses
once per nested array; our specs have lines under 600 characters and keys of depth 3."""
MAX_ROWS = 200
MAX_CHAINS = 50


def load_spec(spec: str | Path | Mapping[str, Any], source: str | None = None) -> Spec:
    """A spec from a file path, TOML text (it contains a newline or ``=``) or a parsed dict."""
    if isinstance(spec, Mapping):
        return _spec(spec, source or "<dict>")
    if isinstance(spec, Path) or ("\n" not in spec and "=" not in spec):
        path = Path(spec)
        text = _read(path)
        return _placed(_spec(_parse(text, str(path)), source or str(path)), text)
    return _placed(_spec(_parse(spec, source or "<string>"), source or "<string>"), spec)


def _placed(spec: Spec, text: str) -> Spec:
    """The spec with the lines of its chains and rows, so refusals name the line to edit."""
    return replace(spec, lines=tuple(key_lines(text).items()))


def _read(path: Path) -> str:
    """A regular file of at most ``MAX_SPEC_BYTES`` (no device, no FIFO), as UTF-8 text."""
    try:
        return read_regular(path, MAX_SPEC_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise SpecError(f"{path}: not UTF-8 text") from None
    except FileRefused as error:
        raise SpecError(f"{path}: cannot read the spec: {error.strerror} "
                        f"(a spec is a regular file of at most {MAX_SPEC_BYTES} bytes)") from None
    except OSError as error:
        raise SpecError(f"{path}: cannot read the spec: {error.strerror}") from None


def _parse(text: str, source: str) -> dict[str, Any]:
    _check_shape(text, source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SpecError(f"{source}: malformed TOML: {error}") from None
    except RecursionError:
        raise SpecError(f"{source}: malformed TOML: nested too deeply") from None


def _check_shape(text: str, source: str) -> None:
    """Refuse, before parsing, a line longer than ``MAX_LINE``, a key of more than
    ``MAX_KEY_DEPTH`` parts, or brackets nested deeper than ``MAX_NESTING``."""
    if len(text) > MAX_SPEC_BYTES:
        raise SpecError(f"{source}: a spec is at most {MAX_SPEC_BYTES} bytes")
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE:
            raise SpecError(f"{source}: line {number} is longer than {MAX_LINE} characters")
        if _key_depth(line) > MAX_KEY_DEPTH:
            raise SpecError(f"{source}: line {number}: a key of more than {MAX_KEY_DEPTH} "
                            "dotted parts")
    if _nesting(text) > MAX_NESTING:
        raise SpecError(f"{source}: brackets nested more than {MAX_NESTING} deep")


def _key_depth(line: str) -> int:
    """Parts of the dotted key a line starts (``a.b.c = 1``, ``[a.b.c]``); an over-count
    (a dot inside a quoted key, a dot after ``=``) only errs on the safe side."""
    head = re.split(r"[=\]]", line, maxsplit=1)[0].lstrip(" \t[")
    return head.count(".") + 1 if _KEY.fullmatch(head) else 1


def _nesting(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings."""
    depth = deepest = 0
    for piece in _TOML_PIECE.findall(text):
        if piece in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif piece in "]}":
            depth -= 1
    return deepest


_KEY = re.compile(r"[A-Za-z0-9_\-.\s\"']+")
"""What a key (bare, quoted, dotted) is made of; a line of prose or numbers is not one."""
_TOML_PIECE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]'
)
"""Strings and comments (skipped whole) and brackets."""


class _Reader:
    """Typed access to one table; every problem names ``source`` and the key path."""

    def __init__(self, table: Mapping[str, Any], key: str, source: str) -> None:
        self.table, self.key, self.source = table, key, source

    def fail(self, key: str, problem: str) -> SpecError:
        where = f"{self.key}.{key}" if self.key and key else self.key or key
        return SpecError(f"{self.source}: {where}: {problem}")

    def only(self, *allowed: str) -> None:
        for key in self.table:
            if key not in allowed:
                raise self.fail(key, f"unknown key (allowed: {', '.join(allowed)})")

    def get(self, key: str, kind: type, required: bool = False) -> Any:
        if key not in self.table:
            if required:
                raise self.fail(key, "is required")
            return None
        value = self.table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(key, f"must be {_KINDS.get(kind, kind.__name__)}")
        return value

    def sub(self, key: str, table: Mapping[str, Any]) -> _Reader:
        return _Reader(table, f"{self.key}.{key}" if self.key else key, self.source)

    def texts(self, key: str, required: bool = False) -> Texts | None:
        value = self.table.get(key)
        if value is None and not required:
            return None
        if isinstance(value, str):
            return Texts(value, value)
        if not isinstance(value, dict):
            raise self.fail(key, "must be a string or a table { ja = ..., en = ... }")
        inner = self.sub(key, value)
        inner.only("ja", "en")
        return Texts(inner.get("ja", str, True), inner.get("en", str, True))


_KINDS = {str: "a string", int: "an integer", bool: "true or false", list: "an array",
          dict: "a table"}


def _spec(data: Mapping[str, Any], source: str) -> Spec:
    top = _Reader(data, "", source)
    top.only("spec", "name", "title", "intro", "symbols", "definitions", "chains", "example",
             "layout", "accepts")
    version = top.get("spec", int)
    if version not in (None, 1):
        raise top.fail("spec", f"version {version} is not supported (this derivetex reads 1)")
    name = top.get("name", str, True)
    if not NAME.fullmatch(name):
        raise top.fail("name", f"{name!r} must be lower-case letters, digits, - or _")
    symbols = tuple(
        _symbol(top.sub(f"symbols.{key}", _table(top, f"symbols.{key}", value)), key)
        for key, value in (top.get("symbols", dict) or {}).items()
    )
    definitions = tuple(
        (key, _latex(top, f"definitions.{key}", value))
        for key, value in (top.get("definitions", dict) or {}).items()
    )
    chains = top.get("chains", list, True)
    if not chains or len(chains) > MAX_CHAINS:
        raise top.fail("chains", f"needs 1 to {MAX_CHAINS} chains")
    example = top.get("example", dict)
    spec = Spec(
        name=name, title=top.texts("title", required=True) or Texts("", ""),
        intro=top.texts("intro"), symbols=symbols, definitions=definitions,
        chains=tuple(_chain(top, i, value) for i, value in enumerate(chains, start=1)),
        example=_example(top.sub("example", example)) if example is not None else None,
        source=source, layout=_choice(top, "layout", LAYOUTS) or "rows",
        accepts=_accepts(top),
    )
    check_consistency(spec)
    return spec


LAYOUTS = ("rows", "article")
ACCEPTED_OPTIONS = ("log-base", "labels")
RULE_ROW_PARAMS = ("value", "index", "bound", "old", "new", "write_out")
"""A rule row's parameters given as text (LaTeX, or a symbol's name); ``values`` and
``digits`` are read apart."""


def _choice(table: _Reader, key: str, allowed: tuple[str, ...]) -> str | None:
    value = table.get(key, str)
    if value is not None and value not in allowed:
        raise table.fail(key, f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _accepts(top: _Reader) -> tuple[str, ...]:
    options = top.get("accepts", list) or []
    for option in options:
        if option not in ACCEPTED_OPTIONS:
            raise top.fail("accepts", f"{option!r} is not an option a spec can take "
                                      f"({', '.join(ACCEPTED_OPTIONS)})")
    return tuple(options)


def _table(parent: _Reader, key: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise parent.fail(key, "must be a table")
    return value


def _latex(parent: _Reader, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise parent.fail(key, "must be a non-empty LaTeX string")
    return value


def _symbol(table: _Reader, name: str) -> SymbolSpec:
    if not SYMBOL.fullmatch(name):
        raise table.fail("", f"symbol name {name!r} must be letters and digits")
    table.only("latex", "indexed", "index", "range", "legend", "sums_to_one", *ASSUMPTIONS)
    assumptions = tuple(a for a in ASSUMPTIONS if table.get(a, bool))
    bounds = table.get("range", list)
    if bounds is not None and (
        len(bounds) != 2 or not all(isinstance(b, (int, str)) for b in bounds)
    ):
        raise table.fail("range", "must be [lower, upper], each an integer or a symbol name")
    return SymbolSpec(
        name=name, latex=table.get("latex", str) or name, assumptions=assumptions,
        indexed=bool(table.get("indexed", bool)), index=bool(table.get("index", bool)),
        range=(bounds[0], bounds[1]) if bounds else None,
        legend=table.texts("legend"), key=table.key,
        sums_to_one=bool(table.get("sums_to_one", bool)),
    )


def _chain(top: _Reader, position: int, value: Any) -> ChainSpec:
    key = f"chains[{position}]"
    chain = top.sub(key, _table(top, key, value))
    chain.key = key
    chain.only("name", "lhs", "rows", "lead", "note", "tag", "from", "value", "when", "legend",
               "continues", "start", "definitions")
    name = chain.get("name", str, True)
    if not NAME.fullmatch(name):
        raise chain.fail("name", f"{name!r} must be lower-case letters, digits, - or _")
    rows = chain.get("rows", list, True)
    if not rows or len(rows) > MAX_ROWS:
        raise chain.fail("rows", f"needs 1 to {MAX_ROWS} rows")
    return ChainSpec(
        name=name, lhs=_latex(chain, "lhs", chain.get("lhs", str, True)),
        rows=tuple(_row(chain, i, row) for i, row in enumerate(rows, start=1)),
        lead=chain.texts("lead"), note=chain.texts("note"), tag=bool(chain.get("tag", bool)),
        start=chain.get("from", str), value=chain.get("value", str), key=key,
        when=chain.get("when", str), legend=_strings(chain, "legend"),
        continues=chain.get("continues", str), start_as=_start(chain),
        written_out=_choice(chain, "definitions", ("written out",)) is not None,
    )


def _strings(table: _Reader, key: str) -> tuple[str, ...]:
    items = table.get(key, list) or []
    if not all(isinstance(item, str) for item in items):
        raise table.fail(key, "must be an array of strings")
    return tuple(items)


def _start(chain: _Reader) -> tuple[tuple[str, object], ...]:
    """``start = { latex = '...', at = "K" }``: how a continued result is written."""
    table = chain.get("start", dict)
    if table is None:
        return ()
    start = chain.sub("start", table)
    start.only("latex", "at")
    _latex(start, "latex", start.get("latex", str, True))
    start.get("at", str)
    return tuple(table.items())


def _row(chain: _Reader, position: int, value: Any) -> RowSpec:
    key = f"{chain.key}.rows[{position}]"
    if isinstance(value, str):
        value = {"latex": value}
    row = _Reader(_table(chain, f"rows[{position}]", value), key, chain.source)
    row.only("latex", "rule", "why", "values", "when", "optional", "digits", "fill", "zero",
             "solve", *RULE_ROW_PARAMS)
    if row.get("fill", bool):
        if set(row.table) - {"fill", "when"}:
            raise row.fail("fill", "a gap takes no other key: the rows around it say where it "
                                   "starts and ends")
        return RowSpec(latex=None, rules=(), why=None, key=key, when=row.get("when", str),
                       fill=True)
    latex = row.get("latex", str)
    rule = row.table.get("rule")
    if isinstance(rule, str):
        rules: tuple[str, ...] = (rule,)
    elif isinstance(rule, list) and rule and all(isinstance(r, str) for r in rule):
        rules = tuple(rule)
    elif rule is None:
        rules = ()
    else:
        raise row.fail("rule", "must be a rule name or an array of rule names")
    if latex is None and not rules:
        raise row.fail("", "a row needs latex, a rule, or both")
    params: dict[str, object] = {p: row.get(p, str) for p in RULE_ROW_PARAMS if p in row.table}
    if isinstance(row.table.get("values"), list):  # names of the example's values
        params["values"] = _strings(row, "values")
        values: dict[str, str] = {}
    else:
        values = row.get("values", dict) or {}
    if not all(isinstance(v, str) for v in values.values()):
        raise row.fail("values", "must map LaTeX names to LaTeX values, as strings, or list "
                                 "names of the example's values")
    if "digits" in row.table:
        params["digits"] = row.get("digits", int)
    return RowSpec(latex=latex, rules=rules, why=row.texts("why"), key=key,
                   values=tuple(values.items()), when=row.get("when", str),
                   optional=bool(row.get("optional", bool)), params=tuple(params.items()),
                   zero=row.get("zero", str), solve=row.get("solve", str))


def _example(table: _Reader) -> ExampleSpec:
    table.only("sizes", "values", "labels")
    sizes = table.get("sizes", dict) or {}
    for key, size in sizes.items():
        if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 1000:
            raise table.fail(f"sizes.{key}", "must be an integer from 1 to 1000")
    values: dict[str, tuple[str, ...] | tuple[tuple[str, ...], ...]] = {}
    for key, value in (table.get("values", dict) or {}).items():
        items = value if isinstance(value, list) else [value]
        if items and all(isinstance(v, list) for v in items):  # a table: one row per sample
            if not all(row and all(_is_number(v) for v in row) for row in items):
                raise table.fail(f"values.{key}", "must be arrays of numbers, one per row")
            values[key] = tuple(tuple(_text(v) for v in row) for row in items)
            continue
        if not items or not all(_is_number(v) for v in items):
            raise table.fail(f"values.{key}", "must be a number or an array of numbers")
        values[key] = tuple(_text(v) for v in items)
    return ExampleSpec(sizes=dict(sizes), values=values, labels=_labels(table))


def _labels(table: _Reader) -> dict[str, tuple[str, ...]] | None:
    """``labels = [...]`` for every language, or ``labels = { ja = [...], en = [...] }``."""
    labels = table.table.get("labels")
    if labels is None:
        return None
    if isinstance(labels, list):
        strings = _strings(table, "labels")
        return {"ja": strings, "en": strings}
    if not isinstance(labels, dict):
        raise table.fail("labels", "must be an array of strings or a table { ja = [...], "
                                   "en = [...] }")
    inner = table.sub("labels", labels)
    inner.only("ja", "en")
    found = {lang: _strings(inner, lang) for lang in ("ja", "en")}
    if len({len(v) for v in found.values()}) != 1:
        raise table.fail("labels", "ja and en need the same number of labels")
    return found


def _text(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)

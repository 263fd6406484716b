"""Measure LaTeX readers side by side on every link side of the corpus in ../shared.

For each side that ``verify`` splits out of the 30 documents, each reader either reads it or
refuses; where two readers both read a side, their readings are compared at random positive
points (opaque terms and sums aside), so a disagreement shows that one of them mis-reads it.
Readers: derivetex's own (``derivetex.reader``), SymPy's ANTLR ``parse_latex``, and
``latex2sympy2_extended`` (the parser behind Math-Verify); both come with
``pip install '.[compare]'`` and are not dependencies of derivetex itself.

    .venv/bin/python bench/parsers.py
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import sympy

from derivetex.judge import numeric as num
from derivetex.verify.document import find_blocks
from derivetex.verify.links.rows import links
from derivetex.verify.readings.side import read

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "verify-real"


def sides() -> list[str]:
    found: list[str] = []
    for path in sorted(CORPUS.glob("[0-9]*")):
        kind = "tex" if path.suffix == ".tex" else "md"
        for block in find_blocks(path.read_text(encoding="utf-8"), kind):
            for link in links(block):
                found += [link.left.latex, link.right.latex]
    return [side for side in dict.fromkeys(found) if side]


def ours(latex: str) -> sympy.Expr | None:
    return read(latex).expr


def antlr(latex: str) -> sympy.Expr | None:
    from sympy.parsing.latex import parse_latex

    return sympy.sympify(parse_latex(latex, backend="antlr"))


def extended(latex: str) -> sympy.Expr | None:
    from latex2sympy2_extended import latex2sympy

    return sympy.sympify(latex2sympy(latex))


def attempt(reader: Callable[[str], sympy.Expr | None], latex: str) -> sympy.Expr | None:
    try:
        value = reader(latex)
    except Exception:  # each parser raises its own family of errors on what it cannot read
        return None
    return value if isinstance(value, sympy.Expr) else None


def comparable(expr: sympy.Expr) -> bool:
    return not expr.atoms(sympy.Function, sympy.Sum, sympy.Product, sympy.Derivative) and (
        not expr.atoms(sympy.Indexed)
    )


def agree(a: sympy.Expr, b: sympy.Expr) -> bool | None:
    if not (comparable(a) and comparable(b)):
        return None
    def canonical(symbol: sympy.Symbol) -> sympy.Symbol:
        # \\mu and mu, \\text{ELBO} and elbo: the same name spelled by different readers
        return sympy.Symbol(re.sub(r"\\\\|[{}\\s]|text|mathrm", "", symbol.name).lower())

    rename = {s: canonical(s) for s in a.free_symbols | b.free_symbols if hasattr(s, "name")}
    return num.equal_everywhere(a.xreplace(rename), b.xreplace(rename), "parsers")


def main() -> None:
    texts = sides()
    readers = {"derivetex": ours, "antlr": antlr, "latex2sympy2_extended": extended}
    readings: dict[str, list[sympy.Expr | None]] = {}
    for name, reader in readers.items():
        start = time.perf_counter()
        readings[name] = [attempt(reader, text) for text in texts]
        seconds = time.perf_counter() - start
        count = sum(r is not None for r in readings[name])
        print(f"{name:<22} reads {count:>4} of {len(texts)} sides in {seconds:6.2f} s")
    for name in ("antlr", "latex2sympy2_extended"):
        same = differ = 0
        for mine, theirs in zip(readings["derivetex"], readings[name], strict=True):
            if mine is None or theirs is None:
                continue
            verdict = agree(mine, theirs)
            same += verdict is True
            differ += verdict is False
        print(f"derivetex vs {name:<22} comparable and equal {same:>4}, different {differ:>4}")


if __name__ == "__main__":
    main()


def differences(name: str, limit: int = 12) -> None:
    """Print sides where derivetex and ``name`` read differently (to judge by hand)."""
    shown = 0
    for text in sides():
        mine, theirs = attempt(ours, text), attempt({"antlr": antlr}.get(name, extended), text)
        if mine is not None and theirs is not None and agree(mine, theirs) is False:
            print(f"{text[:70]!r}\n    derivetex: {mine}\n    {name}: {theirs}")
            shown += 1
            if shown == limit:
                return

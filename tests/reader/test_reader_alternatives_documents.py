"""The alternatives of the sides of three documents of our own: a Qiita post and a homework
whose links hold only under an alternative reading, and a README in explicit notation where
every side has one reading."""

from __future__ import annotations

import re

import sympy
from reader_docs import DOCS
from sympy.core.function import AppliedUndef

from derivetex.reader import read_alternatives

_DISPLAY = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]", re.DOTALL)


def sides(name: str) -> list[tuple[str, str]]:
    """The two sides of each display equation of the fixture ``name``."""
    text = (DOCS / name).read_text(encoding="utf-8")
    found = []
    for match in _DISPLAY.finditer(text):
        left, right = (match.group(1) or match.group(2)).split("=", 1)
        found.append((left.strip(), right.strip()))
    return found


def _at_a_point(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with each applied function and name given a positive number."""
    values = {node: sympy.Rational(3 + i, 11) for i, node in enumerate(
        sorted(expr.atoms(AppliedUndef), key=sympy.default_sort_key))}
    value = expr.xreplace(values)
    names = sorted(value.free_symbols, key=sympy.default_sort_key)
    return value.xreplace({s: sympy.Rational(2 + i, 7) for i, s in enumerate(names)})


def test_the_log_of_a_product_holds_only_read_through_the_cdot() -> None:
    (left, right), _ = sides("alternatives-qiita-ja.md")
    first, other = read_alternatives(left)
    (meant,) = read_alternatives(right)
    assert sympy.N(_at_a_point(first.expr - meant.expr)) != 0
    assert abs(sympy.N(_at_a_point(other.expr - meant.expr))) < 1e-12
    assert other.readings == ("R513",) and "parentheses would say so" in other.hint


def test_an_output_written_as_a_function_of_its_input() -> None:
    _, (left, _) = sides("alternatives-qiita-ja.md")
    first, other = read_alternatives(left)
    assert isinstance(first.expr, sympy.Mul)
    assert isinstance(other.expr, AppliedUndef) and "R510" in other.readings


def test_the_homework_reads_its_number_and_its_transpose_first() -> None:
    (eta, rate), (form, _) = sides("alternatives-homework.tex")
    first, *others = read_alternatives(rate)
    assert first.expr == sympy.Rational(1, 500)
    assert others[0].expr == 2 * sympy.E - 3
    assert read_alternatives(form)[0].notes.algebra  # x^T is a transpose first


def test_explicit_notation_has_one_reading_on_every_side() -> None:
    """The counter-example: nothing to choose."""
    for left, right in sides("alternatives-explicit-readme.md"):
        assert len(read_alternatives(left)) == 1, left
        assert len(read_alternatives(right)) == 1, right

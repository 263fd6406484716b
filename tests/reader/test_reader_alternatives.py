"""``read_alternatives``: the first reading is ``parse``'s; an ambiguous construct gives its
other reading with a hint; explicit notation gives one reading; at most 16."""

from __future__ import annotations

import random

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sympy.core.function import AppliedUndef

from derivetex.reader import MAX_ALTERNATIVES, parse, read_alternatives
from derivetex.reader.readings import BY_CODE, READINGS

a, b, x, z, w = sympy.symbols("a b x z w")


def test_a_name_before_a_bracket_is_a_product_then_an_application() -> None:
    first, other = read_alternatives(r"y_k(\phi_n)")
    assert first.expr == parse(r"y_k(\phi_n)")[0]
    assert first.readings == ("R511",) and not first.hint
    assert str(other.expr.func) == "y(" and other.readings == ("R510",)
    assert "`y_k(\\phi_n)`" in other.hint and "applied" in other.hint


def test_the_scope_of_a_log_through_cdot() -> None:
    first, other = read_alternatives(r"\log P(A) \cdot P(B)")
    P = sympy.Function("P(")
    A, B = sympy.symbols("A B")
    assert first.expr == sympy.log(P(A)) * P(B)
    assert other.expr == sympy.log(P(A) * P(B))
    assert other.hint == (
        r"holds when `\log P(A) \cdot P(B)` is read as `\log (P(A) \cdot P(B))`; "
        "parentheses would say so"
    )


def test_the_scope_of_a_log_of_factors_side_by_side() -> None:
    first, other = read_alternatives(r"\log a b")
    assert (first.expr, other.expr) == (sympy.log(a * b), sympy.log(a) * b)


def test_e_is_euler_then_a_name_the_same_in_the_whole_side() -> None:
    alternatives = read_alternatives("e^{x} + e")
    assert [alt.expr for alt in alternatives] == [
        sympy.exp(x) + sympy.E,
        sympy.Symbol("e") ** x + sympy.Symbol("e"),
    ]


def test_signed_e_notation_is_a_number_then_euler() -> None:
    first, *others = read_alternatives("2e-3")
    assert first.expr == sympy.Rational(1, 500) and "R503" in first.readings
    assert others[0].expr == 2 * sympy.E - 3
    assert "2e - 3" in others[0].hint


def test_a_letter_run_as_letters_then_one_name() -> None:
    first, other = read_alternatives("loss")
    assert other.expr == sympy.Symbol("loss") and "R521" in other.readings


def test_a_superscript_t_is_a_transpose_then_a_power() -> None:
    first, other = read_alternatives("x^T x")
    assert first.notes.algebra and not other.notes.algebra
    assert other.expr == x * x ** sympy.Symbol("T")


@pytest.mark.parametrize(
    "latex",
    [
        r"\ln x", r"\log_2 (x)", r"\exp(a)", r"\operatorname{f}(x)", r"\log (a b)",
        r"\log(a) \cdot b", r"\mathrm{e}^{x}", r"x^{\top} x", r"f(x)", r"a \cdot (b + 1)",
        r"\sigma(z)",
    ],
)
def test_explicit_notation_has_one_reading(latex: str) -> None:
    assert len(read_alternatives(latex)) == 1


def test_the_cap_is_kept_and_said() -> None:
    text = " + ".join(f"{letter}(x + 1)" for letter in "abcdwuvz")  # 2^8 readings
    alternatives = read_alternatives(text)
    assert len(alternatives) == MAX_ALTERNATIVES and alternatives.capped
    assert len({alt.expr for alt in alternatives}) == MAX_ALTERNATIVES
    assert not read_alternatives("a(x + 1)").capped


def test_one_deviation_comes_before_two() -> None:
    alternatives = read_alternatives("a(x) + b(x)")
    deviations = [len(alt.expr.atoms(AppliedUndef)) for alt in alternatives]
    assert deviations == sorted(deviations) == [0, 1, 1, 2]


def test_every_code_a_reading_uses_is_in_the_table() -> None:
    texts = [r"y_k(\phi_n)", r"\log a b \cdot c", "loss", "2e-3", "x^T x", "Var(X)", "xy(a)"]
    used = {code for text in texts for alt in read_alternatives(text) for code in alt.readings}
    assert used <= set(BY_CODE)
    assert all(r.code.startswith("R5") and r.example and r.counter_example for r in READINGS)


# -- properties -------------------------------------------------------------------------------

_LETTERS = "abcwxz"
_POINT = {sympy.Symbol(letter): sympy.Rational(random.Random(i).randint(2, 9), 7)
          for i, letter in enumerate(_LETTERS)}  # fmt: skip


def _leaf() -> st.SearchStrategy[tuple[str, sympy.Expr]]:
    letters = st.sampled_from(_LETTERS).map(lambda s: (s, sympy.Symbol(s)))
    numbers = st.integers(1, 9).map(lambda n: (str(n), sympy.Integer(n)))
    return letters | numbers


def _unambiguous(
    children: st.SearchStrategy[tuple[str, sympy.Expr]],
) -> st.SearchStrategy[tuple[str, sympy.Expr]]:
    """Explicit notation only: every function argument in parentheses, products with
    ``\\cdot`` or spaces between single letters, no ``e``, no ``T``."""
    pair = st.tuples(children, children)
    return st.one_of(
        pair.map(lambda p: (f"{p[0][0]} + {p[1][0]}", p[0][1] + p[1][1])),
        pair.map(lambda p: (f"{p[0][0]} - \\left({p[1][0]}\\right)", p[0][1] - p[1][1])),
        pair.map(lambda p: (f"\\left({p[0][0]}\\right) \\cdot \\left({p[1][0]}\\right)",
                            p[0][1] * p[1][1])),
        pair.map(lambda p: (f"\\frac{{{p[0][0]}}}{{{p[1][0]}}}", p[0][1] / p[1][1])),
        children.map(lambda c: (f"\\ln\\left({c[0]}\\right)", sympy.log(c[1]))),
        children.map(lambda c: (f"\\log_2\\left({c[0]}\\right)", sympy.log(c[1], 2))),
        children.map(lambda c: (f"\\exp\\left({c[0]}\\right)", sympy.exp(c[1]))),
        children.map(lambda c: (f"\\left({c[0]}\\right)^{{2}}", c[1] ** 2)),
    )


_EXPRESSIONS = st.recursive(_leaf(), _unambiguous, max_leaves=6)


@settings(max_examples=60)
@given(_EXPRESSIONS)
def test_an_unambiguous_expression_has_one_reading_its_meaning(
    written: tuple[str, sympy.Expr],
) -> None:
    """Every alternative of an expression in explicit notation is the single parse, and it
    is the expression meant (equal at a positive point)."""
    latex, meant = written
    alternatives = read_alternatives(latex)
    assert len(alternatives) == 1
    assert alternatives[0].expr == parse(latex)[0]
    read_value = sympy.N(alternatives[0].expr.xreplace(_POINT), 30)
    meant_value = sympy.N(meant.xreplace(_POINT), 30)
    # Where the meaning has no value at the point (log 0, as in ln(a - a)), SymPy's value of
    # the reading depends on the order it evaluates in (exp(ln 0) can come out 0 or nan), so
    # such a point says nothing about the reading: only points with a value are compared.
    assume(meant_value.is_finite)
    assert abs(read_value - meant_value) < 1e-20 * (1 + abs(meant_value))


_AMBIGUOUS_PIECES = st.sampled_from(
    [r"y_k(\phi_n)", "w(x+1)", r"\log a b", r"\log a \cdot b", "e^{x}", "x^T", "loss",
     "2e-3", "xy(z)", "a", r"\ln(b)", "3"]
)


@settings(max_examples=60)
@given(st.lists(_AMBIGUOUS_PIECES, min_size=1, max_size=5), st.sampled_from([" + ", " - "]))
def test_the_first_reading_is_parse_and_the_rest_differ(pieces: list[str], sign: str) -> None:
    latex = sign.join(pieces)
    alternatives = read_alternatives(latex)
    assert alternatives[0].expr == parse(latex)[0]
    assert 1 <= len(alternatives) <= MAX_ALTERNATIVES
    assert len({alt.expr for alt in alternatives}) == len(alternatives)
    assert all(alt.hint for alt in alternatives[1:])
    assert not alternatives[0].hint

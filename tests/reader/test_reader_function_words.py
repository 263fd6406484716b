"""R501: a letter run that spells a function is that function (``ylog\\hat{y}``,
``sigmoid(z)``, ``max(0, z)``); R522/R523: other words before a bracket."""

from __future__ import annotations

import pytest
import sympy
from reader_docs import verdicts

from derivetex.reader import parse
from derivetex.reader.tokens import tokenize

y, z, x, p = sympy.symbols("y z x p")
yhat = sympy.Symbol(r"\hat{y}")


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (r"ylog\hat{y}", y * sympy.log(yhat)),
        ("tlogy", sympy.Symbol("t") * sympy.log(y)),
        ("xlogx", x * sympy.log(x)),
        ("sigmoid(z)", 1 / (1 + sympy.exp(-z))),
        ("Sigmoid(z)", 1 / (1 + sympy.exp(-z))),
        ("ReLU(x)", sympy.Max(0, x)),
        ("max(0, z)", sympy.Max(0, z)),
        ("min(x, z)", sympy.Min(x, z)),
        ("exp(-z)", sympy.exp(-z)),
        ("ln(x)", sympy.log(x)),
        ("sqrt(x)", sympy.sqrt(x)),
        ("tanh(z)", sympy.tanh(z)),
        ("cos(x)", sympy.cos(x)),
        ("logp", sympy.log(p)),
    ],
    ids=lambda v: str(v),
)
def test_a_spelled_function_is_that_function(latex: str, expected: sympy.Expr) -> None:
    assert parse(latex)[0] == expected


def test_a_word_after_a_one_letter_script() -> None:
    k = sympy.Symbol("k")
    y_k, p_k = sympy.IndexedBase("y")[k], sympy.IndexedBase("p")[k]
    assert parse("y_klog(p_k)")[0] == y_k * sympy.log(p_k)


def test_softmax_is_a_function_applied_not_letters() -> None:
    expr, _ = parse("softmax(z)")
    assert str(expr.func) == "softmax("
    assert expr.args == (z,)


@pytest.mark.parametrize("latex", ["cost", "export", "maximise", "login", "using"])
def test_words_that_only_contain_a_function_stay_letters(latex: str) -> None:
    """The counter-example: no function is read out of an ordinary word."""
    assert [t.kind for t in tokenize(latex)] == ["letter"] * len(latex)
    assert not parse(latex)[0].has(sympy.log, sympy.cos, sympy.exp, sympy.Max)


def test_a_word_inside_mathrm_is_read_as_written() -> None:
    expr, _ = parse(r"\mathrm{exp}(x)")
    assert expr == sympy.exp(x)


def test_a_longer_word_wins() -> None:
    assert parse("tanh(x)")[0] == sympy.tanh(x)
    assert [t.text for t in tokenize("argmax")] == [r"\argmax"]  # never a·r·g·max
    assert [t.text for t in tokenize("logsoftmax")] == [r"\log", "softmax"]


def test_no_letter_of_a_word_is_a_name() -> None:
    """``s = sigmoid(z)``: the right side uses z only (s is not one of its letters)."""
    expr, _ = parse("sigmoid(z)")
    assert expr.free_symbols == {z}


def test_a_multi_letter_word_before_a_bracket_is_a_function() -> None:
    expr, _ = parse("Var(X)")
    assert str(expr.func) == "Var("


def test_two_small_letters_before_a_bracket_stay_a_product() -> None:
    assert parse("xy(1-y)")[0] == x * y * (1 - y)


def test_the_qiita_post_reads() -> None:
    assert verdicts("words-qiita-ja.md") == [
        (6, "ok"), (12, "ok"), (18, "ok"), (24, "ok"), (28, "ok"),
    ]


def test_the_homework_still_catches_a_wrong_value() -> None:
    assert verdicts("words-homework.tex") == [
        (6, "ok"), (9, "ok"), (12, "ok"), (15, "ok"), (19, "error"),
    ]


def test_the_readme_reads() -> None:
    assert verdicts("words-readme.md") == [(6, "ok"), (10, "ok"), (14, "ok"), (20, "ok")]


def test_ordinary_words_are_products_of_letters() -> None:
    """The counter-example document: ``cost`` is c·o·s·t, ``ab(c+d)`` a product."""
    assert verdicts("words-not-functions.md") == [(6, "ok"), (10, "ok"), (16, "ok")]

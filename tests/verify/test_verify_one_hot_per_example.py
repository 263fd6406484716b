r"""One-hot labels per example: ``\sum_k t_{nk} = 1`` for each n, the step every softmax
regression derivation over a data set takes. A link that holds once each example's labels
sum to 1 is ok where the section states it, unchecked (reason ``fact``) where it does not,
and never an error. Three documents of our own: a Qiita post that states it, a homework that
leaves it to the words, and a README where the sum runs over the examples (n), which no
label fact normalises.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text
from derivetex.verify.decide.comparing import constants_out, sums_of_names


def findings(text: str, kind: str = "md") -> list[tuple[int, str, str | None]]:
    return [(f.line, f.status, f.reason) for f in audit_text(text, kind).findings]


QIITA = r"""# ソフトマックス回帰の勾配

ラベルは one-hot なので $\sum_k t_{nk} = 1$ です。

$$ g_j = -\sum_k t_{nk} (\delta_{kj} - y_{nj}) = -(t_{nj} - y_{nj}) $$

$$ h_j = -\sum_k t_{nk} (\delta_{kj} - y_{nj}) = -(t_{nj} + y_{nj}) $$
"""


def test_stated_one_hot_labels_make_the_step_ok_and_a_slip_an_error() -> None:
    found = findings(QIITA)
    assert (5, "ok", None) in found and (7, "error", None) in found
    assert found[0] == (3, "ok", None)


HOMEWORK = r"""\documentclass{article}
\begin{document}
Each target vector $t_n$ has exactly one entry equal to one.
\[ \frac{\partial E}{\partial a_{nj}} = -\sum_k t_{nk} (\delta_{kj} - y_{nj})
   = y_{nj} - t_{nj} \]
\end{document}
"""


def test_labels_normalised_in_words_only_leave_the_step_unchecked() -> None:
    assert findings(HOMEWORK, "tex")[-1] == (5, "unchecked", "fact")


README = r"""$$ s_j = \sum_n t_{nk} y_{nj} $$

$$ \sum_n t_{nk} y_{nj} = y_{nj} $$
"""


def test_a_sum_over_the_examples_is_no_label_fact() -> None:
    assert all(reason != "fact" for _, _, reason in findings(README))


@settings(max_examples=25, deadline=None)
@given(st.integers(-3, 3), st.integers(1, 4))
def test_constants_come_out_of_a_label_sum(coefficient: int, power: int) -> None:
    """c y^p \\sum_k t_{nk}: the factor that does not depend on k comes out, and the sum
    that is left is one the label fact normalises."""
    import sympy
    from sympy.tensor.indexed import IndexedBase

    t, y = IndexedBase("t"), IndexedBase("y")
    n, k, j, size = sympy.symbols("n k j K")
    factor = coefficient * y[n, j] ** power
    pulled = constants_out(sympy.Sum(factor * t[n, k], (k, 1, size)))
    assert sympy.simplify(pulled - factor * sympy.Sum(t[n, k], (k, 1, size))) == 0
    assert set(sums_of_names(pulled).values()) <= {t}

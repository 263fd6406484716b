"""A name indexed on one side and bare on the other (decide/index_notation.py, R406): a sum
over classes restated in binary notation, or an index dropped under a sum, is left unchecked,
never an error. Three documents of our own; in the README the reading must not apply."""

from __future__ import annotations

from derivetex.verify import audit_text

QIITA_POST = r"""# 2値分類の交差エントロピー

クラスが 2 つ（$i = 0, 1$）のとき、多クラスの式は

$$
E = -\sum_{i=0}^{1} t_{i} \log y_{i} = -t \log y - (1 - t) \log (1 - y)
$$

と書けます（$t_1 = t$, $t_0 = 1 - t$ と置きました）。
"""

HOMEWORK = r"""\documentclass{article}
\begin{document}
\section*{Problem 1}
The cross-entropy of two coins, written over both faces and then for heads alone:
\begin{align}
H(p, q) &= -\sum_{k=1}^{2} p_{k} \log q_{k} \\
&= -p \log q - (1 - p) \log (1 - q)
\end{align}
\end{document}
"""

README = r"""# Sums

$$ S = \sum_{i=1}^{N} 2 x_{i} = 2 \sum_{i=1}^{N} x_{i}^{2} $$

$$ T = \sum_{i=1}^{N} (x_{i} - c) = N c + \sum_{i=1}^{N} x_{i} $$

An index dropped under a sum is not evaluable, and no error either:

$$ L = \sum_{i=1}^{N} (w x_{i} - y_{i})^{2} $$

$$ \frac{\partial L}{\partial w} = \sum_{i=1}^{N} 2 (w x_{i} - y_{i}) x $$
"""


def not_ok(text: str, kind: str) -> list[tuple[str, str | None]]:
    return [(f.status, f.reason) for f in audit_text(text, kind).findings if f.status != "ok"]


def test_a_binary_restatement_of_the_class_sum_is_not_an_error():
    found = [(f.status, f.reason) for f in audit_text(QIITA_POST, "md").findings if f.line == 6]
    assert found == [("ok", None), ("unchecked", "index-dropped")]


def test_a_homework_restating_both_faces_for_heads_alone_is_left_unchecked():
    assert not_ok(HOMEWORK, "tex") == [("unchecked", "index-dropped")]
    message = next(f.message for f in audit_text(HOMEWORK, "tex").findings if f.reason)
    assert "p and q are indexed on one side and bare on the other" in message


def test_wrong_sums_that_index_consistently_stay_errors():
    # x_i on both sides, c bare on both: neither is a change of notation
    assert not_ok(README, "md") == [
        ("error", None), ("error", None), ("unchecked", "not-evaluable")]


def test_turned_off_the_restatement_is_an_error_again():
    report = audit_text(QIITA_POST, "md", disabled=frozenset({"R406"}))
    assert [f.status for f in report.findings if f.line == 6] == ["ok", "error"]

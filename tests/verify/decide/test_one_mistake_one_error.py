"""One mistake, one error (decide/consequences.py, R404): a later link that is right given an
earlier wrong number is left unchecked (reason ``follows``), one wrong under both readings
stays an error. Three documents of our own, in three forms."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text

QIITA_POST = r"""# 交差エントロピーを手で計算する

犬の画像に対する予測が 0.7 のとき、損失は

$$
E_1 = -\log 0.7 = 0.30
$$

です。狐の画像では予測が 0.5 なので $E_2 = -\log 0.5 = 0.693$ となります。

2枚の平均は

$$
\frac{E_1 + E_2}{2} = 0.497
$$
"""

HOMEWORK = r"""\documentclass{article}
\begin{document}
\section*{Problem 2}
A fair coin has entropy
\begin{align}
H &= -0.5 \log_2 0.5 - 0.5 \log_2 0.5 = 2
\end{align}
so the number of equally likely outcomes is
\begin{align}
2^{H} &= 4
\end{align}
and for two such coins
\begin{align}
2^{2H} &= 8
\end{align}
\end{document}
"""

README = r"""# Loss check

For one sample, $L = -\log 0.25 = 1.5$.

The doubled loss is $2L = 2.9$ and an unrelated value is $\log 4 = 1.5$.
"""


def verdicts(text: str, kind: str) -> list[tuple[int, str, str | None]]:
    report = audit_text(text, kind)
    return [(f.line, f.status, f.reason) for f in report.findings if f.status != "ok"]


def test_a_post_that_carries_its_wrong_value_into_an_average_is_flagged_once():
    assert verdicts(QIITA_POST, "md") == [(6, "error", None), (14, "unchecked", "follows")]
    follows = [f for f in audit_text(QIITA_POST, "md").findings if f.reason == "follows"]
    assert "line 6" in follows[0].message and "R404" in follows[0].readings


def test_a_homework_step_wrong_under_both_values_is_still_an_error():
    # 2^H = 4 follows from the written H = 2; 2^{2H} = 8 is wrong with H = 1 and with H = 2
    assert verdicts(HOMEWORK, "tex") == [
        (6, "error", None), (10, "unchecked", "follows"), (14, "error", None)]


def test_a_readme_whose_later_numbers_are_wrong_of_their_own_keeps_every_error():
    assert [status for _, status, _ in verdicts(README, "md")] == ["error"] * 3


def test_turned_off_the_consequence_is_an_error_again():
    report = audit_text(QIITA_POST, "md", disabled=frozenset({"R404"}))
    assert [f.status for f in report.findings if f.line == 14] == ["error"]


@settings(max_examples=12)
@given(
    p=st.sampled_from(["0.1", "0.2", "0.4", "0.6", "0.8"]),
    slip=st.sampled_from([-0.5, 0.25, 0.5, 1.0]),
    k=st.integers(min_value=2, max_value=9),
)
def test_a_multiple_of_a_wrong_loss_follows_it_and_a_wrong_multiple_does_not(p, slip, k):
    """The claimed c = -log p + slip is wrong; k c follows from it, k c + 0.37 from nothing.

    (0.37, not 1: with slip = -0.5 and k = 2, k c + 1 is the true value of 2L.)"""
    import math

    c = round(-math.log(float(p)) + slip, 3)
    carried = f"$$ L = -\\log {p} = {c:.3f} $$\n\nso $$ {k}L = {k * c:.3f} $$\n"
    wrong = f"$$ L = -\\log {p} = {c:.3f} $$\n\nso $$ {k}L = {k * c + 0.37:.3f} $$\n"
    assert [(f.status, f.reason) for f in audit_text(carried, "md").findings][1:] == [
        ("error", None), ("unchecked", "follows")]
    assert [f.status for f in audit_text(wrong, "md").findings][1:] == ["error", "error"]

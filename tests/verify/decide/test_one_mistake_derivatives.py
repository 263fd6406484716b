"""One mistake, one error for a wrong derivative (decide/consequences.py, R404): after a row
that writes a derivative wrongly, a later value or restatement that is right given that row is
left unchecked (reason ``follows``); one wrong under both stays an error. Three documents of
our own, in three forms."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text

QIITA_POST = r"""# 微分して傾きを求める

$$ f(x) = x^{3} $$

導関数は

$$ f'(x) = 2 x^{2} $$

なので、$x = 1$ での傾きは $f'(1) = 2$ です。
"""

HOMEWORK = r"""\section*{Problem 4}
Let $L(w) = (w - 3)^{2}$. Then
\begin{align}
\frac{d}{dw} L(w) &= w - 3
\end{align}
and one gradient step from $w = 1$ with step $0.5$ gives the slope
\begin{align}
\frac{d}{dw} L(w) \Big|_{w = 1} &= -2
\end{align}
\end{document}
"""

README = r"""# Slopes

$$ g(x) = x^{2} $$

$$ g'(x) = x $$

The slope at 2 is $g'(2) = 5$, which is wrong under either formula.
"""


def verdicts(text: str, kind: str) -> list[tuple[int, str, str | None]]:
    report = audit_text(text, kind)
    return [(f.line, f.status, f.reason) for f in report.findings if f.status != "ok"]


def test_a_slope_from_a_wrong_derivative_is_flagged_once():
    assert verdicts(QIITA_POST, "md") == [(7, "error", None), (9, "unchecked", "follows")]
    (follows,) = [f for f in audit_text(QIITA_POST, "md").findings if f.reason == "follows"]
    assert "line 7" in follows.message and "R404" in follows.readings


def test_a_homework_slope_at_a_point_follows_the_wrong_derivative():
    assert verdicts(HOMEWORK, "tex") == [(4, "error", None), (8, "unchecked", "follows")]


def test_a_slope_wrong_under_both_formulas_is_a_second_error():
    assert [status for _, status, _ in verdicts(README, "md")] == ["error", "error"]


def test_turned_off_the_slope_is_an_error_again():
    report = audit_text(QIITA_POST, "md", disabled=frozenset({"R404"}))
    assert [f.status for f in report.findings if "f'(1)" in f.latex] == ["error"]


@settings(max_examples=10, deadline=None)
@given(n=st.integers(min_value=2, max_value=5), c=st.integers(min_value=2, max_value=4),
       at=st.integers(min_value=1, max_value=3))
def test_a_value_of_the_written_derivative_follows_and_its_truth_too(n, c, at):
    """f = x^n, written f' = c x^(n-1) with c != n: f'(at) = c at^(n-1) follows from the row;
    the true n at^(n-1) holds as computed (ok); anything else is an error."""
    if c == n:
        return
    text = (f"$$ f(x) = x^{{{n}}} $$\n\n$$ f'(x) = {c} x^{{{n - 1}}} $$\n\n"
            f"$$ f'({at}) = {c * at ** (n - 1)} $$\n\n$$ f'({at}) = {n * at ** (n - 1)} $$\n\n"
            f"$$ f'({at}) = {c * at ** (n - 1) + n * at ** (n - 1)} $$\n")
    assert verdicts(text, "md") == [
        (3, "error", None), (5, "unchecked", "follows"), (9, "error", None)]

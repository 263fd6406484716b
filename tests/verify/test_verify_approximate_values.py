r"""``H(p) \approx 0.9 \times 0.152 + 0.1 \times 3.322``: a defined function at the values the
section gave, approximately equal to a sum of rounded numbers, is a claim at the precision
shown, as ``=`` would be. Three documents of our own (a Hatena post, a LaTeX homework, a
README where the names have no values, so ≈ between expressions stays unchecked).
"""

from __future__ import annotations

from derivetex.verify import audit_text


def findings(text: str, kind: str = "md") -> list[tuple[int, str, str | None]]:
    return [(f.line, f.status, f.reason) for f in audit_text(text, kind).findings]


HATENA = r"""エントロピーは [tex: H(p) = -\sum_{i=1}^{n} p_i \log_2 p_i] です。

[tex: p = (0.9, 0.1)] のとき

[tex: H(p) \approx 0.9 \times 0.152 + 0.1 \times 3.322]

[tex: H(p) \approx 0.9 \times 0.152 + 0.1 \times 4.322]
"""


def test_a_rounded_sum_for_a_defined_function_is_a_claim() -> None:
    found = findings(HATENA)
    assert found[-2:] == [(5, "ok", None), (7, "error", None)]


HOMEWORK = r"""\documentclass{article}
\begin{document}
\[ f(x) = x^2 + 1 \]
Take $x = 1.5$. Then
\[ f(x) \approx 2.25 + 1 \]
\end{document}
"""


def test_a_function_at_a_value_in_a_homework() -> None:
    assert findings(HOMEWORK, "tex")[-1] == (5, "ok", None)


README = r"""$$ g(a) = a^2 $$

$$ g(a) \approx a^2 + 0.001 $$
"""


def test_without_values_approximately_between_expressions_is_not_judged() -> None:
    assert findings(README)[-1] == (3, "unchecked", "approximate")

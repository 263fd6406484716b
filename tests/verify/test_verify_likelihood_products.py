r"""``p^k (1 - p)^{n-k}`` is a product, the likelihood of k successes, not a family p^k applied
to ``(1 - p)``: the bracket holds p itself. ``p^m(x)`` (the m-th of a family of densities) is
still applied. Three documents of our own: a Japanese exercise answer, a LaTeX homework with
a slip in the log-likelihood, and a README where the family reading must stay.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text
from derivetex.verify.readings.side import read


def statuses(text: str, kind: str = "md") -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, kind).findings]


ANSWERS = r"""## 問2 二項分布の最尤推定

$$ L(p) = \binom{n}{k} p^k (1-p)^{n-k} $$

$$ \log L(p) = \log \binom{n}{k} + k \log p + (n-k) \log(1-p) $$

$$ \frac{d}{dp} \log L(p) = \frac{k}{p} - \frac{n-k}{1-p} $$
"""


def test_a_binomial_likelihood_and_its_log() -> None:
    assert statuses(ANSWERS) == [(3, "ok"), (5, "ok"), (7, "ok")]


HOMEWORK = r"""\documentclass{article}
\begin{document}
\[ L(\theta) = p^{k}(1-p)^{n-k} \]
\[ \log L(\theta) = k \log p + (n - k) \log (1 - p) \]
\[ \log L(\theta) = k \log p - (n - k) \log (1 - p) \]
\end{document}
"""


def test_a_sign_slip_in_the_log_likelihood_is_found() -> None:
    assert statuses(HOMEWORK, "tex") == [(3, "ok"), (4, "ok"), (5, "error")]


def test_a_family_of_densities_stays_applied() -> None:
    """``p^m(x)``: the bracket does not hold p, so it is the m-th density at x."""
    assert "p^{m}" in str(read(r"p^m(x)").expr)
    assert str(read(r"p^m(1 - p)").expr) == "p**m*(1 - p)"


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 9), st.integers(0, 9))
def test_the_product_is_the_likelihood(n: int, extra: int) -> None:
    """Read as a product, p^k (1-p)^{n-k} at p = 1/3 is the binomial probability's core."""
    k = min(n, extra)
    expr = read(rf"p^{{{k}}} (1-p)^{{{n}-{k}}}").expr
    assert expr is not None
    value = expr.subs("p", 1 / 3)
    assert abs(float(value) - (1 / 3) ** k * (2 / 3) ** (n - k)) < 1e-12

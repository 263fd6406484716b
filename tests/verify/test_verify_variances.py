"""A variance written for σ gives σ its value, also when an earlier example gave σ another.

ML posts reuse σ from example to example: the standard normal (σ = 1), then a posterior with
σ² = 0.5, then one per dimension, σ² = [0.5, 2.0]. Each is a new value (reading R105), as
``\\mu = 1.5`` after ``\\mu = 0`` is; a claim about σ in the block that gave it stays a claim.
Three documents of our own: a Qiita post, a LaTeX homework with a vector of variances, and a
README where the reading must not apply (σ given in the same block, and x² that is no
variance).
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text


def statuses(text: str, kind: str = "md") -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, kind).findings]


QIITA = r"""# 正規分布の例

標準正規分布では $\sigma = 1$ です。

## 別の例

分散が小さい場合、$\sigma^2 = 0.25$ なので標準偏差は $\sigma = 0.5$ です。

$$ 2\sigma = 1 $$
"""


def test_a_later_example_gives_sigma_a_new_value() -> None:
    findings = audit_text(QIITA, "md").findings
    assert [(f.line, f.status) for f in findings] == [(3, "ok"), (7, "ok"), (7, "ok"), (9, "ok")]
    assert "in place of 1 from before" in findings[1].message


HOMEWORK = r"""\documentclass{article}
\begin{document}
The encoder gives $\mu = [1.5, -0.8]$ and $\sigma^2 = [0.25, 4]$, so
\[ \sigma_1 + \sigma_2 = 2.5 \]
and the second dimension is wider: $\sigma_2 - \sigma_1 = 1.5$ and $\sigma_1 \sigma_2 = 2$.
\end{document}
"""


def test_a_vector_of_variances_gives_each_deviation() -> None:
    findings = audit_text(HOMEWORK, "tex").findings
    assert [f.status for f in findings] == ["ok"] * 4 + ["error"]
    assert "standard deviations" in findings[1].message
    assert findings[-1].line == 5 and "claims 2" in findings[-1].message


README = r"""Example: $\sigma = 2$, so $\sigma^2 = 5$.

Another: $x = 3$.

Then $x^2 = 4$.
"""


def test_no_new_value_where_sigma_was_given_in_the_block_or_the_name_is_no_variance() -> None:
    """σ = 2 and σ² = 5 in one sentence: a claim, wrong. x² = 4 after x = 3: x² is not a
    variance, so the earlier x is what the claim is about (R104)."""
    assert statuses(README) == [(1, "ok"), (1, "error"), (3, "ok"), (5, "error")]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 400), min_size=2, max_size=4))
def test_variances_give_their_square_roots(hundredths: list[int]) -> None:
    """Whatever the variances, each σ_k is their root: the sum of the roots is claimed
    right and the sum plus one wrong."""
    variances = [h / 100 for h in hundredths]
    total = sum(math.sqrt(v) for v in variances)
    items = ", ".join(f"{v:g}" for v in variances)
    names = " + ".join(f"\\sigma_{k}" for k in range(1, len(variances) + 1))
    text = (f"$$ \\sigma^2 = [{items}] $$\n\n$$ {names} = {total:.6f} $$\n\n"
            f"$$ {names} = {total + 1:.6f} $$\n")
    findings = audit_text(text, "md").findings
    assert [f.status for f in findings] == ["ok", "ok", "error"]

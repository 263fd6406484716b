"""Entropies of random variables read over one joint distribution, to confirm only
(verify/readings/random_variables.py)."""

from __future__ import annotations

from derivetex.verify import audit_text

TEXT = r"""
The entropy of random variables $X$ and $Y$.

$$ H(X) + H(Y \mid X) = H(Y) + H(X \mid Y) $$

$$ H(X) - H(X \mid Y) = H(Y) - H(Y \mid X) $$

$$ \sum_x p(x) H(Y \mid X = x) = -\sum_x \sum_y p(x, y) \log p(y \mid x) $$

$$ H(X) + H(Y \mid X) = H(Y) - H(X \mid Y) $$

$$ H(X) = 0.971 + H(Y) $$
"""


def test_identities_hold_and_slips_are_never_accused() -> None:
    found = [(f.line, f.status) for f in audit_text(TEXT, "md").findings]
    assert found == [
        (4, "ok"),
        (6, "ok"),
        (8, "ok"),
        (10, "unchecked"),  # wrong for every distribution, but this reading only confirms
        (12, "unchecked"),  # a document's example is one distribution, not all of them
    ]


def test_the_reading_needs_entropies_of_random_variables() -> None:
    text = TEXT.replace("H(", "G(").replace("The entropy", "The quantity")
    assert all(f.status != "ok" for f in audit_text(text, "md").findings)


def test_the_documents_own_entropy_of_x_does_not_make_h_of_y_the_same_sum() -> None:
    text = r"""
The entropy of a random variable $X$ with probability mass function $p(x)$:

$$ H(X) = -\sum_x p(x) \log p(x) $$

$$ H(X) - H(X \mid Y) = H(Y) - H(Y \mid X) $$
"""
    found = [(f.line, f.status) for f in audit_text(text, "md").findings]
    assert found == [(4, "ok"), (6, "ok")]


def test_in_bits() -> None:
    text = r"""
The entropy of random variables $X$ and $Y$, in bits.

$$ H(X) - H(X \mid Y) = \sum_{x, y} p(x, y) \log_2 \frac{p(x, y)}{p(x) p(y)} $$
"""
    assert [(f.line, f.status) for f in audit_text(text, "md").findings] == [(4, "ok")]

"""``\\neq`` claims and names that take a chain's value (verify/decide/link.py)."""

from __future__ import annotations

from derivetex.verify import audit_text


def findings(text: str) -> list[tuple[int, str, str]]:
    return [(f.line, f.status, f.reason or "") for f in audit_text(text, "md").findings]


def test_divergence_is_not_symmetric_and_entropy_of_a_distribution_with_itself_is() -> None:
    text = r"""
The KL divergence between distributions p and q:

$$ D_{KL}(p \| q) \neq D_{KL}(q \| p) $$

$$ H(p, p) \neq H(p) $$
"""
    assert findings(text) == [(4, "ok", ""), (6, "error", "")]


def test_conditions_and_terms_it_cannot_expand_stay_unchecked() -> None:
    text = r"""
$$ \frac{\partial p_i}{\partial z_j} = -p_i p_j, \quad j \neq i $$

$$ H(Y \mid X) \neq H(X \mid Y) $$
"""
    found = findings(text)
    assert (2, "unchecked", "condition") in found
    assert found[-1] == (4, "unchecked", "opaque")


def test_numbers_that_differ() -> None:
    assert findings(r"$$ \log 2 \neq 2 \log 1 $$") == [(1, "ok", "")]
    assert findings(r"$$ \log 4 \neq 2 \log 2 $$") == [(1, "error", "")]


def test_a_name_later_in_a_chain_takes_its_value() -> None:
    text = r"""
Two components with $\sigma_1 = \sigma_2 = 2$:

$$ \sigma_1^2 + \sigma_2^2 = 8 $$

$$ \sigma_2^2 = 5 $$
"""
    assert [(line, status) for line, status, _ in findings(text)] == [
        (2, "ok"),
        (2, "ok"),
        (4, "ok"),
        (6, "error"),
    ]

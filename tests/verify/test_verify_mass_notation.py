"""p(x) and p_x are one notation for a distribution's masses (verify/readings/information.py)."""

from __future__ import annotations

from derivetex.verify import audit_text


def test_cross_entropy_written_with_subscripts() -> None:
    text = r"""
The cross-entropy $H(p, q)$ of two distributions.

$$ -\sum_{i \in I} p_{i} \log (q_{i}) = H(p, q) $$

$$ -\sum_{i} p_{i} \log (q_{i}) = H(p, q) $$

$$ \sum_{i} p_{i} \log (q_{i}) = H(p, q) $$
"""
    found = [(f.line, f.status) for f in audit_text(text, "md").findings]
    assert found == [(4, "ok"), (6, "ok"), (8, "error")]

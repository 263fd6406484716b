"""Property: a correct claim for -sum t_k ln y_k verifies at any precision; its negation fails."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text

probabilities = st.integers(min_value=1, max_value=99).map(lambda n: n / 100)


def document(labels: list[int], predictions: list[float], claim: str, log: str) -> str:
    symbolic = " + ".join(f"t_{{{k}}} {log} y_{{{k}}}" for k in range(1, len(labels) + 1))
    numeric = " + ".join(
        f"{t} \\cdot {log} {y:.2f}" for t, y in zip(labels, predictions, strict=True)
    )
    rows = f"E &= -({symbolic}) \\\\\n&= -({numeric}) \\\\\n&= {claim}"
    return f"$$\n\\begin{{aligned}}\n{rows}\n\\end{{aligned}}\n$$\n"


@settings(max_examples=25, deadline=None)
@given(
    size=st.integers(min_value=2, max_value=4),
    data=st.data(),
    places=st.integers(min_value=2, max_value=8),
    log=st.sampled_from([r"\ln", r"\log"]),
)
def test_claims_for_cross_entropy(size: int, data: st.DataObject, places: int, log: str) -> None:
    labels = data.draw(st.lists(st.integers(0, 1), min_size=size, max_size=size).filter(any))
    predictions = data.draw(st.lists(probabilities, min_size=size, max_size=size))
    value = -sum(t * math.log(y) for t, y in zip(labels, predictions, strict=True))
    right = f"{value:.{places}f}"
    report = audit_text(document(labels, predictions, right, log), "md")
    assert [f.status for f in report.findings] == ["ok", "ok", "ok"], report.findings
    flipped = f"{-value:.{places}f}"
    report = audit_text(document(labels, predictions, flipped, log), "md")
    assert [f.status for f in report.findings] == ["ok", "ok", "error"]
    assert report.findings[-1].diagnosis is not None
    assert "sign flipped" in report.findings[-1].diagnosis

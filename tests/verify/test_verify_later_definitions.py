"""A definition further down a section confirms a link stated before it, never accuses
(verify/alternatives.py, _confirmed_later)."""

from __future__ import annotations

from derivetex.verify import audit_text


def findings(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, "md").findings]


def test_a_property_stated_before_the_function_that_has_it() -> None:
    text = r"""
$$ I(p_1 p_2) = I(p_1) + I(p_2) $$

$$ I(p_1 p_2) = I(p_1) I(p_2) $$

$$ I(p) = -\log p $$
"""
    report = audit_text(text, "md")
    assert [(f.line, f.status) for f in report.findings] == [
        (2, "ok"),
        (4, "unchecked"),  # wrong, but a later definition only confirms
        (6, "ok"),
    ]
    assert "further down" in report.findings[0].message


def test_a_name_defined_twice_is_not_used_from_below() -> None:
    text = r"""
$$ g(a b) = g(a) + g(b) $$

$$ g(x) = \log x $$

$$ g(x) = x^2 $$
"""
    assert findings(text)[0] == (2, "unchecked")


def test_nothing_is_confirmed_by_both_sides_vanishing() -> None:
    text = r"""
$$ \frac{d}{du} f(x) = \frac{df}{dg} \cdot \frac{dg}{du} $$

$$ f(x) = x^2 $$
"""
    assert findings(text)[0][1] == "unchecked"

r"""A derivative by a name its body does not contain, as the section defines it, reads as 0:
``\partial L / \partial b_2`` with L written through a prediction whose own definition is in
prose. Claiming a number for it is not a mistake derivetex can see, so the link is
``unchecked`` (reason ``independent``), never an error. Three documents of our own (a lecture
note with a numeric backward pass, a Qiita post, a README) and the cases where it must not
apply: a component of the same vector (``o_k`` for o), the writer's own formula for the
derivative, and a derivative of a constant written as such.
"""

from __future__ import annotations

from derivetex.verify import audit_text


def findings(text: str, kind: str = "md") -> list[tuple[int, str, str | None]]:
    return [(f.line, f.status, f.reason) for f in audit_text(text, kind).findings]


LECTURE = r"""# Backward pass

The loss is $L = \frac{1}{2}(\hat{y} - y)^2$, where the prediction $\hat y$ is the sigmoid
of the output unit.

- $\partial L/\partial \hat{y} = \hat{y} - y$
- with $\hat{y} = 0.5741$ and $y = 0.5$: $\partial L/\partial b_2 = 0.0741$
"""


def test_a_derivative_through_a_definition_in_prose_is_not_judged() -> None:
    found = findings(LECTURE)
    assert found[-1] == (7, "unchecked", "independent")
    assert all(status != "error" for _, status, _ in found)


QIITA = r"""# ソフトマックスの勾配

$$ L = -\log \frac{e^{o_1}}{e^{o_1} + e^{o_2}} $$

$$ \frac{\partial L}{\partial o_1} = \frac{e^{o_1}}{e^{o_1} + e^{o_2}} - 1 $$

$$ \frac{\partial L}{\partial o_2} = \frac{e^{o_1}}{e^{o_1} + e^{o_2}} $$
"""


def test_components_of_the_variable_are_dependence() -> None:
    """L depends on o_1 and o_2: the slip (o_1's share for o_2's) stays an error."""
    assert findings(QIITA) == [(3, "ok", None), (5, "ok", None), (7, "error", None)]


README = r"""$$ \frac{d}{dx} 5 = 1 $$

$$ f = 3 $$

$$ \frac{\partial f}{\partial x} = 2 $$
"""


def test_a_constant_written_as_such_is_still_judged() -> None:
    """d/dx of 5 is 0 whatever is defined; f = 3 given as a number is not a function of x
    derivetex can see: the first is an error, the second unchecked."""
    found = findings(README)
    assert found[0] == (1, "error", None)
    assert found[-1] == (5, "unchecked", "independent")

"""σ(wx) differentiated by w_1: wx read as the dot product (verify/readings/dot_products.py)."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.tensor.indexed import IndexedBase

from derivetex.verify import audit_text
from derivetex.verify.readings.dot_products import as_dot_products

LOGISTIC = r"The sigmoid function $\sigma(z) = \frac{1}{1 + e^{-z}}$."


def statuses(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, "md").findings]


def test_the_logistic_gradient_by_one_weight() -> None:
    text = rf"""
{LOGISTIC}

$$ \frac{{\partial \sigma(wx)}}{{\partial w_1}} = x_1 (1 - \sigma(wx))\sigma(wx) $$

$$ \frac{{\partial \sigma(wx)}}{{\partial w_1}} = x_1 \sigma(wx) $$

$$ \frac{{\partial \log(1 + \exp(-w \cdot x))}}{{\partial w_2}} = -x_2 (1 - \sigma(wx)) $$
"""
    assert statuses(text) == [(2, "ok"), (4, "ok"), (6, "error"), (8, "ok")]


def test_plain_products_are_left_alone() -> None:
    w, x, y = sympy.symbols("w x y")
    a = sympy.Derivative(w * x, w)  # by w itself: no component
    assert as_dot_products(a, x) == (a, x)
    b = sympy.Derivative(w * y, IndexedBase("w")[1])  # no y_1 written: no dot product
    assert as_dot_products(b, x) == (b, x)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 4), st.integers(-3, 3))
def test_the_reading_differentiates_like_the_written_out_dot_product(k: int, power: int) -> None:
    """d/dw_k f(w·x) with w·x written out over 4 components equals the reading's result."""
    w, x = IndexedBase("w"), IndexedBase("x")
    full = sum(w[j] * x[j] for j in range(1, 5))
    f = sympy.exp(full) * (1 + full) ** power
    expected = sympy.diff(f, w[k])
    ws, xs = sympy.symbols("w x")
    read, _ = as_dot_products(
        sympy.Derivative(sympy.exp(ws * xs) * (1 + ws * xs) ** power, w[k]), x[k]
    )
    rest = next(s for s in read.free_symbols if str(s).startswith("ρ"))
    got = read.doit().subs(rest, full - w[k] * x[k])
    assert sympy.simplify(got - expected) == 0


def test_a_derivative_by_a_defined_name_differentiates_first() -> None:
    """d(e^u)/du with u = -z_i defined is e^u, then e^{-z_i}: not d(e^{-z_i})/du = 0."""
    text = r"""
$$ u = -z_i $$

$$ \frac{d}{dz_i}e^u = \frac{d(e^u)}{du} \cdot \frac{du}{dz_i} = -e^u $$

$$ \frac{d(e^u)}{du} = e^{-z_i} $$
"""
    assert statuses(text) == [(2, "ok"), (4, "ok"), (4, "ok"), (6, "ok")]

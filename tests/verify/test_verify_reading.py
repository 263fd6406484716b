"""Reading LaTeX into SymPy: blog notation in, exact expressions out, ambiguity refused."""

from __future__ import annotations

import pytest
import sympy
from sympy.tensor.indexed import IndexedBase

from derivetex.verify.readings.side import read

y, t, p = IndexedBase("y"), IndexedBase("t"), IndexedBase("p")
k, n, a, b, x = sympy.symbols("k n a b x")


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (
            r"y_n \ln(p_n) + (1-y_n) \ln(1-p_n)",
            y[n] * sympy.log(p[n]) + (1 - y[n]) * sympy.log(1 - p[n]),
        ),
        (
            r"\log y_{1}^{t_{1}} + \log y_{2}^{t_{2}}",
            sympy.log(y[1] ** t[1]) + sympy.log(y[2] ** t[2]),
        ),
        (r"p_{n}^{y_{n}} (1-p_{n})^{1-y_{n}}", p[n] ** y[n] * (1 - p[n]) ** (1 - y[n])),
        (r"\log_{2} x", sympy.log(x) / sympy.log(2)),
        (r"\log_{10} x", sympy.log(x) / sympy.log(10)),
        (r"a \cdot b \times x", a * b * x),
        (r"\left( a + b \right)", a + b),
        (r"\sum_{k=1}^{3} t_{k} \log y_{k}", sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, 3))),
        (r"y_{nk}", y[n, k]),
        (r"e^{x}", sympy.exp(x)),
        (r"E", sympy.Symbol("E")),
        (r"0.33", sympy.Rational(33, 100)),
        (r"\dfrac{a}{b}", a / b),
        (
            r"\sum_{k=1}^{3} \log_{2} y_{k}^{t_{k}}",
            sympy.Sum(sympy.log(y[k] ** t[k]) / sympy.log(2), (k, 1, 3)),
        ),
        (
            r"\log_{2} (\prod_{k=1}^{3} y_{k}^{t_{k}})",
            sympy.log(sympy.Product(y[k] ** t[k], (k, 1, 3))) / sympy.log(2),
        ),
        (
            r"t_{1} \log y_{1} + t_{2} \log y_{2} + \cdots + t_{5} \log y_{5}",
            sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, 5)).doit(),
        ),
    ],
    ids=[
        "ln-chain",
        "log-powers",
        "bernoulli",
        "log2",
        "log10",
        "cdot-times",
        "left-right",
        "sum",
        "nk-subscript",
        "euler-e",
        "loss-E",
        "decimal-exact",
        "dfrac",
        "log2-power-in-sum",
        "log2-bracketed-product",
        "elided-sum",
    ],
)
def test_reads(latex: str, expected: sympy.Expr) -> None:
    got = read(latex).expr
    assert got is not None
    assert sympy.simplify(got - expected) == 0


@pytest.mark.parametrize(
    ("latex", "reason"),
    [
        (r"\int x^2", "without a differential"),
        (r"\nabla L", "without the variable written below"),
        (r"10^{10^{10}}", "too large"),
        (r"a + \cdots + b", "cannot write out \\cdots"),
        (r"y_{1}^{0} \cdot y_{2}^{0} \cdots y_{9}^{1}", "do not follow"),
        (r"\frac{a}{", "ends too early"),
        (r"", "empty"),
    ],
    ids=[
        "integral",
        "nabla",
        "power-tower",
        "dots",
        "dots-hidden",
        "broken",
        "empty",
    ],
)
def test_refuses_to_guess(latex: str, reason: str) -> None:
    reading = read(latex)
    assert reading.expr is None
    assert reason in reading.reason

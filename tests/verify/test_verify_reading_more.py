"""Notation of real ML writing the reader learned in the second reading round.

One small document of our own per notation, read by ``verify``: the (line, status) findings
it must give and a piece of text the messages must contain. Each case also pins that a
planted mistake in the same notation is still an error (the reading is not a blind spot).
"""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from verify_docs import assert_findings

from derivetex.verify.readings.side import read

CASES = [
    (
        "bare-sum-as-a-name",
        r"""
$$
\begin{aligned}
\frac{e_i \sum - e_i e_i}{\sum^2} &= \frac{e_i}{\sum} \left( \frac{\sum - e_i}{\sum} \right) \\
&= \frac{e_i}{\sum} \left( 1 + \frac{e_i}{\sum} \right)
\end{aligned}
$$
""",
        [(4, "ok"), (5, "error")],
        "holds symbolically",
    ),
    (
        "bare-sum-defined",
        r"""
Write $\sum_K = \sum_{j=1}^{K} \exp(\theta_j)$.

$$ \frac{\partial}{\partial \theta_i} \frac{\exp(\theta_i)}{\sum_K}
 = \frac{\exp(\theta_i) \sum_K - \exp(\theta_i) \exp(\theta_i)}{(\sum_K)^2} $$

$$ \frac{\partial}{\partial \theta_i} \frac{\exp(\theta_i)}{\sum_K}
 = \frac{\exp(\theta_i) \sum_K + \exp(\theta_i) \exp(\theta_i)}{(\sum_K)^2} $$
""",
        [(2, "ok"), (5, "ok"), (8, "error")],
        "as defined on line 2",
    ),
    (
        "sum-with-summand-after-minus",
        r"""
$$ \sum_i - y_i \log p_i = - \sum_i y_i \log p_i $$
""",
        [(2, "unchecked")],
        "cannot read",
    ),
    (
        "primed-names",
        r"""
$$
\begin{aligned}
\sum' &= \frac{\partial (\exp(x_1) + \exp(x_2))}{\partial x_1} \\
&= \exp(x_1) \\
e_1' &= \exp(x_1)
\end{aligned}
$$

$$ e_1' \sum' = \exp(x_1)^2 $$

$$ e_1' \sum' = \exp(x_1) $$
""",
        [(4, "ok"), (5, "ok"), (6, "ok"), (10, "ok"), (12, "error")],
        "defines \\sum'",
    ),
    (
        "jacobian-off-diagonal-case",
        r"""
$$ \frac{\partial}{\partial \theta_j} \frac{\exp(\theta_i)}{\sum_{k=1}^K \exp(\theta_k)}
 = -\frac{\exp(\theta_i) \exp(\theta_j)}{(\sum_{k=1}^K \exp(\theta_k))^2} $$

$$ \frac{\partial}{\partial \theta_j} \frac{\exp(\theta_i)}{\sum_{k=1}^K \exp(\theta_k)}
 = \frac{\exp(\theta_i) \exp(\theta_j)}{(\sum_{k=1}^K \exp(\theta_k))^2} $$
""",
        [(3, "unchecked"), (6, "error")],
        "i \\neq j",
    ),
    (
        "elided-lists",
        r"""
$$ \mathbf{z} = (z_1, \ldots, z_n)^\top $$

$$ \mathcal{D} = \{(x_1, y_1), (x_2, y_2), \ldots, (x_N, y_N)\} $$

$$ \log \frac{e^{z_i}}{\sum_j e^{z_j}} = z_i - \log \sum_j e^{z_j} $$

$$ \log \frac{e^{z_i}}{\sum_j e^{z_j}} = z_i + \log \sum_j e^{z_j} $$

$$ L = P(X_1 = y_1, X_2 = y_2, \cdots, X_N = y_N) $$
""",
        [(2, "ok"), (4, "ok"), (6, "ok"), (8, "unchecked"), (10, "ok")],
        "by its components",
    ),
    (
        "negated-sum-operator-missing",
        r"""
$$ -\log p_1 - \log p_2 \cdots - \log p_n = -\sum_{i=1}^n \log p_i $$

$$ -\log p_1 - \cdots - \log p_n = \sum_{i=1}^n \log p_i $$
""",
        [(2, "ok"), (4, "error")],
        None,
    ),
    (
        "elided-product-after-another-factor",
        r"""
$$ \frac{\partial}{\partial \theta} (\theta^2 q_1) \cdot q_2 \cdots q_n
 = 2 \theta \prod_{i=1}^n q_i $$

$$ \frac{\partial}{\partial \theta} (\theta^2 q_1) \cdot q_2 \cdots q_n
 = \theta \prod_{i=1}^n q_i $$
""",
        [(3, "ok"), (6, "error")],
        None,
    ),
    (
        "row-ending-on-its-relation",
        r"""
$$
\begin{align}
H =& \frac{1}{2}\log_2 2 + \frac{1}{2}\log_2 2 = \\
& \frac{1}{2} + \frac{1}{2} = 1 \approx 1.0
\end{align}
$$

$$
\begin{align}
H =& \frac{1}{2}\log_2 2 + \frac{1}{2}\log_2 2 = \\
& \frac{1}{2} + \frac{1}{3}
\end{align}
$$
""",
        [(4, "ok"), (5, "ok"), (5, "ok"), (5, "ok"), (11, "ok"), (12, "error")],
        None,
    ),
    (
        "labelled-relations-and-ascii-order",
        r"""
$$ \log \frac{q}{p} \le^{\textrm{(a)}} \frac{q}{p} - 1 =^{(b)} \frac{q - p}{p} $$

$$ \frac{1}{1 + e^{-2}} >= 0.5 $$

$$ \frac{1}{1 + e^{2}} >= 0.5 $$
""",
        [(2, "ok"), (2, "ok"), (4, "ok"), (6, "error")],
        None,
    ),
    (
        "divergence-in-square-brackets",
        r"""
$$ KL[p \| q] = \sum_x p(x) \log \frac{p(x)}{q(x)} $$

$$ KL[p \| q] = KL(p \| q) $$
""",
        [(2, "ok"), (4, "ok")],
        "what KL(p \\| q) means",
    ),
    (
        "application-with-several-arguments",
        r"""
$$ \mathrm{z}(u, v) = \log(1 + e^{u v}) $$

$$ \frac{\partial}{\partial v} \mathrm{z}(u, v) = \frac{u e^{u v}}{1 + e^{u v}} $$

$$ \frac{\partial}{\partial v} \mathrm{z}(u, v) = \frac{e^{u v}}{1 + e^{u v}} $$
""",
        [(2, "ok"), (4, "ok"), (6, "error")],
        "defines z(u, v)",
    ),
    (
        "events-with-order-and-set-operations",
        r"""
$$ P(A \cap B) = P(A) P(B) $$

$$ P(x \le X < x + h) = P(x \le X < x + h) $$
""",
        [(2, "unchecked"), (4, "ok")],
        None,
    ),
    (
        "component-of-a-braced-result",
        r"""
$$ -\log({\text{softmax}(\theta)}_k) = -\log(\text{softmax}_k(\theta)) $$
""",
        [(2, "ok")],
        None,
    ),
    (
        "limits",
        r"""
$$ \lim_{x \rightarrow 0^{+}} x \log x = 0 $$

$$ \lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n = e $$

$$ \lim_{x \to 0} \frac{\sin x}{x} = 0 $$

$$ \lim_{x \to 0} \frac{|x|}{x} = 1 $$
""",
        [(2, "ok"), (4, "ok"), (6, "error"), (8, "unchecked")],
        None,
    ),
    (
        "integral-over-named-variables",
        r"""
$$ KL(p \| q) = \int_{x, y} p(x, y) \log \frac{p(x, y)}{q(x, y)} dx dy $$

$$ \int_{x, y} p(x, y) \log \frac{p(x, y)}{q(x, y)} dx dy = KL(p \| q) $$
""",
        [(2, "ok"), (4, "ok")],
        None,
    ),
    (
        "hadamard-product",
        r"""
$$ \delta = (\hat{y} - y) W^\top \circ \sigma'(h) $$

$$ (\hat{y} - y) W^\top \circ \sigma'(h) = \sigma'(h) \circ (\hat{y} - y) W^\top $$
""",
        [(2, "ok"), (4, "unchecked")],
        "vector",
    ),
    (
        "document-macros",
        r"""
$$ \newcommand{\ex}[2]{{#1}^{(#2)}} \newcommand{\E}{\mathbb{E}} \def\half{\frac{1}{2}} $$

$$ \ex{g}{i} = \sigma(\theta \ex{x}{i} + \theta_0) $$

$$ \half \ex{x}{i} + \half x^{(i)} = x^{(i)} $$

$$ \half \ex{x}{i} + \half x^{(i)} = \half (x^{(i)} + x^{(i)}) = 2 x^{(i)} $$
""",
        [(4, "ok"), (6, "ok"), (8, "ok"), (8, "error")],
        "defines g^{(i)}",
    ),
    (
        "undefined-macro-with-arguments",
        r"""
$$ J = \frac{1}{n} \sum_{i=1}^n \mathcal{L}(\ex{g}{i}, \ex{y}{i}) $$

$$ \ex{a}{i} + \ex{a}{i} = 2 \ex{a}{i} $$

$$ \ex{a}{i} + \ex{a}{i} = 3 \ex{a}{i} = \ex{a}{i} $$

$$ \hl{x} = x $$
""",
        [(2, "ok"), (4, "ok"), (6, "error"), (6, "error"), (8, "unchecked")],
        "defines J",
    ),
    (
        "component-of-a-bracket",
        r"""
$$ \big[ \hat{y}_b - y_b \big] W_{cb} = \big[ \hat{y} - y \big]_b W_{cb} $$

$$ \big[ \hat{y}_b - y_b \big] W_{cb} = \big[ \hat{y} + y \big]_b W_{cb} = 0 $$

$$ H = \left(\frac{\partial^2 \ell}{\partial w_i \partial w_j}\right)_{i,j} $$
""",
        [(2, "ok"), (4, "error"), (4, "unchecked"), (6, "ok")],
        None,
    ),
    (
        "set-builder",
        r"""
$$ I := \{ 1 \le i \le n \mid p_i \neq 0 \} $$
""",
        [(2, "ok")],
        "defines I",
    ),
    (
        "function-applied-inside-text",
        r"""
$$ \frac{e^{x_i}}{\sum_{j=1}^n e^{x_j}} = \text{softmax(x)}_i $$
""",
        [(2, "ok")],
        None,
    ),
    (
        "guards-on-the-new-readings",
        r"""
$$
\begin{aligned}
L &= -\sum_j \\
&\quad t_j \log y_j
\end{aligned}
$$

$$
\begin{aligned}
A &= \\
\text{the sum below} \\
B &= 2
\end{aligned}
$$

$$ \binom{4}{2} = \dbinom{4}{2} = 6 $$
""",
        [(4, "unchecked"), (11, "unchecked"), (13, "ok"), (17, "ok"), (17, "ok")],
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "document", "expected", "needle"), CASES, ids=[c[0] for c in CASES]
)
def test_reading(
    name: str, document: str, expected: list[tuple[int, str]], needle: str | None
) -> None:
    assert_findings(name, document, expected, needle)


def test_odd_terms_are_not_taken_for_a_run() -> None:
    """``a_1 + a_3 + \\cdots + a_n`` does not say what the elided terms are."""
    assert read(r"a_1 + a_3 + \cdots + a_n").expr is None


@settings(max_examples=25, deadline=None)
@given(
    low=st.integers(1, 3),
    size=st.integers(2, 6),
    letter=st.sampled_from("xyw"),
    minus=st.booleans(),
)
def test_elided_sum_is_the_sum_it_stands_for(low: int, size: int, letter: str, minus: bool) -> None:
    """Shown terms a, a + 1 … last written out are the sum of all of them, with or without the
    operator before the dots, negated term by term or not."""
    high = low + size
    sign = "-" if minus else "+"
    lead = "-" if minus else ""
    first, second, last = (f"{letter}_{{{i}}}" for i in (low, low + 1, high))
    text = f"{lead}{first} {sign} {second} \\cdots {sign} {last}"
    base = sympy.IndexedBase(letter)
    total = sum(base[i] for i in range(low, high + 1))
    reading = read(text)
    assert reading.expr is not None, reading.reason
    assert sympy.expand(reading.expr - (-total if minus else total)) == 0


@settings(max_examples=25, deadline=None)
@given(low=st.integers(0, 2), size=st.integers(2, 8))
def test_elided_numeric_list_is_written_out(low: int, size: int) -> None:
    high = low + size
    reading = read(f"(v_{{{low}}}, v_{{{low + 1}}}, \\ldots, v_{{{high}}})")
    v = sympy.IndexedBase("v")
    assert reading.expr == sympy.Tuple(*(v[i] for i in range(low, high + 1)))
    assert reading.vector


@settings(max_examples=20, deadline=None)
@given(a=st.integers(-3, 3), c=st.integers(1, 5), d=st.integers(-5, 5))
def test_limit_of_a_continuous_function_is_its_value(a: int, c: int, d: int) -> None:
    sign = "+" if d >= 0 else "-"
    reading = read(f"\\lim_{{x \\to {a}}} ({c} x^2 {sign} {abs(d)})")
    assert reading.expr == c * a**2 + d


def test_macros_keep_lines_and_stop_growing() -> None:
    from derivetex.verify.document.macros import expand

    text = "\\newcommand{\\loop}{\\loop\\loop}\n$\\loop$\n\\newcommand{\\R}\n{\\mathbb{R}}\n$\\R$"
    expanded = expand(text)
    assert expanded.count("\n") == text.count("\n")
    assert expanded.splitlines()[-1] == "$\\mathbb{R}$"
    assert "\\loop" in expanded.splitlines()[1]  # left as written: it never settles


def test_a_macro_with_an_optional_argument_is_left_alone() -> None:
    from derivetex.verify.document.macros import expand

    assert expand("\\newcommand{\\v}[1][x]{#1}\n$\\v$").endswith("$\\v$")


_PIECES = [
    r"\sum", r"\sum_K", r"\prod", "'", "^2", "_i", "_{i,j}", "(", ")", "[", "]", r"\{", r"\}",
    r"\mid", ",", r"\ldots", r"\cdots", "-", "+", "x_1", "x_n", "a", r"\lim_{x \to 0}",
    r"\circ", r"\cap", r"\le", "<", r"\|", "KL", r"\mathrm{z}", r"\text{softmax(x)}", "{",
    "}", r"\ex{x}{i}", r"\int_{x,y}", "dx", r"\frac{1}{2}", r"\log", r"\sqrt{x}", "0.5",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=9))
def test_reading_never_raises(pieces: list[str]) -> None:
    """Whatever the text, a reading or a reason -- never an exception."""
    reading = read(" ".join(pieces))
    assert (reading.expr is None) == bool(reading.reason)

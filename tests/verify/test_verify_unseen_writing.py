"""Small documents of our own in the forms real ML writing takes (≒ in Japanese posts, a
dropped 1/N), each pinning one thing ``verify`` got wrong on writing it had not seen."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text


def findings(text: str, kind: str = "md") -> list[tuple[int, str, str]]:
    return [(f.line, f.status, f.reason or "") for f in audit_text(text, kind).findings]


def test_a_step_that_holds_only_for_one_data_point_is_not_ok() -> None:
    """The 1/N dropped from an averaged gradient holds at N = 1 only: an error, not a step
    that fixes N = 1 for the rest of the section."""
    text = r"""
$$ L = \frac{1}{N} \sum_{i=1}^{N} (w x_i - y_i)^2 $$

$$
\begin{aligned}
\frac{\partial L}{\partial w} &= \frac{1}{N} \sum_{i=1}^{N} 2 (w x_i - y_i) x_i \\
&= 2 \sum_{i=1}^{N} (w x_i - y_i) x_i
\end{aligned}
$$
"""
    assert [(line, status) for line, status, _ in findings(text)] == [
        (2, "ok"),
        (6, "ok"),
        (7, "error"),
    ]


def test_a_sign_slip_that_vanishes_for_one_class_is_not_ok() -> None:
    """p_j - y_j written y_j - p_j: with Σ y = 1 both are 0 at K = 1, nowhere else."""
    text = r"""
$$ p_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}} $$

The target is one-hot, $\sum_{k=1}^{K} y_k = 1$.

$$ -y_j + p_j \sum_{k=1}^{K} y_k = -y_j + p_j \cdot 1 = y_j - p_j $$

$$ -y_j + p_j \sum_{k=1}^{K} y_k = -y_j + p_j \cdot 1 = p_j - y_j $$
"""
    found = [(line, status) for line, status, _ in findings(text)]
    assert found == [(2, "ok"), (4, "ok"), (6, "ok"), (6, "error"), (8, "ok"), (8, "ok")]


@settings(max_examples=8, deadline=None)
@given(
    st.sampled_from(["(x_i - m)^2", "x_i y_i", "e^{x_i}", r"\log x_i"]),
    st.integers(min_value=2, max_value=9),
)
def test_an_average_with_its_one_over_n_dropped(summand: str, factor: int) -> None:
    """(c/N) Σ f = c Σ f holds at N = 1 only: an error in a chain; (c/N) Σ f = c · (1/N) Σ f
    holds for every N."""
    start = rf"\frac{{1}}{{N}} \sum_{{i=1}}^{{N}} {factor} {summand}"
    middle = rf"\frac{{{factor}}}{{N}} \sum_{{i=1}}^{{N}} {summand}"
    wrong = rf"$$ {start} = {middle} = {factor} \sum_{{i=1}}^{{N}} {summand} $$"
    average = rf"\frac{{1}}{{N}} \sum_{{i=1}}^{{N}} {summand}"
    right = rf"$$ {start} = {middle} = {factor} \cdot {average} $$"
    assert [s for _, s, _ in findings(wrong)] == ["ok", "error"]
    assert [s for _, s, _ in findings(right)] == ["ok", "ok"]


def test_japanese_nearly_equal_and_simeq_are_approximations() -> None:
    """``\\fallingdotseq`` (≒) and ``\\simeq`` before a rounded number are ≈ claims."""
    text = r"""
$t = 1, y = 0.9$ のとき $E = -\log 0.9 \fallingdotseq 0.105$ となる。

$$ -\log 0.1 \simeq 2.303, \quad -\log 0.2 \fallingdotseq 1.204 $$

$$
\begin{aligned}
H &= -0.9 \log_2 0.9 - 0.1 \log_2 0.1 \\
&\fallingdotseq 0.469
\end{aligned}
$$
"""
    found = findings(text)
    assert found[3][:2] == (2, "ok")  # -log 0.9 ≒ 0.105
    assert found[4:] == [(4, "ok", ""), (4, "error", ""), (8, "ok", ""), (9, "ok", "")]


def test_simeq_between_expressions_is_not_an_identity() -> None:
    """log(1 + x) ≃ x is an approximation: never checked as an equation."""
    assert findings(r"$$ \log(1 + x) \simeq x $$") == [(1, "unchecked", "approximate")]


def test_an_upright_differential_is_a_derivative() -> None:
    r"""``\mathrm{d}``, ``{\rm d}``, ``\operatorname{d}``: the d of a derivative or an integral."""
    text = r"""
$$ \ell(\mu) = m \ln \mu + (N - m) \ln (1 - \mu) $$

$$ \frac{\mathrm{d} \ell(\mu)}{\mathrm{d} \mu} = \frac{m}{\mu} - \frac{N - m}{1 - \mu} $$

$$ \frac{{\rm d}}{{\rm d} x} \tanh x = 1 - \tanh^2 x, \quad
\frac{\operatorname{d}}{\operatorname{d} x} x^3 = 2 x^2 $$
"""
    assert findings(text) == [(2, "ok", ""), (4, "ok", ""), (6, "ok", ""), (7, "error", "")]


def test_a_log_likelihood_and_its_squared_errors_have_one_optimum() -> None:
    """argmax of a Gaussian log-likelihood = argmin of the squared errors (a positive factor
    and a constant apart); argmax of both is not shown, and never called wrong."""
    text = r"""
$$ \operatorname*{argmax}_\mu \sum_{n=1}^{N} \log \mathcal{N}(x_n \mid \mu, \sigma^2)
 = \mathop{\rm argmin}_\mu \sum_{n=1}^{N} (x_n - \mu)^2 $$

$$ \operatorname*{argmax}_\mu \sum_{n=1}^{N} \log \mathcal{N}(x_n \mid \mu, \sigma^2)
 = \operatorname*{argmax}_\mu \sum_{n=1}^{N} (x_n - \mu)^2 $$
"""
    assert findings(text) == [(3, "ok", ""), (6, "unchecked", "optimum")]


@settings(max_examples=10, deadline=None)
@given(
    st.sampled_from([r"\tanh", r"\sin", r"\cos", r"\log", r"\ln", r"\exp"]),
    st.integers(min_value=2, max_value=5),
    st.floats(min_value=0.1, max_value=3.0),
)
def test_a_power_on_a_function_is_a_power_of_its_value(name: str, power: int, x: float) -> None:
    r"""``\tanh^2 x`` is (tanh x)²; ``\sin^{-1}`` stays unread (inverse or reciprocal?)."""
    from derivetex.verify.readings.side import read

    reading = read(rf"{name}^{power} ({x})").expr
    plain = read(rf"{name} ({x})").expr
    assert reading is not None and plain is not None
    assert abs(float(reading) - float(plain) ** power) <= 1e-9 * max(1.0, abs(float(reading)))
    assert read(rf"{name}^{{-1}} x").expr is None


def test_events_written_as_signs_are_read() -> None:
    r"""``P(+ \mid D)`` and ``P(+ \mid \neg D)`` are two events' probabilities, each its own
    value (the second does not replace the first as a definition of P)."""
    text = r"""
Sensitivity $P(+ \mid D) = 0.99$, false positives $P(+ \mid \neg D) = 0.05$.

$$ P(+ \mid D) \cdot 0.01 = 0.0099 $$

$$ P(+ \mid \neg D) \approx 0.050 $$
"""
    found = findings(text)
    assert found[:2] == [(2, "ok", ""), (2, "ok", "")]
    assert "replacing" not in " ".join(f.message for f in audit_text(text, "md").findings)
    assert found[2:] == [(4, "ok", ""), (6, "ok", "")]


def test_a_formula_against_rounded_numbers_at_earlier_values() -> None:
    """``1 - H = 1 - 0.881`` with H(0.3) = 0.8813 from the blocks before: equal at the
    precision shown; a number that is off is left unchecked (the earlier values may belong
    to another example), never an error."""
    text = r"""
A biased coin, $p = 0.3$.

$$ H = -p \log_2 p - (1 - p) \log_2 (1 - p) $$

$$ 1 - H = 1 - 0.881 = 0.119 $$

$$ 1 - H = 1 - 0.871 $$
"""
    found = findings(text)
    assert found[-3:] == [(6, "ok", ""), (6, "ok", ""), (8, "unchecked", "undefined")]


def test_lg_is_log2_or_log10_and_only_a_number_wrong_in_both_is_an_error() -> None:
    r"""``\lg`` is log₂ in computing and information theory, log₁₀ by ISO: a claim is judged
    against both; an identity holds in any base, one that fails is left to the reader."""
    text = r"""
$$ H = -0.25 \lg 0.25 - 0.75 \lg 0.75 \fallingdotseq 0.811 $$

$$ \lg 1000 = 3, \quad \lg 8 = 3, \quad \lg 8 = 4 $$

$$ \lg (a b) = \lg a + \lg b = \lg a \cdot \lg b $$
"""
    found = [(line, status) for line, status, _ in findings(text)]
    assert found == [
        (2, "ok"), (2, "ok"), (4, "ok"), (4, "ok"), (4, "error"), (6, "ok"), (6, "unchecked"),
    ]  # fmt: skip


def test_lg_against_another_logarithm() -> None:
    r"""``\lg 8 = \log_2 8`` holds reading lg as log₂; ``\lg 100 = \log_{10} 100`` as log₁₀."""
    text = r"""
$$ \lg 8 = \log_2 8, \quad \lg 100 = \log_{10} 100, \quad \lg x = \ln x $$
"""
    assert findings(text) == [(2, "ok", ""), (2, "ok", ""), (2, "unchecked", "not-evaluable")]


def test_a_bare_sigmoid_differentiated_by_a_letter() -> None:
    r"""``\frac{d\sigma}{da} = \sigma(1 - \sigma)`` in a text about the sigmoid is σ(a); the
    reading confirms, a wrong right-hand side stays unchecked."""
    text = r"""
The sigmoid function:

$$ \frac{d\sigma}{da} = \sigma(1 - \sigma), \qquad \frac{d\sigma}{da} = \sigma(1 + \sigma) $$
"""
    assert findings(text) == [(4, "ok", ""), (4, "unchecked", "undefined")]


def test_an_update_rule_is_cut_at_its_arrow() -> None:
    r"""``w \leftarrow w - \eta \frac{dJ}{dw} = …``: the assignment is not read, the step after
    it is checked."""
    text = r"""
$$ J(w) = E(w) + \frac{\lambda}{2} w^2 $$

$$ w \leftarrow w - \eta \frac{d J(w)}{d w} = w - \eta \frac{d E(w)}{d w} - \eta \lambda w $$

$$ w \gets w - \eta \frac{d J(w)}{d w} = (1 - \eta \lambda) w + \eta \frac{d E(w)}{d w} $$
"""
    assert [(line, status) for line, status, _ in findings(text)] == [
        (2, "ok"),
        (4, "ok"),
        (6, "error"),
    ]


def test_a_defined_function_at_given_values_is_a_claim_not_a_new_definition() -> None:
    r"""``D_{KL}(p \| q) = 0.5 \log 2 + 0.5 \log \frac{3}{2}`` after p = 0.5, q = 0.25 is a claim
    about the defined divergence there (a sign slipped), not a redefinition; right, it is ok.
    A meaning by convention (H(P) in nats) is never held against the writer's numbers."""
    text = r"""
$$ D_{KL}(p \| q) = p \log\frac{p}{q} + (1-p)\log\frac{1-p}{1-q} $$

With $p = 0.5$ and $q = 0.25$: $D_{KL}(p \| q) = 0.5 \log 2 + 0.5 \log \frac{3}{2}$.

With $p = 0.5$ and $q = 0.25$: $D_{KL}(p \| q) = 0.5 \log 2 + 0.5 \log \frac{2}{3}$.
"""
    found = [(line, status) for line, status, _ in findings(text)]
    assert found == [(2, "ok"), *[(4, "ok")] * 2, (4, "error"), *[(6, "ok")] * 3]
    entropy = r"""
The entropy in bits, $P = [0.5, 0.5]$:

$$ H(P) = -0.5 \log_2 0.5 - 0.5 \log_2 0.5 $$
"""
    assert findings(entropy)[-1] == (4, "ok", "")


def test_a_written_out_instance_against_the_general_sum_fixes_the_size() -> None:
    """One side written for one class, the other the general sum: that size is the
    writer's, used from there on (unlike a step whose two sides both sum to K)."""
    text = r"""
$$ L = p_{1}^{t_{1}} $$

$$ \log L = \sum_{k=1}^{K} t_{k} \log p_{k} $$
"""
    found = audit_text(text, "md").findings
    assert [(f.line, f.status) for f in found] == [(2, "ok"), (4, "ok")]
    assert "K = 1, used from here on" in found[1].message


def test_a_derivative_evaluated_at_a_point() -> None:
    r"""``\left. \frac{d}{dx} f \right|_{x=0}`` and ``\Big|_{x = 2}``: the derivative there."""
    text = r"""
$$ \left. \frac{d}{dx} \log(1 + e^{x}) \right|_{x=0} = \frac{1}{2} $$

$$ \frac{d}{dx} x^3 \Big|_{x = 2} = 12, \quad \frac{d}{dx} x^3 \Big|_{x = 2} = 8 $$
"""
    assert [(line, status) for line, status, _ in findings(text)] == [
        (2, "ok"),
        (4, "ok"),
        (4, "error"),
    ]


def test_a_defined_function_differentiated_bare_by_its_parameter_is_judged() -> None:
    r"""``\frac{\partial J}{\partial w}`` after ``J(w) = …`` can only mean J(w): the weight
    decay's 2λw for λw is an error; ``\frac{dg}{dx}(f(w))`` (g' at a point) and a bare name
    used otherwise stay unchecked."""
    text = r"""
$$ J(w) = \frac{1}{2N}\sum_{n=1}^{N}(w x_n - t_n)^2 + \frac{\lambda}{2} w^2 $$

$$ \frac{\partial J}{\partial w} = \frac{1}{N}\sum_{n=1}^{N}(w x_n - t_n) x_n + \lambda w $$

$$ \frac{\partial J}{\partial w} = \frac{1}{N}\sum_{n=1}^{N}(w x_n - t_n) x_n + 2 \lambda w $$

$$ g(x) = \frac{1}{x} $$

$$ \frac{dg}{dx}(f(w)) = -\frac{1}{f(w)^2} $$
"""
    found = [(line, status) for line, status, _ in findings(text)]
    assert found == [(2, "ok"), (4, "ok"), (6, "error"), (8, "ok"), (10, "unchecked")]


def test_a_derivative_by_a_name_defined_with_a_dot_product() -> None:
    r"""``z = w^\top x + b`` is a scalar where a link differentiates by z; a lone derivative
    claim is a claimed step once carried out (not an equation to solve)."""
    text = r"""
The sigmoid: $z = w^\top x + b$, $\hat{y} = \sigma(z)$.

$$ \frac{\partial \hat{y}}{\partial z} = \hat{y}(1 - \hat{y}) $$

$$ \frac{d\hat{y}}{dz} = \hat{y}(1 + \hat{y}) $$

$$ \mathbf{z} = \mathbf{W} \mathbf{x} + \mathbf{b}, \quad
\frac{\partial \sigma(\mathbf{z})}{\partial \mathbf{z}}
 = \sigma(\mathbf{z})(1 - \sigma(\mathbf{z})) $$
"""
    found = [(line, status) for line, status, _ in findings(text)]
    expected = [(2, "ok"), (2, "ok"), (4, "ok"), (6, "error"), (8, "ok"), (10, "unchecked")]
    assert found == expected  # a bold z defined by a matrix product stays a vector


def test_a_variance_given_gives_the_standard_deviation() -> None:
    r"""``\sigma^2 = 4`` gives σ = 2 for the block's claims (σ is positive by its meaning)."""
    text = r"""
With $\mu = 0, \sigma^2 = 4$ and $x = 2$:

$$ -\frac{1}{2}\log(2\pi\sigma^2) - \frac{(x-\mu)^2}{2\sigma^2} \approx -2.112 $$

$$ \frac{x - \mu}{\sigma} = 1, \quad \sigma_1^2 = 9, \quad \frac{1}{\sigma_1} = 0.5 $$
"""
    found = [(line, status) for line, status, _ in findings(text)]
    assert found == [*[(2, "ok")] * 3, (4, "ok"), (6, "ok"), (6, "ok"), (6, "error")]


def test_an_expectation_of_a_term_free_of_its_outcome() -> None:
    r"""``\mathbb{E}_{q(z)}[\log p(x)] = \log p(x)``: q's weights sum to 1; the terms of a body
    free of z come out of the expectation as they are."""
    text = r"""
$$ \log p(x) = \mathbb{E}_{q(z)}[\log p(x)] $$

$$ \mathbb{E}_{q(z)}[\log p(x) + \log q(z)] = \log p(x) + \mathbb{E}_{q(z)}[\log q(z)] $$

$$ \mathbb{E}_{z \sim q}[2 \log p(x)] = 2 \mathbb{E}_{z \sim q}[\log p(x)] = \log p(x) $$
"""
    assert [(line, status) for line, status, _ in findings(text)] == [
        (2, "ok"),
        (4, "ok"),
        (6, "ok"),
        (6, "error"),
    ]


def test_an_update_written_with_an_equals_sign_is_not_an_identity() -> None:
    """``t = t + 1`` and ``w = w - \\alpha v`` in a text about training are assignments: never
    an error; ``w = w_1 + w_2`` (w's components) is not an update."""
    text = r"""
A counter: $t = t + 1$. With momentum, $v = \beta v + (1 - \beta) g$ and then $w = w - \alpha v$.

$$ w_j = w_j - \eta g_j, \quad p = p_1 + p_2 $$
"""
    found = findings(text)
    assert [status for _, status, _ in found[:4]] == ["unchecked"] * 4
    assert {reason for _, _, reason in found[:4]} == {"equation"}
    assert found[4][2] != "equation"


def test_a_series_cut_at_an_order_term_is_not_an_identity_or_a_definition() -> None:
    r"""``\sigma(x) = \frac{1}{2} + \frac{x}{4} + O(x^3)`` neither defines σ nor is checked;
    the exact σ(0) = 0.5 after it is still right."""
    text = r"""
$$ \sigma(x) = \frac{1}{2} + \frac{x}{4} + O(x^3), \quad
\log(1 + x) = x - \frac{x^2}{2} + \mathcal{O}(x^3) $$

$$ \sigma(x) = \frac{1}{1 + e^{-x}}, \quad \sigma(0) = 0.5 $$
"""
    found = findings(text)
    assert found[:2] == [(2, "unchecked", "approximate"), (3, "unchecked", "approximate")]
    assert [status for _, status, _ in found[2:]] == ["ok", "ok"]


def test_a_log_likelihood_of_the_variance_differentiated_by_it() -> None:
    r"""``\ell(\sigma^2)`` defined, then ``\frac{\partial \ell}{\partial \sigma^2}``: ℓ at v = σ²
    (its definition has 1/σ², which is 1/v). In a text that also speaks of the sigmoid, σ² is
    still a variance, σ not the function."""
    text = r"""
The logistic sigmoid is used elsewhere; here a Gaussian:

$$ \ell(\sigma^2) = -\frac{N}{2}\log(2\pi\sigma^2)
 - \frac{1}{2\sigma^2}\sum_{n=1}^{N}(x_n - \mu)^2 $$

$$ \frac{\partial \ell}{\partial \sigma^2}
 = -\frac{N}{2\sigma^2} + \frac{1}{2\sigma^4}\sum_{n=1}^{N}(x_n - \mu)^2 $$
"""
    assert [(line, status) for line, status, _ in findings(text)] == [(4, "ok"), (8, "ok")]


def test_unicode_operators_inside_math_are_operators() -> None:
    """× and − (U+2212) typed inside math are not prose cutting the chain (two false alarms
    before); ≒, ≤ and Greek letters read as their commands."""
    text = """
$$ 0.5 × 0.8 = 0.4 $$

$$ H = −0.5 \\log_2 0.5 − 0.5 \\log_2 0.5 = 1 $$

$$ -\\log 0.5 ≒ 0.693, \\quad 2 ≤ 3, \\quad σ = 0.5, \\quad 2σ = 1 $$
"""
    assert [status for _, status, _ in findings(text)] == ["ok"] * 7


def test_a_number_from_a_bare_log_in_a_text_about_bits() -> None:
    r"""``2^{H(p)} = 2^{1.5}`` after ``H(p) = 0.5 \log 2 + 0.5 \log 4`` in a text about bits:
    the bare log is log₂ there (a false alarm before); a wrong power is still an error."""
    text = r"""
We measure in bits. For $p = (0.5, 0.25, 0.25)$: $H(p) = 0.5 \log 2 + 0.5 \log 4 = 1.5$ bits.

Perplexity: $2^{H(p)} = 2^{1.5} \approx 2.83$, not $2^{H(p)} = 2^{2.5}$.
"""
    found = [(line, status) for line, status, _ in findings(text)]
    assert found[-3:] == [(4, "ok"), (4, "ok"), (4, "error")]


def test_a_bold_parameter_written_by_its_components() -> None:
    r"""``y(x, \bm{w}) = w_0 + w_1 x`` is used in ``y(x_n, \bm{w})`` (the body writes w by its
    components); it says nothing about ``y(x, \bm{v})``."""
    text = r"""
$$ E(\bm{w}) = \frac{1}{2}\sum_{n=1}^{N}\{y(x_n, \bm{w}) - t_n\}^2,
\quad y(x, \bm{w}) = w_0 + w_1 x $$

$$ \frac{\partial E}{\partial w_0} = \sum_{n=1}^{N}(w_0 + w_1 x_n - t_n) $$

$$ \frac{\partial E}{\partial w_0} = \sum_{n=1}^{N}(w_0 - w_1 x_n - t_n) $$

$$ y(x, \bm{v}) = w_0 + w_1 x $$
"""
    found = [(line, status) for line, status, _ in findings(text)]
    assert found[:4] == [(2, "ok"), (3, "ok"), (5, "ok"), (7, "unchecked")]
    assert "agrees" not in audit_text(text, "md").findings[4].message


def test_a_side_that_simplifies_to_a_name_is_not_an_update() -> None:
    r"""``\frac{1}{2} x + \frac{1}{2} x = 2 x`` reads its left side as x, but x is not written
    there alone: a claim, still an error."""
    assert findings(r"$$ \frac{1}{2} x + \frac{1}{2} x = x = 2 x $$")[-1][1] == "error"


def test_intertext_between_rows_is_prose_and_a_row_break() -> None:
    r"""``\intertext{so, with $b = 3$,}`` inside ``align*``: not part of the next row."""
    text = r"""
\begin{align*}
a &= 2 \\
\intertext{so, with $b = 3$,}
a + 1 &= 3 \\
a + 2 &= 5
\end{align*}
"""
    assert findings(text, "tex") == [(3, "ok", ""), (5, "ok", ""), (6, "error", "")]


def test_a_second_column_of_an_align_is_a_new_chain() -> None:
    r"""``a &= 2 && b &= 3`` holds two equations; ``&& (\because …)`` a reason, not the side."""
    text = r"""
\begin{align}
a &= 2 && b &= 3 \\
a + b &= 5 && a b &= 7 \\
w &= \frac{t}{x} && (\because x \neq 0)
\end{align}
"""
    found = findings(text, "tex")
    assert found[:4] == [(3, "ok", ""), (3, "ok", ""), (4, "ok", ""), (4, "error", "")]
    assert found[4][2] != "unread"


def test_a_primed_known_function_is_its_derivative() -> None:
    r"""``\tanh'(x)`` and ``\mathrm{sigmoid}'(0)``: the derivative of the function the name
    means; ``\mathrm{ReLU}'(0)`` (no derivative there) stays unread."""
    text = r"""
$$ \tanh'(x) = 1 - \tanh^2(x), \quad \mathrm{sigmoid}'(0) = 0.25, \quad \tanh'(0) = 0 $$

$$ \mathrm{ReLU}'(0) = 0 $$
"""
    assert findings(text) == [
        (2, "ok", ""),
        (2, "ok", ""),
        (2, "error", ""),
        (4, "unchecked", "unread"),
    ]

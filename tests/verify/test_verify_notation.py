"""Notation seen in real ML writing, one small document of our own per class (issue 7).

Each document is read by ``verify`` and must give exactly these (line, status) findings;
the last column is a piece of text the file's messages must contain, where it matters.
"""

from __future__ import annotations

import pytest
from verify_docs import assert_findings

from derivetex.verify import audit_text

CASES = [
    (
        "indexed-definition",
        r"""
$$ a_n = \mathbf{w}^\top \mathbf{x}_n $$

$$ g_2 = \ln p_k $$
""",
        [(2, "ok"), (4, "ok")],
        "defines",
    ),
    (
        "sections",
        r"""
## Example 1

$$ L = 0.5 $$

## Example 2

$$ L = 0.7 $$

$$ E = -\log L = 0.356675 $$
""",
        [(4, "ok"), (8, "ok"), (10, "ok"), (10, "ok")],
        "0.356675",
    ),
    (
        "several-per-row",
        r"""
$$ K = 2, \quad y_1 = 0.5, \qquad y_2 = 0.5 $$

$$ P(y = 1 \mid \mathbf{x}) = \sigma(\mathbf{w}^\top \mathbf{x}) $$
""",
        [(2, "ok"), (2, "ok"), (2, "ok"), (4, "unchecked")],
        None,
    ),
    (
        "facts",
        r"""
Labels are one-hot: $\sum_{k=1}^{K} t_k = 1$.

$$
\begin{aligned}
\sum_{k=1}^{K} t_k (y_k - 1) &= \sum_{k=1}^{K} t_k y_k - \sum_{k=1}^{K} t_k \\
&= \sum_{k=1}^{K} t_k y_k - 1
\end{aligned}
$$
""",
        [(2, "ok"), (6, "ok"), (7, "ok")],
        None,
    ),
    (
        "fact-not-stated",
        r"""
$$
\begin{aligned}
\sum_{k=1}^{K} t_k (y_k - 1) &= \sum_{k=1}^{K} t_k y_k - \sum_{k=1}^{K} t_k \\
&= \sum_{k=1}^{K} t_k y_k - 1
\end{aligned}
$$
""",
        [(4, "ok"), (5, "unchecked")],
        "does not state",
    ),
    (
        "bits",
        r"""
We measure information in bits: $I(x) = -\log_2 p(x)$.

$$ -\log \frac{1}{8} = 3 $$
""",
        [(2, "ok"), (4, "ok")],
        "bits",
    ),
    (
        "rounded-constant",
        r"""
$$ \ln 0.25 = -1.386 $$

$$ 0.5 \cdot (-1.386) = -0.693 $$

$$ e^1 + e^3 + e^0 = 2.718 + 20.086 + 1.000 = 23.804 $$
""",
        [(2, "ok"), (4, "ok"), (6, "ok"), (6, "ok")],
        "precision shown",
    ),
    (
        "multi-letter-names",
        r"""
$$ \text{NLL} = -\log 0.8 = 0.223144 $$

$$ \mathrm{CE} = -\log 0.5 \approx 0.693 $$

$$ BCE = 2 $$
""",
        [(2, "ok"), (2, "ok"), (4, "ok"), (4, "ok"), (6, "ok")],
        "BCE = 2",
    ),
    (
        "peel-a-term",
        r"""
$$ \sum_{k=1}^{K+1} y_{k} = y_{K+1} + \sum_{k=1}^{K} y_{k} $$
""",
        [(2, "ok")],
        None,
    ),
    (
        "no-wrong-ok",
        r"""
## Setup

$$ a = 2 $$

## Elsewhere

$$ a + a = 4 $$
""",
        [(4, "ok"), (8, "unchecked")],
        None,
    ),
    (
        "named-functions",
        r"""
The logistic function $\sigma(z) = \frac{1}{1 + e^{-z}}$ is used below.

$$ \sigma(0) = 0.5 $$

$$ \mathrm{softmax}(z)_k = \frac{\exp(z_k)}{\sum_{j=1}^{K} \exp(z_j)} $$

$$ \tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} $$

$$ \log_{10} 1000 = 3 $$
""",
        [(2, "ok"), (4, "ok"), (6, "ok"), (8, "ok"), (10, "ok")],
        None,
    ),
    (
        "opaque-terms",
        r"""
$$
\begin{aligned}
\log p(x \mid \theta) + \log p(x \mid \theta) &= 2 \log p(x \mid \theta) \\
&= \log p(x \mid \theta)^2
\end{aligned}
$$

$$ D_{KL}(p \| q) = H(p, q) - H(p) $$
""",
        [(4, "ok"), (5, "ok"), (9, "ok")],
        None,
    ),
    (
        "derivatives",
        r"""
Softmax and cross-entropy: $y_k = \frac{\exp(a_k)}{\sum_{j=1}^{K} \exp(a_j)}$,
$E = -\sum_{k=1}^{K} t_k \log y_k$, and the labels sum to one, $\sum_{k=1}^{K} t_k = 1$.

$$ \frac{\partial E}{\partial a_k} = y_k - t_k $$

The sigmoid $\sigma(z) = \frac{1}{1 + e^{-z}}$:

$$ \frac{d}{dz} \sigma(z) = \sigma(z)(1 - \sigma(z)) $$

$$ (\ln x)' = \frac{1}{x} $$

$$ \frac{d}{dx} x^3 = 2x^2 $$
""",
        [
            (2, "ok"),
            (3, "ok"),
            (3, "ok"),
            (5, "ok"),
            (7, "ok"),
            (9, "ok"),
            (11, "ok"),
            (13, "error"),
        ],
        "3 x^{2}",
    ),
    (
        "scripts-and-brackets",
        r"""
$$ \sum_k t_k \log y_k = \sum_{k} \log y_k^{t_k} $$

$$ [a + b]^2 = a^2 + 2ab + b^2 $$

$$ \boxed{x^2 - 1} = (x - 1)(x + 1) $$

$$ Q \coloneqq 3 $$
""",
        [(2, "ok"), (4, "ok"), (6, "ok"), (8, "ok")],
        None,
    ),
    (
        "hugo-and-continuation",
        r"""
{{< katex display >}}
L = (a + b)^2
{{< /katex >}}

$$
= a^2 + 2ab + b^2
$$

$$
= a^2 + b^2
$$
""",
        [(3, "ok"), (7, "ok"), (11, "error")],
        "term dropped",
    ),
    (
        "admonition",
        r"""
!!! note "Check"
    $$ 2 + 2 = 4 $$

    $$ 2 + 3 = 4 $$
""",
        [(3, "ok"), (5, "error")],
        None,
    ),
    (
        "japanese-in-math",
        r"""
$$ E = -\log 0.5 = 0.693147 \quad \text{（自然対数）} $$
""",
        [(2, "ok"), (2, "ok")],
        None,
    ),
    (
        "vector-claims",
        r"""
$$ y = [0, 1, 0] $$

$$ p = \boxed{0.090}\boxed{0.245}\boxed{0.665} $$

$$ \frac{\partial L}{\partial o} = p - y $$

$$ \frac{\partial L}{\partial o} = \boxed{0.090}\boxed{-0.755}\boxed{0.665} $$

$$ \frac{\partial L}{\partial o} = [0.09, -0.775, 0.665] $$
""",
        [(2, "ok"), (4, "ok"), (6, "unchecked"), (8, "ok"), (10, "error")],
        "component 2 is -0.755, not -0.775",
    ),
    (
        "cases-of-indices",
        r"""
For the other classes the numerator does not depend on the variable:

$$ S = \sum_{i=1}^{3} e^{a_i} $$

$$ \frac{\partial}{\partial a_j} \frac{e^{a_k}}{S}
   = e^{a_k} \frac{\partial}{\partial a_j} \frac{1}{S} $$
""",
        [(4, "ok"), (7, "unchecked")],
        "holds when $j \\neq k$",
    ),
    (
        "sloppy-writing",
        r"""
$$ L = -y_klog(p_k) $$

$$ \dfrac{\partial}{x}(x^2) = 2x $$

$$ \dfrac{\partial}{x}(x^2) = 3x $$

$$ D(p||q) = D(p \| q) $$
""",
        [(2, "ok"), (4, "ok"), (6, "error"), (8, "ok")],
        None,
    ),
    (
        "ellipsis-up-to-a-letter",
        r"""
$$ \log \prod_{i=1}^{n} x_i = \log x_1 + \log x_2 + \cdots + \log x_n $$

$$ S = \sum_{i=1}^{n} x_i^2 = x_1 + \ldots + x_n $$
""",
        [(2, "ok"), (4, "ok"), (4, "error")],
        "holds for n = 1..6",
    ),
    (
        "log-density-defines-the-density",
        r"""
$$ \log p(x \mid \mu, \sigma) = -\frac{1}{2}\log(2\pi\sigma^2) - \frac{(x-\mu)^2}{2\sigma^2} $$

$$ \frac{\partial \log p(x \mid \mu, \sigma)}{\partial x} = -\frac{x-\mu}{\sigma^2} $$

$$ \frac{\partial \log p(x \mid \mu, \sigma)}{\partial \mu} = -\frac{x-\mu}{\sigma^2} $$
""",
        [(2, "ok"), (4, "ok"), (6, "error")],
        "sign flipped",
    ),
    (
        "a-new-value-by-approximation",
        r"""
For four equal classes $H = \log 4 \approx 1.386$; for $(0.4, 0.3, 0.2, 0.1)$, $H \approx 1.28$.

$$ \log_{3}{3^2} = 2, \quad log_{3}{3^4} = 4 $$
""",
        [(2, "ok"), (2, "ok"), (2, "ok"), (4, "ok"), (4, "ok")],
        None,
    ),
    (
        "derivative-at-a-point-and-layer-names",
        r"""
The sigmoid function and its derivative at 0:

$$ \sigma'(0) = \sigma(0)(1 - \sigma(0)) = 0.25 $$

$$ \sigma'(0) = 0.24 $$

$$ z^{(1)} = 1(0.5) + (-1)(0.7311) + 0 = -0.2311 $$
""",
        [(4, "ok"), (4, "ok"), (6, "error"), (8, "ok"), (8, "ok")],
        "claims 0.24, but derivetex computes 0.250000",
    ),
    (
        "expectation-is-linear",
        r"""
$$ D(p \| q) = \mathbb{E}_{x \sim p}\left[\log \frac{p(x)}{q(x)}\right] $$

$$ D(p \| q) = \mathbb{E}_{x \sim p}[\log p(x)] - \mathbb{E}_{x \sim p}[\log q(x)] $$

$$ = \mathbb{E}_{x \sim p}\left[\log \frac{q(x)}{p(x)}\right] $$
""",
        [(2, "ok"), (4, "ok"), (6, "error")],
        "agrees with the definition",
    ),
    (
        "integrals-are-opaque-and-linear",
        r"""
$$
\begin{aligned}
D &= \int p(x) \log \frac{p(x)}{q(x)} \, dx \\
  &= \int p(x) \log p(x) \, dx - \int p(x) \log q(x) \, dx
\end{aligned}
$$

$$
\begin{aligned}
H &= -\int_{-\infty}^{\infty} p(x) \log p(x) \, \mathrm{d}x \\
  &= \int_{-\infty}^{\infty} p(x) \log p(x) \, \mathrm{d}x
\end{aligned}
$$
""",
        [(4, "ok"), (5, "ok"), (11, "ok"), (12, "error")],
        "sign flipped",
    ),
    (
        "softmax-by-name",
        r"""
The softmax function turns scores into probabilities.

$$ \frac{\partial}{\partial z_i} \log \sigma_c(z) = \delta_{ic} - \sigma_i(z) $$

$$ \frac{\partial \sigma_c(z)}{\partial z_i} = \sigma_c(z)(\delta_{ic} - \mathrm{softmax}(z)_i) $$

$$ \frac{\partial \sigma_c(z)}{\partial z_i} = \sigma_c(z)(1 - \sigma_i(z)) $$
""",
        [(4, "ok"), (6, "ok"), (8, "error")],
        "the number of classes = 1..6",
    ),
    (
        "vectors-read-elementwise",
        r"""
$$ \frac{\partial L}{\partial \mathbf{x}} = \mathbf{p} - \mathbf{y} = -(\mathbf{y} - \mathbf{p}) $$

$$ \sigma(\mathbf{u})(1 - \sigma(\mathbf{u})) = \sigma(\mathbf{u}) - \sigma(\mathbf{u})^2 $$

$$ \mathbf{x} \mathbf{w} = \mathbf{w} \mathbf{x} $$

$$ \left[\frac{2.718}{23.804}, \frac{1.000}{23.804}\right] = [0.114, 0.043] $$
""",
        [(2, "unchecked"), (2, "ok"), (4, "ok"), (6, "ok"), (8, "error")],
        "component 2 is 0.042, not 0.043",
    ),
    (
        "a-term-singled-out-inside-html",
        r"""
<div class="long-math">
$$
\begin{aligned}
S &= p_iy_1 + p_iy_2 + \dots + (p_i - y_i) + \dots + p_i y_n \\
  &= p_iy_1 + p_iy_2 + \dots + p_i + \dots + p_i y_n - y_i \\
  &= p_i (y_1 + y_2 + \dots + y_n) - y_i
\end{aligned}
$$
</div>
""",
        [(5, "ok"), (6, "ok"), (7, "error")],
        "the left-hand side is",
    ),
    (
        "gaussian-in-the-variance",
        r"""
$$ \log p(x \mid \mu, \sigma^2) = -\frac{1}{2}\log(2\pi\sigma^2) - \frac{(x-\mu)^2}{2\sigma^2} $$

$$ \frac{\partial}{\partial \sigma^2} \log p(x \mid \mu, \sigma^2)
   = -\frac{1}{2\sigma^2} + \frac{(x-\mu)^2}{2\sigma^4} $$

$$ \frac{\partial}{\partial \sigma^2} \log p(x \mid \mu, \sigma^2)
   = -\frac{1}{\sigma^2} + \frac{(x-\mu)^2}{2\sigma^4} $$
""",
        [(2, "ok"), (5, "ok"), (8, "error")],
        "defines p(x \\mid \\mu, \\sigma^{2})",
    ),
    (
        "matrix",
        r"""
$$ \mathbf{X}^\top (\hat{\mathbf{y}} - \mathbf{y}) = \sum_{n} (\hat{y}_n - y_n) \mathbf{x}_n $$

$$ A = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix} $$
""",
        [(2, "unchecked"), (4, "ok")],  # a matrix given by its entries defines A
        None,
    ),
    (
        "table-numbers",
        r"""
| expression | value |
|---|---|
| $-\log 0.9$ | $0.105$ |
| $-\log 0.1 = 2.303$ | ok |
| $-\log 0.5 = 0.5$ | wrong |
""",
        [(4, "ok"), (5, "ok"), (6, "error")],
        "0.693147",
    ),
    (
        "chain-rule-leibniz",
        r"""
$$ \frac{\partial L}{\partial x_i} = \sum_{j=1}^{n} \frac{\partial L}{\partial p_j}
\frac{\partial p_j}{\partial x_i} $$

$$ \frac{d}{dg} \ln u = \frac{1}{u} \cdot \frac{du}{dg} $$

$$ \frac{dE}{dw} = \frac{dE}{dy} \cdot \frac{dw}{dy} $$

$$ \frac{d}{dg} \ln u = u \cdot \frac{du}{dg} $$
""",
        [(2, "ok"), (5, "ok"), (7, "unchecked"), (9, "unchecked")],
        "holds by the chain rule, reading L of p_{j}; p_{j} of x_{i}",
    ),
    (
        "definition-from-an-earlier-section",
        r"""
## The loss

$$ J = (w x - y)^2 $$

## Its gradient

$$ \frac{dJ}{dw} = 2 x (w x - y) $$

$$ \frac{dJ}{dw} = x (w x - y) $$
""",
        [(4, "ok"), (8, "ok"), (10, "unchecked")],
        "(a definition from an earlier section)",
    ),
    (
        "values-of-events",
        r"""
- $P(X=0) = 0.4 + 0.1 = 0.5$, $P(X=1) = 0.5$

$$ H(X) = -P(X=0)\log_2 P(X=0) - P(X=1)\log_2 P(X=1) = 1 $$

$$ -P(X=0)\log_2 P(X=0) = 0.7 $$
""",
        [(2, "ok"), (2, "ok"), (2, "ok"), (4, "ok"), (4, "ok"), (6, "error")],
        "P(X = 0) = 0.5",
    ),
    (
        "reader-odds-and-ends",
        r"""
$$ \left(\frac{1}{1+e^{-x}}\right)' = -\frac{1}{(1+e^{-x})^2} \cdot -e^{-x} $$

$$ p^m(x \mid \lambda) = \frac{\lambda^x}{x!}\exp(-\lambda) $$

$$ \log p^m(x \mid \lambda) = x \log \lambda - \log x! - \lambda $$

$$ \frac{\partial}{\partial \theta{_k}} \theta_k^2 = 2 \theta{_k} $$

$$ 0.25 + 0.5 = 0.75 \checkmark $$

$$ \sum_{n,k} \mathbb{1}[y_n = k] t_{nk} = \sum_{n} \sum_{k} t_{nk} \mathbb{1}[y_n = k] $$

$$ \left(\frac{1}{1+e^{-x}}\right)' = \frac{1}{(1+e^{-x})^2} \cdot -e^{-x} $$
""",
        [(2, "ok"), (4, "ok"), (6, "ok"), (8, "ok"), (10, "ok"), (12, "ok"), (14, "error")],
        "with p^{m}(x \\mid \\lambda) as defined on line 4",
    ),
    (
        "optima",
        r"""
$$ \ell(\theta) = \sum_{i=1}^{n} \log p(x_i \mid \theta) $$

$$ \hat{\theta}_{\text{MLE}} = \arg\max_\theta \ell(\theta)
= \mathop{\rm argmax}\limits_\theta \frac{1}{n}\sum_{i=1}^n \log p(x_i \mid \theta)
= \operatorname*{arg\,min}_\theta -\ell(\theta)
= \underset{\theta}{\arg\max} \prod_{i=1}^n p(x_i \mid \theta) $$

$$ \arg\max_\theta \ell(\theta) = \arg\min_\theta \ell(\theta) $$
""",
        [(2, "ok"), (4, "ok"), (5, "ok"), (6, "ok"), (7, "ok"), (9, "unchecked")],
        "one objective is the logarithm of the other (with a sign)",
    ),
    (
        "vector-components-applied",
        r"""
Given: $P = [0.7, 0.2, 0.1]$, $Q = [0.5, 0.3, 0.2]$

$$H(P, Q) = -\sum_i P(i) \log_2 Q(i)$$
$$= -0.7\log_2(0.5) - 0.2\log_2(0.3) - 0.1\log_2(0.2)$$

$$ -\sum_i P_i \log_2 Q_i = 1.280 $$

$$ -\sum_i P_i \log_2 Q_i = 1.4 $$
""",
        [(2, "ok"), (2, "ok"), (4, "ok"), (5, "ok"), (7, "ok"), (9, "error")],
        "the claim 1.280 is right to 3 decimals",
    ),
    (
        "information-theory",
        r"""
The cross-entropy is the entropy plus the KL divergence:

$$ H(p, q) = H(p) + D_{\mathrm{KL}}(p \| q) $$

$$ D_{\mathrm{KL}}(p \| q) = \mathbb{E}_{x \sim p}[\log p(x)] - \mathbb{E}_{x \sim p}[\log q(x)]
= H(p) + H(p, q) $$

$$ E_p[-\log_2 p(x)] = -\sum_{x \in \mathcal{X}} p(x)\log_2 p(x) $$

$$ \mathbb{E}_{x \sim p}[f(x)] = \int p(x) f(x) \, dx $$

$$ H(X, Y) = H(X) + H(Y \mid X) $$
""",
        [(4, "ok"), (6, "ok"), (7, "error"), (9, "ok"), (11, "unchecked"), (13, "ok")],
        "agrees with what H(p, q) means (its usual definition)",
    ),
    (
        "functions-written-bare",
        r"""
$$ J(z) = z^2 + 3 z $$

$$ \frac{\partial J}{\partial z} = 2 z + 3 $$

$$ \frac{\partial J}{\partial z} = 2 z $$

$$ -\frac{d}{dx} \log g(x) \frac{dg}{dx} = -\frac{1}{g(x)} \frac{dg}{dx} $$

$$ H(Y) = H $$
""",
        [(2, "ok"), (4, "ok"), (6, "error"), (8, "error"), (10, "unchecked")],
        "(reading $J$ as $J(z)$)",
    ),
    (
        "inequalities-between-expressions",
        r"""
$$ \log(x) \le x - 1 $$

$$ x \ge 0 $$

$$ \log(x) \ge x - 1 $$

$$ \frac{1}{1+e^{-z}} < 1 $$

$$ 0.5 > 0.7 $$
""",
        [(2, "ok"), (4, "unchecked"), (6, "unchecked"), (8, "ok"), (10, "error")],
        "numbers, not a proof",
    ),
    (
        "display-right-after-text",
        "\nWe recall:  \n"  # a line break of two spaces, then $$ with no blank line
        + r"""$$
\begin{align*}
\ln(1) &= 0
\end{align*}
$$
For example, $\ln(0.5)$:
$$
\begin{align*}
\ln(0.5) &= -0.693
\end{align*}
$$
so with $\sigma(z_i) = P_i$ the sigmoid $P_i = \frac{1}{1 + e^{-z_i}}$.
""",
        [(5, "ok"), (11, "ok"), (14, "ok"), (14, "ok")],
        "names \\sigma(z_{i}) P_{i}",
    ),
    (
        "subsections-inherit",
        r"""
## The loss

$$ J = (w x - y)^2 $$

### Its gradient

$$ \frac{dJ}{dw} = x (w x - y) $$

## A matrix version

$$ q = \mathbf{x}^\top \Sigma^{-1} \mathbf{x} $$

### Its derivative

$$ \frac{dq}{d\Sigma} = -\Sigma^{-2} \mathbf{x}^2 $$
""",
        [(4, "ok"), (8, "error"), (12, "ok"), (16, "unchecked")],
        "the two sides differ",
    ),
    (
        "norms",
        r"""
$$ R = \|\vec{w}\|^2 $$

$$ \frac{\partial}{\partial a} a \lVert \mathbf{w} \rVert_2^2 = \lVert \mathbf{w} \rVert_2^2 $$

$$ \frac{\partial}{\partial a} a^2 \|\vec{w}\| = a \|\vec{w}\| $$
""",
        [(2, "ok"), (4, "ok"), (6, "error")],
        "defines R",
    ),
    (
        "summand-continues",
        r"""
$$ \log \prod_{i=1}^n p_i^{y_i} (1 - p_i)^{1 - y_i}
= \sum_{i=1}^n y_i \log p_i + (1 - y_i) \log (1 - p_i) $$

$$ \sum_{i=1}^n y_i \log p_i + \lambda \left(\sum_{i=1}^n p_i - 1\right)
= \sum_{i=1}^n (y_i \log p_i + \lambda p_i) - \lambda $$

$$ \ell = \log \prod_{i=1}^n p_i^{y_i} (1 - p_i)^{1 - y_i}
= \sum_{i=1}^n y_i \log p_i + y_i \log (1 - p_i) $$
""",
        [(3, "ok"), (6, "ok"), (8, "ok"), (9, "error")],
        "holds for n = 1..6",
    ),
    (
        "gradient-nabla",
        r"""
The sigmoid $\sigma$ and the log-likelihood:

$$ \ell = \sum_{i=1}^n \left[y_i \theta x_i - \log(1 + e^{\theta x_i})\right] $$

$$ \nabla_\theta \ell = \sum_{i=1}^n (y_i - \sigma(\theta x_i)) x_i $$

$$ \nabla_\theta \ell = \sum_{i=1}^n (y_i - \sigma(\theta x_i)) $$
""",
        [(4, "ok"), (6, "ok"), (8, "error")],
        "holds for n = 1..6",
    ),
]


@pytest.mark.parametrize(
    ("name", "document", "expected", "needle"), CASES, ids=[c[0] for c in CASES]
)
def test_notation(
    name: str, document: str, expected: list[tuple[int, str]], needle: str | None
) -> None:
    assert_findings(name, document, expected, needle)


def test_unchecked_findings_carry_a_stable_reason() -> None:
    from derivetex.verify.codes import REASONS

    for _, document, _, _ in CASES:
        for finding in audit_text(document, "md").findings:
            if finding.status == "unchecked":
                assert finding.reason in REASONS, finding

"""A partial derivative holds the other variables fixed (decide/held_fixed.py, R405): a name
the section differentiates by, later solved for (θ_j = n_j / λ), is not put into ∂/∂λ. Three
documents of our own; in the README the reading must not apply."""

from __future__ import annotations

from derivetex.verify import audit_text

QIITA_POST = r"""# カテゴリ分布の最尤推定（ラグランジュの未定乗数法）

制約 $\sum_{k=1}^{K} \theta_{k} = 1$ のもとで対数尤度を最大化します。

$$
J = \lambda (1 - \sum_{k=1}^{K} \theta_{k}) + \sum_{k=1}^{K} n_{k} \log \theta_{k}
$$

$\theta_j$ で微分すると

$$
\frac{\partial J}{\partial \theta_{j}} = \frac{n_{j}}{\theta_{j}} - \lambda
$$

これを 0 とおいて $\theta_{j} = \frac{n_{j}}{\lambda}$ を得ます。
$\lambda$ で微分すると制約に戻ります。

$$
\begin{aligned}
\frac{\partial J}{\partial \lambda}
&= (1 - \sum_{k=1}^{K} \theta_{k}) \frac{\partial \lambda}{\partial \lambda}
  + \frac{\partial}{\partial \lambda} \sum_{k=1}^{K} n_{k} \log \theta_{k} \\
&= 1 - \sum_{k=1}^{K} \theta_{k}
\end{aligned}
$$
"""

HOMEWORK = r"""\documentclass{article}
\begin{document}
\section*{Problem 3: a Bernoulli rate under a constraint}
\begin{align}
J &= \mu (1 - p - q) + a \log p + b \log q
\end{align}
\begin{align}
\frac{\partial J}{\partial p} &= \frac{a}{p} - \mu
\end{align}
so $p = \frac{a}{\mu}$, and by symmetry
\begin{align}
\frac{\partial J}{\partial q} &= \frac{b}{q} - \mu
\end{align}
with $q = \frac{b}{\mu}$. Finally
\begin{align}
\frac{\partial J}{\partial \mu} &= (1 - p - q) \frac{\partial \mu}{\partial \mu}
  + \frac{\partial}{\partial \mu} (a \log p + b \log q) \\
&= (1 - p - q) + 0 \\
&= 1 - p - q
\end{align}
\end{document}
"""

README = r"""# Gradient of the squared error

With $\hat{y} = w x$ the loss is $L = (y - \hat{y})^2$, and

$$ \frac{\partial L}{\partial \hat{y}} = -2 (y - \hat{y}) $$

By the chain rule (the factor x is dropped below, a real slip):

$$ \frac{\partial L}{\partial w} = -2 (y - \hat{y}) $$
"""


def statuses(text: str, kind: str) -> list[tuple[int, str, bool]]:
    return [(f.line, f.status, "R405" in f.readings) for f in audit_text(text, kind).findings]


def test_a_lagrange_post_holds_theta_fixed_in_the_derivative_by_lambda():
    found = statuses(QIITA_POST, "md")
    assert all(status == "ok" for _, status, _ in found), found
    assert any(held for _, _, held in found)


def test_a_homework_with_two_solved_variables_holds_both_fixed():
    found = statuses(HOMEWORK, "tex")
    assert all(status == "ok" for _, status, _ in found), found
    notes = [f.message for f in audit_text(HOMEWORK, "tex").findings if "R405" in f.readings]
    assert notes and all("fixed in the partial derivative" in note for note in notes)


def test_a_chain_rule_slip_stays_an_error_though_the_section_differentiates_by_y_hat():
    # \hat{y} = w x is differentiated by, but holding it fixed makes dL/dw zero, not -2(y - ŷ)
    found = statuses(README, "md")
    assert [(status, held) for _, status, held in found if status != "ok"] == [("error", False)]


def test_turned_off_the_lagrange_post_is_accused_again():
    report = audit_text(QIITA_POST, "md", disabled=frozenset({"R405"}))
    assert report.summary()["error"] >= 1

"""`verify --explain` where no sequence of up to 3 rules gives an ok link: the rows the fill
finds between its sides, each with its justification, ready to paste. Three documents of our
own in different forms; in the last the suggestion must not appear."""

from __future__ import annotations

from derivetex.verify import audit_text

POST = r"""# ベルヌーイ分布のスコア

1 回の試行の対数尤度を $p$ で微分すると

$$
\frac{\partial}{\partial p} (x \log p + (1 - x) \log (1 - p)) = \frac{x}{p} - \frac{1 - x}{1 - p}
$$
"""

HOMEWORK = r"""\documentclass{article}
\begin{document}
Problem 2. The squared error of one sample, differentiated by the weight:
\[
  \frac{d}{d w} (w a - b)^{2} = 2 a (w a - b)
\]
\end{document}
"""

SHORT = r"""The log of a product, in a README:

$$
\log (a b) = \log a + \log b
$$
"""


def test_a_post_gets_the_missing_rows():
    (finding,) = audit_text(POST, "md", explain="ja").findings
    assert finding.status == "ok"
    assert {"chain_rule", "d_log", "d_constant"} <= set(finding.rules)
    assert finding.justification is not None
    assert finding.justification.count("&=") == len(finding.rules) >= 4
    assert "連鎖律" in finding.justification


def test_homework_in_latex_gets_the_rows_of_its_chain_rule():
    (finding,) = audit_text(HOMEWORK, "tex", explain="en").findings
    assert finding.status == "ok"
    assert finding.rules[0] == "chain_rule" and "power_rule" in finding.rules
    assert finding.justification is not None and "&= 2 (a w - b)" in finding.justification


def test_a_link_one_rule_gives_keeps_its_one_row():
    (finding,) = audit_text(SHORT, "md", explain="en").findings
    assert finding.rules == ("log_product",)
    assert finding.justification is not None and "&=" not in finding.justification

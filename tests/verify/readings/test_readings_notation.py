"""The ``notation`` family: a link that fails as first read, tried with the other readings
of its notation. Besides the record's own example, the class in three kinds of writing:
a Qiita-style post, a LaTeX homework and a README, and where it must not apply."""

from __future__ import annotations

from registry_cases import check_record, parametrized

from derivetex.verify import audit_text
from derivetex.verify.readings import ReadingRecord


@parametrized("notation")
def test_reading(record: ReadingRecord) -> None:
    check_record(record)


def _verdicts(text: str, kind: str = "md") -> dict[int, tuple[str, str]]:
    """Line -> (status, message) of the last finding on each line."""
    return {f.line: (f.status, f.message) for f in audit_text(text, kind).findings}


QIITA_POST = """\
## 独立な事象の情報量

$P(A)$ と $P(B)$ が独立なとき、

$$ I = -\\log P(A) \\cdot P(B) = -\\log P(A) - \\log P(B) $$

が成り立ちます。
"""


def test_a_post_with_an_unparenthesised_log_of_a_product_is_ok_with_a_note() -> None:
    status, message = _verdicts(QIITA_POST)[5]
    assert status == "ok"
    assert "read as `\\log (P(A) \\cdot P(B))`" in message and "parentheses would say so" in message


HOMEWORK = r"""\documentclass{article}
\begin{document}
For the softmax output $y_k(\phi_n)$ of sample $n$, write $y_{nk}$ for short:
\begin{equation}
G = y_k(\phi_n)(\delta_{kj} - y_j(\phi_n))\phi_n = y_{nk}(\delta_{kj} - y_{nj})\phi_n
\end{equation}
\end{document}
"""


def test_a_homework_naming_an_application_is_never_an_error() -> None:
    """``y_k(\\phi_n)`` as a product makes the shorthand wrong; as an application the right
    side names it, which cannot be judged: unchecked, saying which reading could not."""
    status, message = _verdicts(HOMEWORK, "tex")[5]
    assert status == "unchecked"
    assert "applied to the bracket" in message and "R510" in message


README_SLIP = """\
# Linear model

The prediction is linear in the weight:

$$ u = w(x + 1) = wx + 2w $$
"""

README_RIGHT = README_SLIP.replace("wx + 2w", "wx + w")


def test_a_readme_that_uses_the_name_as_a_factor_keeps_its_error() -> None:
    """``w`` is a factor on the right, so ``w(x + 1)`` is not read as an application: the
    slip is an error as before, and the right version ok without any note."""
    status, message = _verdicts(README_SLIP)[5]
    assert status == "error" and "R510" not in message
    status, message = _verdicts(README_RIGHT)[5]
    assert status == "ok" and "reader" not in message


def test_explicit_parentheses_have_one_reading() -> None:
    """The writer's parentheses say which: the log of P(A) alone times P(B) is wrong."""
    written = QIITA_POST.replace("-\\log P(A) \\cdot P(B) =", "-\\log (P(A)) \\cdot P(B) =")
    status, _ = _verdicts(written)[5]
    assert status == "error"


def test_disabled_the_first_reading_stands() -> None:
    report = audit_text(QIITA_POST, "md", disabled=frozenset({"R601"}))
    assert [f.status for f in report.findings if f.line == 5][-1] == "error"


def test_a_word_spelled_by_the_links_own_factors_is_not_applied() -> None:
    """``xy(1 - y)`` next to ``xy^2``: the letters are factors, the slip stays an error."""
    text = "$$ r = xy(1 - y) = xy - 2xy^2 $$\n"
    assert [f.status for f in audit_text(text, "md").findings][-1] == "error"

r"""``f''(x)`` and ``\ell''(p)`` are second derivatives of a function the section defines, as
``f'(x)`` is the first: the curvature of a log-likelihood, the check of a maximum. Three
documents of our own (a Qiita post, a LaTeX homework with a slip, a README) and one use that
must not be read so: primes on a name that is not applied (``w''``, an updated weight).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.verify import audit_text


def statuses(text: str, kind: str = "md") -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, kind).findings]


QIITA = r"""## 凸性の確認

$$ f(x) = x^3 - 3x $$

$$ f''(x) = 6x $$

$$ f''(2) = 12 $$
"""


def test_second_derivatives_of_a_defined_function() -> None:
    assert statuses(QIITA) == [(3, "ok"), (5, "ok"), (7, "ok")]


HOMEWORK = r"""\documentclass{article}
\begin{document}
\[ \ell(p) = k \log p + (n - k) \log (1 - p) \]
\[ \ell'(p) = \frac{k}{p} - \frac{n - k}{1 - p} \]
\[ \ell''(p) = -\frac{k}{p^2} + \frac{n - k}{(1 - p)^2} \]
\end{document}
"""


def test_a_sign_slip_in_the_curvature_is_found() -> None:
    findings = audit_text(HOMEWORK, "tex").findings
    assert [(f.line, f.status) for f in findings] == [(3, "ok"), (4, "ok"), (5, "error")]
    assert "sign" in findings[-1].message


README = r"""Two updates of the weight:

$$ w' = w - 0.1 $$

$$ w'' = w' - 0.1 $$
"""


def test_primes_on_a_name_not_applied_are_names() -> None:
    findings = audit_text(README, "md").findings
    assert all("derivative" not in f.message for f in findings)
    assert [f.status for f in findings] == ["ok", "ok"]


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 6), st.integers(1, 4))
def test_the_second_derivative_of_a_power(power: int, at: int) -> None:
    """f = x^n gives f''(a) = n (n - 1) a^(n-2), and that plus one is refused."""
    right = power * (power - 1) * at ** (power - 2)
    text = (f"$$ f(x) = x^{{{power}}} $$\n\n$$ f''({at}) = {right} $$\n\n"
            f"$$ f''({at}) = {right + 1} $$\n")
    assert [f.status for f in audit_text(text, "md").findings] == ["ok", "ok", "error"]

r"""``z_1 = z_2 = 0`` at step 1 writes z_1 equal to z_2 and both 0 (R106); a later step's
``z_1 = 0.75`` gives z_1 a new value, as ``\mu = 1.5`` after ``\mu = 0`` does, instead of
being judged against z_2's old value. Three documents of our own (a Qiita post doing gradient
steps by hand, a LaTeX homework, a README where the value is stated in the same block and so
stays a claim).
"""

from __future__ import annotations

from derivetex.verify import audit_text


def statuses(text: str, kind: str = "md") -> list[tuple[int, str]]:
    return [(f.line, f.status) for f in audit_text(text, kind).findings]


QIITA = r"""# 手計算の勾配降下

**Step 1.** $z_1 = z_2 = 0$ なので $p_1 = p_2 = 0.5$。

**Step 2.** 更新後は $z_1 = 0.75$、$z_2 = -0.375$ で、$z_1 + z_2 = 0.375$。
"""


def test_a_later_step_gives_the_aliased_name_a_new_value() -> None:
    found = audit_text(QIITA, "md").findings
    assert all(f.status == "ok" for f in found), [(f.line, f.message) for f in found]
    assert any("it was" in f.message for f in found if f.line == 5)


HOMEWORK = r"""\documentclass{article}
\begin{document}
At the start $w_1 = w_2 = 1$.

After one step $w_1 = 0.5$, and then $w_1 + w_2 = 2$.
\end{document}
"""


def test_a_wrong_sum_after_the_new_value_is_still_an_error() -> None:
    """w_1 = 0.5 is new; w_2 is still 1 from the start, so w_1 + w_2 is 1.5, not 2."""
    assert statuses(HOMEWORK, "tex")[-1] == (5, "error")


README = r"""Both start at zero: $z_1 = z_2 = 0$, so $z_1 = 1$ is wrong.
"""


def test_a_value_in_the_same_block_is_a_claim() -> None:
    last = audit_text(README, "md").findings[-1]
    assert last.status == "error" and "it was" not in last.message

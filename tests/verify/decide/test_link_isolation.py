"""One link never ends the audit of its file: a failure in its reading or check makes that link
``unchecked`` (``internal``) and every other link still gets its verdict."""

from __future__ import annotations

import random

import pytest

from derivetex.verify import audit, audit_text
from derivetex.verify.links.rows import Link

TEXT = r"""
# Steps

$$ L = (y - t)^2 $$

$$ \frac{\partial L}{\partial y} = 2(y - t) $$

$$ \alpha = \alpha^2 $$

$$ (a + b)^2 = a^2 + 2ab + b^2 = a^2 + b^2 $$

$$ -\ln 0.5 = 0.693 $$
"""


def verdicts(text: str) -> list[tuple[int, str, str | None]]:
    return [(f.line, f.status, f.reason) for f in audit_text(text, "md").findings]


def test_a_failing_check_makes_only_its_link_internal(monkeypatch: pytest.MonkeyPatch) -> None:
    honest = verdicts(TEXT)
    real = audit.check

    def failing(link: Link, *args: object, **kwargs: object) -> object:
        if "alpha" in link.text or "2ab + b^2 = a^2" in link.text:
            raise KeyError("a fault injected into one link")
        return real(link, *args, **kwargs)

    monkeypatch.setattr(audit, "check", failing)
    injected = verdicts(TEXT)
    assert [v for v in injected if v[2] == "internal"] == [
        (8, "unchecked", "internal"), (10, "unchecked", "internal")
    ]
    keep = [v for v in honest if v[0] != 8 and v[1:] != ("error", None)]
    assert [v for v in injected if v[2] != "internal"] == keep
    assert (12, "ok", None) in injected and (4, "ok", None) in injected


def test_a_block_that_cannot_be_split_is_one_internal_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = audit.links

    def failing(block: object, previous: object) -> object:
        if "alpha" in block.text:  # type: ignore[attr-defined]
            raise IndexError("a fault injected into one block")
        return real(block, previous)  # type: ignore[arg-type]

    monkeypatch.setattr(audit, "links", failing)
    found = verdicts(TEXT)
    assert (8, "unchecked", "internal") in found
    assert (12, "ok", None) in found and (10, "error", None) in found


TRIGGER = r"""
$$ E = -\sum_n \sum_k t_{nk} \log y_{nk} $$

$$ \frac{\partial E}{\partial y_k} = -\frac{t_k}{y_k} $$

$$ (a + b)^2 = a^2 + 2ab + b^2 $$
"""


def test_a_name_with_one_and_two_indices_in_a_derivative() -> None:
    """SymPy refuses d(y_{nk})/d(y_k) (IndexException): that link is internal, not the file."""
    found = audit_text(TRIGGER, "md").findings
    assert [(f.line, f.status, f.reason) for f in found] == [
        (2, "ok", None), (4, "unchecked", "internal"), (6, "ok", None)
    ]
    assert "IndexException" in found[1].message


def test_debug_shows_the_traceback_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DERIVETEX_DEBUG", "1")
    audit_text(TRIGGER, "md")
    assert "Traceback" in capsys.readouterr().err


_NAMES = ["y", "y_k", "y_{nk}", "t_{nk}", "w_{ij}", "x_i", "\\sigma(z)", "p(x)", "E", "L", "K"]
_FORMS = [
    "{a} + {b}", "{a} {b}", "\\frac{{{a}}}{{{b}}}", "\\log {a}", "e^{{{a}}}", "({a})^2",
    "\\sum_{{k=1}}^{{K}} {a}", "\\sum_n \\sum_k {a}", "\\frac{{\\partial {a}}}{{\\partial {b}}}",
    "\\frac{{d}}{{d{b}}} {a}", "{a}^{{T}} {b}", "\\max({a}, {b})", "{a}_{{{b}}}", "\\sqrt{{{a}}}",
]


def _expression(rng: random.Random, depth: int) -> str:
    if depth == 0 or rng.random() < 0.3:
        return rng.choice(_NAMES + ["0.5", "2", "1"])
    return rng.choice(_FORMS).format(a=_expression(rng, depth - 1), b=_expression(rng, depth - 1))


@pytest.mark.parametrize("seed", range(10))
def test_no_generated_link_ends_its_file(seed: int) -> None:
    """Twenty generated links a document (a fixed seed each), then a last link that must still
    be judged: whatever the generated ones do, the file is audited to its end."""
    rng = random.Random(seed)
    rows = [f"$$ {_expression(rng, 3)} = {_expression(rng, 3)} $$" for _ in range(20)]
    text = "\n\n".join([*rows, "$$ (a + b)^2 = a^2 + 2ab + b^2 $$"]) + "\n"
    found = audit_text(text, "md").findings
    assert found and found[-1].line == text.count("\n") and found[-1].status == "ok"
    assert {f.status for f in found} <= {"ok", "error", "unchecked"}

"""R504: ``\\ln`` is the natural log in every document; only a stated convention (or log₂
written) makes a bare ``\\log`` base 2, and the word "bits" is no convention."""

from __future__ import annotations

import sympy
from reader_docs import messages, verdicts

from derivetex.reader import parse
from derivetex.reader.names import writes_natural_log


def test_ln_written_as_a_word_is_the_natural_log() -> None:
    assert parse("ln(4)")[0] == sympy.log(4)
    assert writes_natural_log("ln(x)") and writes_natural_log(r"-\ln 0.25")
    assert not writes_natural_log(r"\log x + \lnot y")


def test_a_post_that_says_bits_does_not_rebase_ln() -> None:
    assert verdicts("ln-bits-post.md") == [(7, "error"), (13, "ok")]
    assert "base-2" in messages("ln-bits-post.md")[7]


def test_a_stated_base_reads_a_bare_log_but_never_ln() -> None:
    assert verdicts("ln-base-stated.tex") == [(5, "ok"), (9, "error"), (12, "ok")]
    assert "base-2" in messages("ln-base-stated.tex")[9]


def test_without_a_stated_base_a_bare_log_is_natural() -> None:
    """The counter-example: "bits" in prose, no stated base."""
    assert verdicts("ln-nats-readme.md") == [(6, "ok"), (10, "error")]

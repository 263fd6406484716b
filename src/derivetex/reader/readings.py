r"""The reader's readings of notation, as records (for ``verify``'s registry to take in).

Each code names one way the reader reads a construct. An ambiguous construct has two codes,
its first reading and its other one (``read_alternatives`` lists both); a reading without an
alternative has one. ``accuses`` is True only for readings the reader has always made (measured
on ``../shared/corpus/verify-real/``): a link may be an ``error`` on them. A reading added
since is confirm-only (preview) until it has been measured on writing it was not built from.

Examples and counter-examples are pinned in ``tests/reader/test_readings_table.py``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReaderReading:
    """A code, a snake_case name, what it reads, an example it reads so and a
    counter-example it leaves alone, and whether a link may be an error on it."""

    code: str
    name: str
    reads: str
    example: str
    counter_example: str
    accuses: bool = False


READINGS: tuple[ReaderReading, ...] = (
    ReaderReading(
        "R501", "function_word",
        "a letter run that spells a function is that function, with or without a backslash",
        r"ylog\hat{y} is y \log \hat{y}; sigmoid(z), max(0, z), ln(x)",
        r"cost, export, maximise stay letters",
    ),
    ReaderReading(
        "R503", "e_notation", "a number written in E-notation",
        r"1e-3 is 0.001; 2.5E+4 is 25000", r"2e, e^{x}, 2e - 3 (Euler's e)",
    ),
    ReaderReading(
        "R504", "ln_natural", "\\ln (or ln) is the natural logarithm in any document",
        r"-\ln 0.25 = 1.386294", r"a bare \log, whose base a document may state",
        accuses=True,
    ),
    ReaderReading(
        "R510", "name_applied", "a name before a bracket is a function applied to it",
        r"y_k(\phi_n) as y_k of \phi_n", r"p(1 - p) (the name inside: a product)",
    ),
    ReaderReading(
        "R511", "name_times_bracket", "a name before a bracket multiplies it (first reading)",
        r"w(x + 1) is w \cdot (x + 1)", r"f(x), \sigma(z), P(A) (applied names)", accuses=True,
    ),
    ReaderReading(
        "R512", "log_of_factor", "an unparenthesised log argument stops at \\cdot",
        r"\log P(A) \cdot P(B) is (\log P(A)) P(B)", r"\log (P(A) P(B))", accuses=True,
    ),
    ReaderReading(
        "R513", "log_of_product", "an unparenthesised log argument runs on through \\cdot",
        r"\log P(A) \cdot P(B) as \log (P(A) P(B))", r"\log (P(A)) \cdot P(B)",
    ),
    ReaderReading(
        "R514", "log_of_juxtaposed", "an unparenthesised log takes the factors side by side",
        r"\log 2 \pi \sigma^2 is \log (2 \pi \sigma^2)", r"\log (2) \pi", accuses=True,
    ),
    ReaderReading(
        "R515", "log_of_first_factor", "an unparenthesised log takes its first factor only",
        r"\log x y as (\log x) y", r"\log (x y)",
    ),
    ReaderReading(
        "R520", "run_as_letters", "a run of three or more letters is a product of letters",
        r"abc is a b c", r"\mathrm{abc}, log, sigmoid", accuses=True,
    ),
    ReaderReading(
        "R521", "run_as_name", "a run of three or more letters is one name",
        r"loss = 0.3 as the name loss", r"\log, sigmoid (functions)",
    ),
    ReaderReading(
        "R522", "word_applied", "a multi-letter word before a bracket is a function",
        r"Var(X), foo(x) (and xy(1 - y) as a second reading)", r"x y (1 - y) with spaces",
    ),
    ReaderReading(
        "R523", "word_as_letters", "a word before a bracket is a product of its letters",
        r"xy(1 - y) is x y (1 - y) first", r"Var(X) (a function first)",
    ),
    ReaderReading(
        "R530", "e_euler", "e is Euler's number", r"e^{x}, 2e", r"e_i (indexed: a name)",
        accuses=True,
    ),
    ReaderReading(
        "R531", "e_name", "e is a name", r"e = y - \hat{y} as a name", r"e^{x} (Euler)",
    ),
    ReaderReading(
        "R532", "e_notation_signed", "a signed E-notation number is a number (first reading)",
        r"2e-3 is 0.002", r"2e - 3 (spaces: Euler's e)",
    ),
    ReaderReading(
        "R533", "e_notation_as_euler", "2e-3 read as 2e − 3", r"2e-3 as 2e - 3", r"1e3",
    ),
    ReaderReading(
        "R540", "t_transpose", "a superscript T is a transpose", r"x^T W x", r"x^{\top}",
        accuses=True,
    ),
    ReaderReading(
        "R541", "t_power", "a superscript T is a power", r"a^T as a to the T", r"x^{\top}",
    ),
)

BY_CODE = {reading.code: reading for reading in READINGS}

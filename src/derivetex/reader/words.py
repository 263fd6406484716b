r"""Letter runs that spell functions: ``ylog\hat{y}``, ``sigmoid(z)``, ``max(0, z)``.

READMEs and notebooks write functions without a backslash. A run of letters is split into
the words it spells before the grammar sees it, so ``ylogp`` is ``y \log p`` and never the
product y·l·o·g·p, and the letters of a word are never names of the section.

A function word is found at the start of a run or after at most two letters (``ylog``,
``tlogy``), and is followed by at most one letter (``logx``) or by more words (``logsoftmax``):
``export``, ``maximise`` and ``login`` stay letters. A few English words that would split into
a function and a letter (``cost`` is not ``\cos t``) are left alone.

Runs that spell no function keep today's reading with an alternative (see
``derivetex.reader.ambiguity``): three or more letters are letters or one name; a run applied to
parentheses (``foo(x)``) is a function, or, for two small letters (``xy(1 - y)``), a product.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SPELLED = {
    "log": r"\log", "ln": r"\ln", "exp": r"\exp", "sin": r"\sin", "cos": r"\cos",
    "tan": r"\tan", "tanh": r"\tanh", "sinh": r"\sinh", "cosh": r"\cosh",
    "arcsin": r"\arcsin", "arccos": r"\arccos", "arctan": r"\arctan",
    "max": r"\max", "min": r"\min", "argmax": r"\argmax", "argmin": r"\argmin", "lim": r"\lim",
}  # fmt: skip
"""Words spelled out that are the command of the same name (``ln(x)`` is ``\\ln(x)``)."""

NAMED = ("sigmoid", "softmax", "relu", "softplus", "logistic")
"""Words that are functions by name (read as ``\\mathrm{sigmoid}`` is), spelled or as a
command (``\\sigmoid``, a macro the document's preamble defines)."""

_FUNCTION_WORDS = sorted([*SPELLED, *NAMED, "sqrt"], key=len, reverse=True)
_NOT_SPLIT = frozenset({
    "cost", "using", "mine", "mint", "mini", "exps", "tans", "sine", "cosine", "stand", "basin",
})
"""English words that would otherwise split into a function and a letter."""

PROTECTED = re.compile(
    r"\\(?:mathrm|operatorname\*?|text[a-z]*|mathit|mathsf|mathtt|mbox|hbox|rm|begin|end|"
    r"label|tag|ref|eqref|color|textcolor|href|mathbf|boldsymbol|bm|mathcal|mathbb|hat|bar|"
    r"tilde|vec|dot|widehat|widetilde|overline)\s*\{[^{}]*\}"
)
"""Groups whose letters are read as written (a word, a label, a decorated name)."""

RUN = re.compile(r"(?<![\\A-Za-z])[A-Za-z]+")

Piece = tuple[str, str]
"""(kind, text): ``("cmd", "\\log")``, ``("fword", "sigmoid")``, ``("letter", "y")``."""


def _spelling(word: str) -> str | None:
    """The function ``word`` spells: lower case, Capitalised, or ``ReLU``; else None."""
    folded = word.lower()
    if folded not in _FUNCTION_WORDS:
        return None
    if word in (folded, folded.capitalize(), "ReLU"):
        return folded
    return None


def _piece(folded: str) -> Piece:
    return ("cmd", SPELLED[folded]) if folded in SPELLED else ("fword", folded)


def _words(run: str) -> list[Piece] | None:
    """``run`` as function words only (``logsoftmax``), or at most one letter; else None."""
    if not run:
        return []
    if len(run) == 1:
        return [("letter", run)]
    for word in _FUNCTION_WORDS:
        folded = _spelling(run[: len(word)]) if len(run) >= len(word) else None
        if folded == word:
            rest = _words(run[len(word) :])
            if rest is not None:
                return [_piece(word), *rest]
    return None


def split_run(run: str) -> list[Piece] | None:
    """The pieces of a letter run that spells a function (``ylog`` -> y, ``\\log``), or None
    when it spells none (its letters stay letters)."""
    if run.lower() in _NOT_SPLIT:
        return None
    for prefix in range(min(2, len(run) - 2) + 1):
        words = _words(run[prefix:])
        if words and any(kind != "letter" for kind, _ in words):
            return [("letter", letter) for letter in run[:prefix]] + words
    return None


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Where letters are read as written: inside ``\\mathrm{…}``, ``\\text{…}``, ``\\label``."""
    return [(m.start(), m.end()) for m in PROTECTED.finditer(text)]


def runs(text: str, keep: Callable[[int], bool]) -> list[re.Match[str]]:
    """The letter runs of ``text`` (not command names) whose start ``keep`` accepts."""
    return [m for m in RUN.finditer(text) if keep(m.start())]

r"""Split LaTeX math into tokens: commands, numbers, single letters and punctuation.

Spacing commands, ``\left``/``\right`` and other sizing words are dropped here, so the parser
only sees what carries meaning. Each token keeps its offset in the text for messages.
Letter runs that spell functions are split into them (``reader.words``); numbers may be
written in E-notation (``1e-3``, ``2.5E+4``). Where a run or a number has a second plausible
reading, its first token carries it (``alt``) for ``reader.ambiguity`` to offer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivetex.reader.words import NAMED, RUN, protected_spans, split_run

_TOKEN = re.compile(
    r"(?P<cmd>\\(?:[A-Za-z]+|[{}|,;:!> %_#&$\n]))"
    r"|(?P<word>(?<![A-Za-z\\^_])(?:[A-Z][a-z]{3,}|[A-Z]{2,5})(?![A-Za-z]))"
    r"|(?P<num>(?<![_^A-Za-z])(?:\d+(?:\.\d+)?|\.\d+)[eE][+-]?\d+(?![A-Za-z])"
    r"|\d+(?:\.\d+)?|\.\d+)"
    r"|(?P<letter>[A-Za-z])"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)

_DROPPED_WORDS = (
    r"\left \right \bigl \bigr \Bigl \Bigr \biggl \biggr \big \Big \bigg \Bigg \middle "
    r"\displaystyle \textstyle \scriptstyle \limits \nolimits \, \; \: \! \> \quad \qquad "
    r"\nonumber \notag \hfill \mkern \hspace \phantom"
)
DROPPED = frozenset(_DROPPED_WORDS.split()) | {"\\ "}


@dataclass(frozen=True)
class Token:
    """One token: ``kind`` is cmd, num, letter, word (``Odds``, ``NLL``: a name), fword (a
    function spelled as a word: ``sigmoid``) or other.

    ``alt`` is a second reading of the ``span`` tokens starting here, and ``code`` the pair of
    reading codes (this one, the other): ``abc`` as letters, or as one name."""

    kind: str
    text: str
    at: int
    alt: tuple[Token, ...] = ()
    span: int = 1
    code: tuple[str, str] = ("", "")


_UPRIGHT_D = re.compile(
    r"\\(?:mathrm|operatorname|mathit|textrm|text|rm)\s*\{\s*d\s*\}|\{\s*\\rm\s+d\s*\}"
)
"""``\\mathrm{d}``, ``{\\rm d}``: the differential d set upright, as careful writers set it."""


_NAME_WORD = re.compile(r"[A-Z][a-z]{3,}|[A-Z]{2,5}")
"""A run the tokenizer has always read as one name (``Odds``, ``NLL``, ``KL``)."""
_SCIENTIFIC = re.compile(r"(\d+)([eE])([+-])(\d+)")
"""E-notation with a sign and a whole mantissa: ``2e-3`` might be 2e − 3 (Euler's e)."""
LETTERS_OR_NAME = ("R520", "R521")
FUNCTION_OR_LETTERS = ("R522", "R523")
NUMBER_OR_EULER = ("R532", "R533")


def _letters(run: str, at: int) -> tuple[Token, ...]:
    return tuple(Token("letter", letter, at + i) for i, letter in enumerate(run))


def _unknown_run(run: str, at: int, applied: bool) -> list[Token] | None:
    """A run that spells no function: ``Var(X)``, ``foo(x)`` a function (``xy(1 - y)``
    letters first); ``abc`` letters first, one name second."""
    if _NAME_WORD.fullmatch(run):
        return None  # read as one name, as always
    word = Token("word", run, at)
    if applied and (len(run) >= 3 or run[0].isupper()):
        return [Token("word", run, at, _letters(run, at), 1, FUNCTION_OR_LETTERS)]
    if applied or len(run) >= 3:
        code = ("R523", "R522") if applied else LETTERS_OR_NAME
        letters = list(_letters(run, at))
        letters[0] = Token("letter", run[0], at, (word,), len(run), code)
        return letters
    return None


def _run_tokens(text: str, match: re.Match[str]) -> list[Token] | None:
    """The tokens of one letter run when they differ from one token per letter."""
    run, at = match.group(0), match.start()
    script = at > 0 and text[at - 1] in "_^"
    head = [Token("letter", run[0], at)] if script else []
    body, body_at = (run[1:], at + 1) if script else (run, at)
    pieces = split_run(body) if body else None
    if pieces is not None:
        tokens, offset = list(head), body_at
        for kind, value in pieces:
            tokens.append(Token(kind, value, offset))
            offset += len(value.lstrip("\\"))
        return tokens
    if script or len(run) < 2:
        return None
    following = text[match.end() :].lstrip()
    return _unknown_run(run, at, following.startswith("("))


def _number(match: re.Match[str]) -> Token:
    """A number; ``2e-3`` with the reading 2e − 3 as its alternative."""
    value, at = match.group(0), match.start()
    signed = _SCIENTIFIC.fullmatch(value)
    if signed is None:
        return Token("num", value, at)
    mantissa, letter, sign, power = signed.groups()
    alt = (
        Token("num", mantissa, at),
        Token("letter", letter, at + len(mantissa)),
        Token("other", sign, at + len(mantissa) + 1),
        Token("num", power, at + len(mantissa) + 2),
    )
    return Token("num", value, at, alt, 1, NUMBER_OR_EULER)


def tokenize(text: str) -> list[Token]:
    """The meaningful tokens of ``text`` in order (spacing and sizing commands left out);
    ``log(x)`` written without a backslash is ``\\log(x)``, ``ylogp`` is ``y \\log p``."""
    tokens: list[Token] = []
    upright = {m.start(): m.end() for m in _UPRIGHT_D.finditer(text)}
    shielded = protected_spans(text)
    runs = {
        m.start(): (m.end(), found)
        for m in RUN.finditer(text)
        if not any(a <= m.start() < b for a, b in shielded)
        and (found := _run_tokens(text, m)) is not None
    }
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() < position:
            continue
        if match.start() in runs:
            position, found = runs[match.start()]
            tokens.extend(found)
            continue
        if match.start() in upright:
            tokens.append(Token("letter", "d", match.start()))
            position = upright[match.start()]
            continue
        kind = match.lastgroup or "other"
        value = match.group(0)
        if kind == "space" or value in DROPPED or value == "\\\n":
            continue
        if value == "|" and text.startswith("||", match.start()):
            tokens.append(Token("cmd", "\\|", match.start()))  # p||q: the \| of D(p \| q)
            position = match.start() + 2
            continue
        if kind == "cmd" and value[1:] in NAMED:
            kind, value = "fword", value[1:]  # \sigmoid, \softmax: the function by name
        tokens.append(_number(match) if kind == "num" else Token(kind, value, match.start()))
    return tokens

r"""Split LaTeX math into tokens: commands, numbers, single letters and punctuation.

Spacing commands, ``\left``/``\right`` and other sizing words are dropped here, so the parser
only sees what carries meaning. Each token keeps its offset in the text for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?P<cmd>\\(?:[A-Za-z]+|[{}|,;:!> %_#&$\n]))"
    r"|(?P<word>(?<![A-Za-z\\^_])(?:[A-Z][a-z]{3,}|[A-Z]{2,5})(?![A-Za-z]))"
    r"|(?P<num>\d+(?:\.\d+)?|\.\d+)"
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
    """One token: ``kind`` is cmd, num, letter, word (``Odds``, ``NLL``: a name) or other."""

    kind: str
    text: str
    at: int


_BARE_FUNCTION = re.compile(
    r"(?:(?<![A-Za-z\\])|(?<=[_^][A-Za-z0-9]))"
    r"(?:(log|ln|exp|tanh|sin|cos)(?=\s*\()|log(?=_))"
)
"""``log(`` (or ``log_2``) without a backslash, also right after a one-letter script
(``y_klog(p_k)``)."""


_UPRIGHT_D = re.compile(
    r"\\(?:mathrm|operatorname|mathit|textrm|text|rm)\s*\{\s*d\s*\}|\{\s*\\rm\s+d\s*\}"
)
"""``\\mathrm{d}``, ``{\\rm d}``: the differential d set upright, as careful writers set it."""


def tokenize(text: str) -> list[Token]:
    """The meaningful tokens of ``text`` in order (spacing and sizing commands left out);
    ``log(x)`` written without a backslash is ``\\log(x)``."""
    tokens: list[Token] = []
    bare = {m.start(): m.end() for m in _BARE_FUNCTION.finditer(text)}
    upright = {m.start(): m.end() for m in _UPRIGHT_D.finditer(text)}
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() < position:
            continue
        if match.start() in bare:
            end = bare[match.start()]
            tokens.append(Token("cmd", "\\" + text[match.start() : end], match.start()))
            position = end
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
        tokens.append(Token(kind, value, match.start()))
    return tokens

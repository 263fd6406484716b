r"""Closed numeric claims written outside math: ``-log(0.7) = 0.357`` in a sentence, a table
cell or a code comment.

A claim is read only when every side it checks is *closed*: numbers, the known functions
(``log``, ``ln``, ``exp``, ``sqrt``, ``sin``, ...), ``e`` and ``pi``, operators and brackets,
nothing else. It needs ``=`` (or ``≈``, ``≒``) and at least one side that computes something,
so ``2024-01-02``, ``v1.2.3``, ``x = 3``, ``epoch 3 = 0.5`` or ``3 to 4 = 0.75`` are never
read. ``f(0) = e^4 / (e^4 + e^2) = 0.88`` checks its closed part, ``e^4 / (e^4 + e^2) = 0.88``.
Each claim becomes one inline math block in LaTeX (``\log(0.7)``, ``e^{4.0}``,
``1 \cdot 10^{-3}`` for ``1e-3``), checked like any claim the writer put in ``$…$``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from derivetex.verify.document.blocks import MathBlock

_FUNCTIONS = {
    "log": r"\log", "ln": r"\ln", "exp": r"\exp", "sin": r"\sin", "cos": r"\cos",
    "tan": r"\tan", "tanh": r"\tanh", "sinh": r"\sinh", "cosh": r"\cosh",
    "log2": r"\log_{2}", "log10": r"\log_{10}", "log_2": r"\log_{2}", "log_10": r"\log_{10}",
    "log₂": r"\log_{2}", "log₁₀": r"\log_{10}", "lg": r"\log_{10}", "sqrt": r"\sqrt",
    "√": r"\sqrt", "abs": "abs", "max": r"\max", "min": r"\min",
}  # fmt: skip
_CONSTANTS = {"e": "e", "pi": r"\pi", "π": r"\pi"}
_OPERATORS = {
    "+": "+", "-": "-", "−": "-", "*": r"\cdot ", "×": r"\times ", "·": r"\cdot ",
    "⋅": r"\cdot ", "/": "/", "÷": "/", "^": "^", "**": "^",
}  # fmt: skip
_RELATIONS = {"=": "=", "≈": r"\approx", "≒": r"\approx", "~=": r"\approx"}
_SUPERSCRIPT = {"²": "2", "³": "3"}

_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)"
    r"|(?P<func>log_?(?:2|10)(?![\d.])|log₂|log₁₀|√)"
    r"|(?P<word>[A-Za-z]+)"
    r"|(?P<rel>~=|(?<![=<>!:])=(?![=>])|≈|≒)"
    r"|(?P<op>\*\*|[-+*/^−×·⋅÷])"
    r"|(?P<sup>[²³])"
    r"|(?P<open>\()|(?P<close>\))|(?P<comma>,)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_GLUED_BEFORE = re.compile(r"[A-Za-z0-9_.\\$^}'`]")
_GLUED_AFTER = re.compile(r"[A-Za-z0-9_\\$^{%]|\.\d")
_COMPUTES = re.compile(r"[+^/]|(?<=.)-|\\(?!pi\b)[a-z]")
"""A side that computes: an operation or a function, not a number or a constant alone."""


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


def _tokens(line: str) -> list[_Token]:
    found: list[_Token] = []
    for match in _TOKEN.finditer(line):
        kind = match.lastgroup or "other"
        text = match.group(0)
        if kind == "word":
            kind = "func" if text in _FUNCTIONS else "const" if text in _CONSTANTS else "other"
        elif kind == "func" or text == "π":
            kind = "func" if text != "π" else "const"
        found.append(_Token(kind, text, match.start(), match.end()))
    return found


_CLOSED = {"space", "number", "func", "const", "op", "sup", "open", "close", "comma"}


def claims_in_line(line: str) -> list[str]:
    """The closed numeric claims of one line of prose, each as LaTeX (``A = B [= C …]``)."""
    tokens = _tokens(line)
    segments: list[list[_Token]] = [[]]
    relations: list[str] = []
    for token in tokens:
        if token.kind == "rel":
            segments.append([])
            relations.append(_RELATIONS[token.text])
        else:
            segments[-1].append(token)
    found: list[str] = []
    chain: list[str] = []
    signs: list[str] = []
    for index, segment in enumerate(segments):
        whole = _side(line, segment) if all(t.kind in _CLOSED for t in segment) else None
        if index > 0 and chain and whole is not None:
            chain.append(whole)
            signs.append(relations[index - 1])
            continue
        if index > 0 and chain:
            head = _side(line, _prefix(segment))
            if head is not None:
                chain.append(head)
                signs.append(relations[index - 1])
        found.extend(_claim(chain, signs))
        chain, signs = [], []
        tail = _side(line, _suffix(segment))
        if tail is not None and index < len(relations):
            chain = [tail]
    found.extend(_claim(chain, signs))
    return found


def _prefix(segment: list[_Token]) -> list[_Token]:
    out: list[_Token] = []
    for token in segment:
        if token.kind not in _CLOSED:
            break
        out.append(token)
    return out


def _suffix(segment: list[_Token]) -> list[_Token]:
    out: list[_Token] = []
    for token in reversed(segment):
        if token.kind not in _CLOSED:
            break
        out.append(token)
    return out[::-1]


def _side(line: str, tokens: list[_Token]) -> str | None:
    """The LaTeX of a closed side, or None when it is not one (empty, unbalanced, glued to a
    word, a number with a leading zero as in a date, or a bare number after a word)."""
    tokens = _trimmed(tokens)
    if not tokens:
        return None
    after = line[tokens[-1].end : tokens[-1].end + 2]
    if _GLUED_BEFORE.match(line[tokens[0].start - 1 : tokens[0].start] or " "):
        return None
    if _GLUED_AFTER.match(after or " ") or after.startswith("("):
        return None
    if any(t.kind == "number" and re.match(r"0\d", t.text) for t in tokens):
        return None  # 01 as in 2024-01-02: a date or a code, not a number
    if _bare(tokens) and _char_before(line, tokens[0].start).isalpha():
        return None  # epoch 3, layer 2: a label
    try:
        return _Latex(tokens).expression()
    except ValueError:
        return None


def _char_before(line: str, at: int) -> str:
    """The last character before ``at`` that is not a space ('' at the start)."""
    at -= 1
    while at >= 0 and line[at].isspace():
        at -= 1
    return line[at] if at >= 0 else ""


def _trimmed(tokens: list[_Token]) -> list[_Token]:
    """Without the spaces and commas around: ``= 0.84, and`` ends its side at the comma."""
    start, end = 0, len(tokens)
    while start < end and tokens[start].kind in ("space", "comma"):
        start += 1
    while end > start and tokens[end - 1].kind in ("space", "comma"):
        end -= 1
    return tokens[start:end]


def _bare(tokens: list[_Token]) -> bool:
    """A number alone (with a sign): nothing computed."""
    kinds = [t.kind for t in tokens if t.kind != "space"]
    return kinds == ["number"] or (kinds == ["op", "number"] and tokens[0].text in "+-−")


def _claim(chain: list[str], signs: list[str]) -> list[str]:
    """``chain`` as one claim when it relates two sides or more and one of them computes."""
    if len(chain) < 2 or all(_is_number(side) for side in chain):
        return []
    if not any(_COMPUTES.search(side.strip()) for side in chain):
        return []
    pieces = [chain[0]]
    for sign, side in zip(signs, chain[1:], strict=True):
        pieces += [sign, side]
    return [" ".join(pieces)]


def _is_number(side: str) -> bool:
    return re.fullmatch(r"-?\s*(?:\d+(?:\.\d+)?|\.\d+)(?: \\cdot 10\^\{-?\d+\})?", side) is not None


class _Latex:
    """A closed side's tokens as LaTeX; ValueError when they do not form an expression."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = [t for t in tokens if t.kind != "space"]
        self.spaced = {i for i, t in enumerate(tokens) if t.kind == "space"}
        self.at = 0

    def expression(self, closing: bool = False) -> str:
        out: list[str] = []
        expect_operand = True
        while self.at < len(self.tokens):
            token = self.tokens[self.at]
            if token.kind == "close":
                if not closing:
                    raise ValueError("unbalanced")
                break
            if token.kind == "comma" and not closing:
                raise ValueError("comma outside brackets")
            if token.kind in ("op", "comma"):
                if token.text in "*/^×·⋅÷**" and expect_operand:
                    raise ValueError("operator without operand")
                self.at += 1
                if token.text in ("^", "**"):
                    out[-1] += "^{" + self._atom() + "}"
                    expect_operand = False
                    continue
                out.append(_OPERATORS.get(token.text, ","))
                expect_operand = True
                continue
            if token.kind == "sup":
                if expect_operand:
                    raise ValueError("power of nothing")
                out[-1] += "^{" + _SUPERSCRIPT[token.text] + "}"
                self.at += 1
                continue
            if not expect_operand and token.kind == "number":
                raise ValueError("two numbers side by side")
            out.append(self._atom())
            expect_operand = False
        if expect_operand:
            raise ValueError("ends on an operator")
        return " ".join(out)

    def _atom(self) -> str:
        if self.at >= len(self.tokens):
            raise ValueError("missing operand")
        token = self.tokens[self.at]
        self.at += 1
        if token.kind == "number":
            return _number(token.text)
        if token.kind == "const":
            return _CONSTANTS[token.text]
        if token.kind == "open":
            inner = self.expression(closing=True)
            if self.at >= len(self.tokens) or self.tokens[self.at].kind != "close":
                raise ValueError("unclosed bracket")
            self.at += 1
            return f"({inner})"
        if token.text in "-−" and token.kind == "op":
            return "-" + self._atom()
        if token.kind == "func":
            return self._applied(token.text)
        raise ValueError(f"not an operand: {token.text!r}")

    def _applied(self, name: str) -> str:
        bracketed = self.at < len(self.tokens) and self.tokens[self.at].kind == "open"
        argument = self._atom()
        inner = argument[1:-1] if bracketed else argument
        command = _FUNCTIONS[name]
        if command == r"\sqrt":
            return f"\\sqrt{{{inner}}}"
        if command == "abs":
            return f"\\left|{inner}\\right|"
        return f"{command}({inner})"


def _number(text: str) -> str:
    """A number as LaTeX; ``1e-3`` as ``1 \\cdot 10^{-3}`` (never a product with ``e``)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?|\.\d+)[eE]([+-]?\d+)", text)
    if match is None:
        return text
    return f"{match.group(1)} \\cdot 10^{{{int(match.group(2))}}}"


def claim_blocks(lines: Iterable[tuple[int, str]], section: int) -> list[MathBlock]:
    """One inline block per claim in ``lines`` ((line number, text) of prose)."""
    return [
        MathBlock(claim, number, False, section)
        for number, text in lines
        for claim in claims_in_line(text)
    ]


_COMMENT_MARKS = {
    "python": "#", "py": "#", "r": "#", "julia": "#", "bash": "#", "sh": "#", "shell": "#",
    "ruby": "#", "perl": "#", "yaml": "#", "toml": "#", "console": "#",
    "javascript": "//", "js": "//", "typescript": "//", "ts": "//", "c": "//", "cpp": "//",
    "c++": "//", "java": "//", "go": "//", "rust": "//", "swift": "//", "kotlin": "//",
    "scala": "//", "csharp": "//", "cs": "//",
    "matlab": "%", "octave": "%", "tex": "%", "latex": "%",
    "sql": "--", "lua": "--", "haskell": "--",
}  # fmt: skip


def code_comments(code: str, info: str) -> list[tuple[int, str]]:
    """(line offset in ``code``, comment text) of each line of a code block with a comment;
    the language (the fence's info word) says how a comment starts (unknown: ``#`` or ``//``)."""
    language = info.strip().split(maxsplit=1)[0].lower() if info.strip() else ""
    marks = (_COMMENT_MARKS[language],) if language in _COMMENT_MARKS else ("#", "//")
    found: list[tuple[int, str]] = []
    for offset, line in enumerate(code.split("\n")):
        for mark in marks:
            at = _comment_at(line, mark)
            if at is not None:
                found.append((offset, line[at + len(mark) :]))
                break
    return found


def _comment_at(line: str, mark: str) -> int | None:
    """Where a comment opens in ``line``: the mark at the start or after a space, outside
    quotes (a ``"#"`` string is not a comment)."""
    quote = ""
    for at, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
            continue
        if char in "\"'":
            quote = char
        elif line.startswith(mark, at) and (at == 0 or line[at - 1] in " \t"):
            return at
    return None

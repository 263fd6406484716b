r"""The tokens of a side for the matrix reader: spacing and sizing commands dropped, norms,
traces, differentials and fraction variants written one way; Greek letters by case."""

from __future__ import annotations

import re

_SKIP = re.compile(
    r"\\[,;:! ]|\\boxed|\\quad|\\qquad|\\left|\\right|\\big[lr]?|\\Big[lr]?|&|\\displaystyle"
)
_TOKEN = re.compile(
    r"\s*(\\[A-Za-z]+|\d+\.\d+|\d+|\.\d+|[A-Za-z]|\^|_|\{|\}|\(|\)|\[|\]|\+|-|\||'|\*|/|.)"
)

_NORM = re.compile(r"\\\||\\[lr]?Vert\b")
_TRACE = re.compile(r"\\(?:operatorname|mathrm|text)\{\s*[Tt]r\s*\}|\\[Tt]r\b")
_DIFFERENTIAL = re.compile(r"\\(?:mathrm|operatorname|text)\{\s*d\s*\}")
_FRACTION = re.compile(r"\\[dt]frac\b")


def tokens(latex: str) -> list[str]:
    text = _SKIP.sub(" ", latex)
    text = _NORM.sub(r" \\NORM ", text)
    text = _TRACE.sub(r" \\TRACE ", text)
    text = _FRACTION.sub(r"\\frac", _DIFFERENTIAL.sub(" d ", text))
    text = re.sub(r"\{\\bf\s+([A-Za-z])\}", r"\\mathbf{\1}", text)
    found = [m.group(1) for m in _TOKEN.finditer(text)]
    return [t for t in found if t.strip() and t != "\\"]  # a lone \ is a control space


_GREEK_UPPER = {
    r"\Gamma",
    r"\Delta",
    r"\Theta",
    r"\Lambda",
    r"\Xi",
    r"\Pi",
    r"\Sigma",
    r"\Upsilon",
    r"\Phi",
    r"\Psi",
    r"\Omega",
}
_GREEK_LOWER = {
    r"\alpha",
    r"\beta",
    r"\gamma",
    r"\delta",
    r"\epsilon",
    r"\varepsilon",
    r"\zeta",
    r"\eta",
    r"\theta",
    r"\vartheta",
    r"\iota",
    r"\kappa",
    r"\lambda",
    r"\mu",
    r"\nu",
    r"\xi",
    r"\rho",
    r"\sigma",
    r"\tau",
    r"\upsilon",
    r"\phi",
    r"\varphi",
    r"\chi",
    r"\psi",
    r"\omega",
}


def is_letter(token: str) -> bool:
    return token in _GREEK_UPPER or token in _GREEK_LOWER


def is_upper(token: str) -> bool:
    return token in _GREEK_UPPER or (len(token) == 1 and token.isupper())

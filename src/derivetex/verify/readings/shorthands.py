r"""Shorthand macros a document uses without defining, read by the conventions of their names.

Course notes and papers write ``\bx``, ``\bSigma``, ``\vx``, ``\mW``, ``\calL``, ``\half``,
``\trans`` from a ``.sty`` that is not in the file. Where the document and its preamble do not
define such a name, and the name follows one of the common conventions below, its meaning is
plain enough to try (reading ``R602``, which only confirms):

- a closed table: ``\half`` (1/2), ``\trans \T \tp`` (the transpose), ``\dif \dd`` (the
  differential d), ``\Tr \tr \diag \var \Var \Cov \argmin \argmax`` (operators), ``\dif \dd`` not
  before a brace (there they may be a derivative macro), ``\R \N
  \Z \Q`` (number sets), ``\E`` (expectation);
- patterns: ``b``/``bold``/``v`` + a letter or a Greek name (bold), ``m`` + a capital
  letter or capital Greek name (a matrix), ``cal``/``c`` + a capital (calligraphic), ``bb``
  + a capital (blackboard), a Greek name + ``T`` (``\PhiT``, its transpose).

Any other undefined macro stays unread. Names LaTeX itself defines (``\beta``, ``\bf``,
``\bm``, ``\mu``) are never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_GREEK = (
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
    "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho",
    "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "ell",
)
_CAPITAL_GREEK = ("Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi",
                  "Psi", "Omega")
_GREEK_NAMES = "|".join(sorted(_GREEK + _CAPITAL_GREEK, key=len, reverse=True))
_CAPITALS = "|".join(sorted(_CAPITAL_GREEK, key=len, reverse=True))

TRANSPOSE = frozenset({"trans", "T", "tp"})
"""Written after a name (``\bx\trans``) or as its exponent (``\bx^\trans``)."""

DIFFERENTIALS = frozenset({"dif", "dd"})
r"""The differential d, but not before a brace group: ``\dif{w}E`` is some writers'
derivative by w, ``\diff{f}{x}`` diffcoeff's (so ``\diff`` is left out altogether)."""

TABLE: Mapping[str, str] = {
    "half": r"\frac{1}{2}",
    "dif": r"\mathrm{d}",
    "dd": r"\mathrm{d}",
    "R": r"\mathbb{R}",
    "N": r"\mathbb{N}",
    "Z": r"\mathbb{Z}",
    "Q": r"\mathbb{Q}",
    "E": r"\mathbb{E}",
    **{name: rf"\operatorname{{{name}}}" for name in (
        "Tr", "tr", "diag", "var", "Var", "Cov", "argmin", "argmax")},
}
"""Names whose meaning is the name itself (the transpose names apart)."""

RESERVED = frozenset(
    {*_GREEK, *_CAPITAL_GREEK, "bf", "bm", "bb", "be", "bs", "mit", "cal"}
)
"""Names LaTeX or its common packages define: never read as a shorthand."""

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?:b|bold|v)({_GREEK_NAMES})"), r"\boldsymbol{{\{0}}}"),
    (re.compile(r"(?:b|bold|v)([A-Za-z])"), r"\mathbf{{{0}}}"),
    (re.compile(rf"m({_CAPITALS})"), r"\boldsymbol{{\{0}}}"),
    (re.compile(r"m([A-Z])"), r"\mathbf{{{0}}}"),
    (re.compile(r"bb([A-Z])"), r"\mathbb{{{0}}}"),
    (re.compile(r"(?:cal|c)([A-Z])"), r"\mathcal{{{0}}}"),
    (re.compile(rf"({_GREEK_NAMES})T"), r"{{\{0}^{{\top}}}}"),
)

_USE = re.compile(r"\\([A-Za-z]+)")
_DEFINED = re.compile(
    r"\\(?:(?:re|provide)?newcommand|DeclareRobustCommand|DeclareMathOperator)\*?\s*\{?\s*"
    r"\\\\?([A-Za-z]+)|\\(?:def|let)\s*\\\\?([A-Za-z]+)"
)


def meaning(name: str) -> str | None:
    """What the shorthand ``\\name`` (without its backslash) means by convention, or None."""
    if name in RESERVED:
        return None
    if name in TRANSPOSE:
        return r"^{\top}"
    if name in TABLE:
        return TABLE[name]
    for pattern, template in _PATTERNS:
        match = pattern.fullmatch(name)
        if match:
            return template.format(match.group(1))
    return None


def defined_names(text: str) -> frozenset[str]:
    """The macro names ``text`` defines in any form (an optional argument, ``\\let`` too)."""
    return frozenset(m.group(1) or m.group(2) for m in _DEFINED.finditer(text))


def undefined_shorthands(text: str, defined: Iterable[str]) -> dict[str, str]:
    """The conventional shorthands ``text`` uses and ``defined`` does not name, with their
    meanings (``{"bx": "\\mathbf{x}"}``)."""
    known = frozenset(defined)
    found: dict[str, str] = {}
    for match in _USE.finditer(text):
        name = match.group(1)
        if name in known or name in found:
            continue
        guessed = meaning(name)
        if guessed is not None:
            found[name] = guessed
    return found


def used_in(text: str, table: Mapping[str, str]) -> list[str]:
    """The names of ``table`` that ``text`` uses, in order of first use."""
    names: list[str] = []
    for match in _USE.finditer(text):
        if match.group(1) in table and match.group(1) not in names:
            names.append(match.group(1))
    return names


def expand_shorthands(text: str, table: Mapping[str, str]) -> str:
    """``text`` with each shorthand of ``table`` written as its meaning (a transpose name as
    ``^{\\top}``, whether it is written as the exponent or after the name)."""
    if not table:
        return text

    def written(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in table or name in DIFFERENTIALS and _braced_after(match):
            return match.group(0)
        if name in TRANSPOSE:
            return "^{\\top}"
        return f"{match.group(1)}{{{table[name]}}}" if match.group(1) else table[name]

    return re.sub(r"(\^\s*)?\\([A-Za-z]+)", written, text)


def _braced_after(match: re.Match[str]) -> bool:
    rest = match.string[match.end():]
    return rest.lstrip().startswith("{")


def naming(names: Iterable[str], table: Mapping[str, str]) -> str:
    """``\\bx as \\mathbf{x}, \\half as \\frac{1}{2}``: the guesses a note names."""
    return ", ".join(f"\\{name} as {table[name]}" for name in names)

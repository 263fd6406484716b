r"""What the names in ML writing mean: functions, constants, decorations, words.

Kept as data so the parser stays about grammar: which commands are functions of one argument,
which letters are usually functions when followed by ``(``, which words name a function
(``\mathrm{softmax}``), and which decorations make a name of their own (``\hat{y}`` is not y).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import sympy

ELEMENTARY = {
    r"\exp": sympy.exp, r"\sin": sympy.sin, r"\cos": sympy.cos, r"\tan": sympy.tan,
    r"\tanh": sympy.tanh, r"\sinh": sympy.sinh, r"\cosh": sympy.cosh, r"\arctan": sympy.atan,
    r"\arcsin": sympy.asin, r"\arccos": sympy.acos,
}  # fmt: skip
LOGS = (r"\log", r"\ln", r"\lg")
BARE_LOG = re.compile(r"\\log(?![A-Za-z])(?!\s*_)")
"""A ``\\log`` with no base written (``\\log_2``, ``\\log_{10}`` say theirs): the one whose
base a setting (``log-base``) or a convention decides."""
NATURAL_LOG = re.compile(r"\\ln(?![A-Za-z])|(?<![A-Za-z\\])ln\s*\(")
"""``\\ln`` (or ``ln(``): the natural logarithm wherever it is written; a document's
convention for the base of a bare ``\\log`` never applies to it."""


def writes_natural_log(latex: str) -> bool:
    """Whether ``latex`` writes ``\\ln``: its logarithms are natural ones by notation."""
    return NATURAL_LOG.search(latex) is not None


_BARE_LOG_BASE: ContextVar[int | None] = ContextVar("bare_log_base", default=None)


def bare_log_base() -> int | None:
    """The base a bare ``\\log`` is read in: the one the settings state (``log-base = 2``),
    or None (natural). ``\\ln``, ``\\lg`` and a written base (``\\log_{10}``) are read as
    written whatever it is."""
    return _BARE_LOG_BASE.get()


@contextmanager
def reading_bare_log_in(base: int | None) -> Iterator[None]:
    """Within the block, a bare ``\\log`` is log to ``base`` (None: the natural log)."""
    token = _BARE_LOG_BASE.set(base)
    try:
        yield
    finally:
        _BARE_LOG_BASE.reset(token)


LG_BASE = sympy.Symbol(r"b_{\lg}", positive=True)
"""The base of ``\\lg``: 2 in computer science and information theory (bits), 10 in the ISO
convention. Left a name, so only a number that holds in one of the two is judged."""

WORD_FUNCTIONS = {
    "exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "tanh": sympy.tanh,
    "sigmoid": lambda x: 1 / (1 + sympy.exp(-x)), "logistic": lambda x: 1 / (1 + sympy.exp(-x)),
    "relu": lambda x: sympy.Max(0, x), "softplus": lambda x: sympy.log(1 + sympy.exp(x)),
    "sqrt": sympy.sqrt,
}  # fmt: skip
"""Functions named by a word (``\\mathrm{sigmoid}``, ``\\operatorname{ReLU}``), lower-cased."""

APPLIED_LETTERS = frozenset("fghpqPQLEJHDFGI") | {
    r"\sigma",
    r"\phi",
    r"\varphi",
    r"\psi",
    r"\pi",
    r"\ell",
    r"\Phi",
    r"\mathcal{L}",
    r"\mathcal{N}",
    r"\mathbb{E}",
    r"\mathbb{P}",
    r"\mathbb{V}",
    r"\mathbb{1}",
    "KL",
    "CE",
    "NLL",
    "BCE",
    "MSE",
    "JS",
    "JSD",
    "ELBO",
}
"""Names that, followed by ``(``, are read as a function applied, not a product."""

DECORATIONS = frozenset(
    [
        r"\hat",
        r"\bar",
        r"\tilde",
        r"\vec",
        r"\dot",
        r"\ddot",
        r"\overline",
        r"\widehat",
        r"\widetilde",
        r"\check",
        r"\breve",
        r"\underline",
        r"\mathbf",
        r"\boldsymbol",
        r"\bm",
        r"\mathcal",
        r"\mathbb",
        r"\mathscr",
        r"\mathfrak",
        r"\mathsf",
        r"\mathtt",
    ]
)
BOLD = frozenset([r"\mathbf", r"\boldsymbol", r"\bm", r"\vec"])
WORDS = frozenset(
    [
        r"\mathrm",
        r"\operatorname",
        r"\text",
        r"\textrm",
        r"\mathit",
        r"\textit",
        r"\textbf",
        r"\textsf",
    ]
)
TRANSPARENT = frozenset([r"\boxed", r"\displaystyle", r"\mathstrut"])

GREEK = frozenset(
    [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "varepsilon",
        "zeta",
        "eta",
        "theta",
        "vartheta",
        "iota",
        "kappa",
        "lambda",
        "mu",
        "nu",
        "xi",
        "pi",
        "varpi",
        "rho",
        "varrho",
        "sigma",
        "varsigma",
        "tau",
        "upsilon",
        "phi",
        "varphi",
        "chi",
        "psi",
        "omega",
        "Gamma",
        "Delta",
        "Theta",
        "Lambda",
        "Xi",
        "Pi",
        "Sigma",
        "Upsilon",
        "Phi",
        "Psi",
        "Omega",
        "ell",
    ]
)

UNREAD = frozenset(
    [
        r"\oint",
        r"\iint",
        r"\arg",
        r"\sup",
        r"\inf",
        r"\det",
        r"\cup",
        r"\cap",
        r"\setminus",
        r"\forall",
        r"\exists",
        r"\emptyset",
        r"\pm",
        r"\mp",
        r"\circ",
        r"\odot",
        r"\otimes",
        r"\oplus",
        r"\cancel",
        r"\cdots",
        r"\ldots",
        r"\dots",
        r"\vdots",
        r"\ddots",
        r"\langle",
        r"\rangle",
        r"\wedge",
        r"\vee",
        r"\neg",
        r"\lfloor",
        r"\lceil",
        r"\star",
        r"\dagger",
        r"\bullet",
        r"\prime",
    ]
)
"""Commands whose meaning a scalar reading would get wrong: the side is left unchecked."""

_NOT_VALUES = (
    r"\overset \underset \stackrel \substack \xrightarrow \xleftarrow \begin \end \label \tag"
    r" \ref \eqref \hspace \vspace \hphantom \vphantom \bcancel \xcancel \cancelto \sout"
    r" \colorbox \fcolorbox \href \raisebox \scalebox \resizebox \makebox \framebox \parbox"
    r" \mathop \mathbin \mathrel \mathord \mathopen \mathclose \mathpunct \genfrac"
    r" \multicolumn \rule \footnote \hbox \vbox \verb"
)
NOT_VALUES = frozenset(_NOT_VALUES.split())
"""Commands with braced arguments that are layout, relations or operators, not a value: an
unknown command outside this list, with two or more braced arguments, is a macro the document
uses without defining it here (``\\ex{x}{i}``), read as an opaque term of its arguments."""

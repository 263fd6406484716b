r"""What of a spec's LaTeX may reach an output: text as characters, names of known symbols only.

A spec is a file people share and run in CI, and its LaTeX is printed into a document that
LuaLaTeX compiles. The reader keeps some of what it reads as written (the word of
``\mathrm{...}``, a decoration's argument, a label ``x^{(t)}``), so two gates stand between
a spec and the TeX run:

- ``text_arguments``: in prose math (title, intro, lead, note, why), the argument of every
  text command (``\text``, ``\mathrm``, ``\operatorname``, ``\mbox``, ``\texttt``, ...) is read
  as characters: TeX's special characters become their escapes, ``<`` ``>`` become ``\lt``
  ``\gt`` for the web (no raw HTML, and KaTeX and MathJax show them), and a control sequence
  inside is kept only when it is a known symbol; anything else is refused naming the field.
- ``check_names``: every name the reader built, in any field (rows, definitions, symbols'
  ``latex``, prose), may hold only allow-listed commands and no ``%``, ``^^``, ``$`` or
  ``\\`` (nor ``<``, ``>`` for the web), so ``\input``, ``\directlua``, ``\write``,
  ``\catcode`` and their kin never reach a ``.tex`` file, whatever the reader keeps.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from derivetex.reader import names as N
from derivetex.specs.consistency import SpecError

READ_AS_WORDS = frozenset(N.WORDS)
"""Text commands the reader reads (their word becomes a name or a function)."""
SET_AS_TEXT = frozenset([
    r"\mbox", r"\hbox", r"\texttt", r"\textup", r"\textnormal", r"\textmd", r"\textsl",
    r"\textsc", r"\emph",
])
"""Text commands the reader does not know: read as ``\text`` (the same characters, upright)."""
TEXT_COMMANDS = READ_AS_WORDS | SET_AS_TEXT
GREEK = frozenset("\\" + letter for letter in N.GREEK)

_SYMBOL_WORDS = (
    r"""\lt \gt \hat \ldots \cdots \dots \vdots \ddots \prime \cdot \times \pm \mp \infty
    \partial \nabla \mid \in \notin \le \ge \leq \geq \neq \ne \sim \approx \equiv \to \top
    \star \ast \circ \dagger \emptyset \varnothing \imath \jmath \hbar \log \ln \exp \sin \cos
    \tan \tanh \sinh \cosh \max \min \arg \sup \inf \lim \det \frac \sqrt \sum \prod \int
    \lg \perp \parallel \langle \rangle \lfloor \rfloor \lceil \rceil \lvert \rvert \Vert
    \vert \setminus \cup \cap \subset \subseteq \forall \exists \neg \land \lor \oplus
    \otimes \odot \propto \colon \quad \qquad \operatorname"""
)
SYMBOLS = frozenset(_SYMBOL_WORDS.split())
"""Control words that print a symbol and do nothing else (no file, no code, no catcode)."""
ALLOWED_WORDS = SYMBOLS | GREEK | N.DECORATIONS | N.WORDS | N.TRANSPARENT
_CONTROL_SYMBOLS = r"\% \# \& \$ \_ \{ \} \, \; \: \! \|"
ALLOWED_SYMBOLS = frozenset(_CONTROL_SYMBOLS.split()) | {"\\ "}
"""Control symbols (a backslash and one character) that print that character or a space."""

IN_TEXT = {"%": r"\%", "#": r"\#", "&": r"\&", "$": r"\$", "_": r"\_", "~": " ",
           "^": r"\hat{}"}
"""A text argument's special characters, as escapes valid in LaTeX, KaTeX and MathJax math."""
IN_WEB_TEXT = {"<": r"{\lt}", ">": r"{\gt}"}
"""``<`` and ``>`` for Markdown and HTML: TeX's own names, so no ``<`` reaches the page."""

_TEXT_COMMAND = re.compile(r"(\\[A-Za-z]+)\s*\{")
_PIECE = re.compile(r"\\[A-Za-z]+|\\.|\^\^|[\s\S]", re.DOTALL)


def text_arguments(math: str, web: bool, field: str) -> str:
    """``math`` with every text command's braced argument read as characters (see module)."""
    out, at = [], 0
    for match in _TEXT_COMMAND.finditer(math):
        command = match.group(1)
        if command not in TEXT_COMMANDS or match.start() < at:
            continue
        end = _closing(math, match.end(), field)
        inner = _characters(math[match.end():end], command, web, field)
        shown = r"\text" if command in SET_AS_TEXT else command
        out.append(f"{math[at:match.start()]}{shown}{{{inner}}}")
        at = end + 1
    out.append(math[at:])
    return "".join(out)


def _closing(math: str, start: int, field: str) -> int:
    """The index of the ``}`` that closes the group opened just before ``start``."""
    depth, at = 1, start
    while at < len(math):
        char = math[at]
        if char == "\\":
            at += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return at
        at += 1
    raise SpecError(f"{field}: a text argument is not closed (a '}}' is missing)")


def _characters(text: str, command: str, web: bool, field: str) -> str:
    escapes = {**IN_TEXT, **(IN_WEB_TEXT if web else {})}
    pieces: list[str] = []
    kept: list[bool] = []
    for piece in _PIECE.findall(text):
        if piece in ("{", "}"):
            # A group right after a ``{`` is no command's argument, and grouping does
            # nothing to characters: its braces go, so no ``{{`` is written, where a space
            # (``neutral_openers``' remedy in math) would show (``\text{{7}}`` is ``\text{7}``).
            if piece == "{":
                kept.append(bool(pieces) and not pieces[-1].endswith("{"))
            if kept[-1] if piece == "{" else kept.pop():
                pieces.append(piece)
            continue
        if piece.startswith("\\") and piece != "\\":
            if piece not in ALLOWED_SYMBOLS and piece not in SYMBOLS | GREEK:
                raise SpecError(f"{field}: {piece} inside {command}{{...}} is not allowed "
                                "(text is characters; only known symbols may be written "
                                "as commands)")
            pieces.append(piece)
        elif piece == "^^":
            pieces.append(r"\hat{}\hat{}")
        else:
            pieces.append(escapes.get(piece, piece))
    return "".join(pieces)


def unsafe_piece(name: str, web: bool = False) -> str | None:
    """The first piece of ``name`` that must not reach an output, or None when it is safe."""
    depth = 0
    for piece in _PIECE.findall(name):
        if piece.startswith("\\") and len(piece) > 1:
            allowed = ALLOWED_WORDS if piece[1:2].isalpha() else ALLOWED_SYMBOLS
            if piece not in allowed:
                return piece
        elif piece in ("%", "^^", "$", "\\") or (web and piece in "<>"):
            return piece
        depth += {"{": 1, "}": -1}.get(piece, 0)
        if depth < 0:
            return "}"
    return "{" if depth else None


def check_names(expr: sp.Basic, field: str, web: bool = False) -> None:
    """Refuse ``expr`` when a name in it (symbol, function, indexed base) is not safe LaTeX."""
    for name in _names(expr):
        piece = unsafe_piece(name, web)
        if piece is not None:
            raise SpecError(f"{field}: {piece} is not allowed in a name ({name}): only "
                            "letters, digits and known symbols reach the output")


def _names(expr: sp.Basic) -> set[str]:
    found: set[str] = set()
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Symbol):
            found.add(node.name)
        elif isinstance(node, AppliedUndef):
            found.add(str(node.func))
        elif isinstance(node, sp.IndexedBase):
            found.add(str(node.label))
    return found

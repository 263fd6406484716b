r"""A ``\sum`` with no summand: the writer's short name for a sum written out elsewhere.

Posts that take the softmax apart write ``\frac{e_i \sum - e_i e_i}{\sum^2}`` or define
``\sum_K = \sum_{j=1}^K \exp(\theta_j)`` and then divide by ``\sum_K``. A sum needs a
summand, so a ``\sum`` (or ``\prod``) followed by nothing it could sum -- a closing bracket,
a prime, a numeric power, or the end of a side it is all of -- can only be a name. Before ``+`` or
``-`` it is a name only when the next term does not use its subscript: in
``\sum_i - y_i \log p_i`` the term after the minus is the summand, and the side stays unread.
"""

from __future__ import annotations

from derivetex.reader.tokens import Token

_ENDS = frozenset({"}", ")", "]", r"\}", "=", "'", ",", "&", r"\\"})
_INDEXING = frozenset({"=", r"\in", r"\neq", r"\ne", ",", r"\leq", r"\le", "<", ">"})


def _script(tokens: list[Token], at: int) -> tuple[list[Token], int] | None:
    """The tokens of the script group starting at ``at`` and the position after it."""
    if at >= len(tokens):
        return None
    if tokens[at].text != "{":
        return [tokens[at]], at + 1
    depth, start = 0, at
    while at < len(tokens):
        depth += {"{": 1, "}": -1}.get(tokens[at].text, 0)
        at += 1
        if depth == 0:
            return tokens[start + 1 : at - 1], at
    return None


def _next_term(tokens: list[Token], at: int) -> list[str]:
    """The texts of the term after the ``+``/``-`` at ``at``, to the next one at its depth."""
    texts: list[str] = []
    depth = 0
    for token in tokens[at + 1 :]:
        if token.text in ("(", "[", "{", r"\{"):
            depth += 1
        elif token.text in (")", "]", "}", r"\}"):
            depth -= 1
            if depth < 0:
                break
        elif depth == 0 and token.text in ("+", "-", "="):
            break
        texts.append(token.text)
    return texts


def bare_big(tokens: list[Token], at: int) -> bool:
    """Whether the ``\\sum``/``\\prod`` just taken (``tokens[at]`` follows it) has no summand.
    At the end of the side it is a name only when it is the whole side (``\\sum_K = …``): in
    ``L = -\\sum_j`` the summand may be on the next row."""
    whole = at == 1
    label: list[Token] = []
    if at < len(tokens) and tokens[at].text == "_":
        found = _script(tokens, at + 1)
        if found is None:
            return False
        label, at = found
        if not label or any(t.text in _INDEXING for t in label):
            return False  # \sum_{i=1}: the bounds of a sum
    if at < len(tokens) and tokens[at].text == "^":
        power = tokens[at + 1 : at + 2]
        if not power or power[0].kind != "num":
            return False  # \sum^n: an upper bound
        at += 2
    if at >= len(tokens):
        return whole
    if tokens[at].text in _ENDS:
        return True
    if tokens[at].text in ("+", "-"):
        used = {t.text for t in label if t.kind in ("letter", "cmd", "word")}
        return not used & set(_next_term(tokens, at))
    return False

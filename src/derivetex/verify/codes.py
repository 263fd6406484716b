"""Finding codes: every ``error`` carries a stable code named after the kind of its diagnosis.

The codes are data (``CODES``), so ``--codes``, ``select`` / ``ignore``, SARIF's rules and the
README's table all read the same records. ``code_for`` is the one mapping from a diagnosis
to its code: a pure function of the diagnosis's words (the judge starts each cause with its
kind: "sign flipped", "term dropped", "log base", ...) and of what the link states (a number,
a derivative), for the causes the judge cannot name. An ``unchecked`` finding's code is its
reason (``REASONS``); an ``ok`` finding has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One registered code: ``DT101``, a snake_case name, what it means, and an example."""

    code: str
    name: str
    meaning: str
    example: str
    prefixes: tuple[str, ...] = ()
    """The first words of the diagnoses of this kind (matched case-insensitively)."""


CODES = (
    Code("DT101", "wrong_number", "a number written in the text is not what the expression gives",
         r"E = -\log 0.5 = 0.9 (it is 0.693147)", ("rounding",)),
    Code("DT102", "wrong_sign", "the right-hand side (or one of its terms) has the wrong sign",
         r"-\log y = \log y", ("sign flipped", "sign of one term flipped")),
    Code("DT103", "wrong_log_base", "logarithms of one base on one side, of another on the other",
         r"\log_2 8 = 2.079442 (that is \ln 8)",
         ("log base", "base-", "natural logarithms used")),
    Code("DT104", "dropped_or_extra_term", "a term is missing, added or counted twice",
         r"\log(ab) + c = \log a + \log b", ("term dropped", "term added", "term counted twice")),
    Code("DT105", "wrong_factor", "the sides differ by a constant factor",
         r"\frac{d}{dx} x^2 = x (a factor 2 lost)", ("factor",)),
    Code("DT106", "wrong_derivative", "a derivative that does not hold, with no simpler cause",
         r"\frac{d}{dx} \sin x = -\cos x + x"),
    Code("DT107", "misapplied_log_rule", "a log rule applied that does not hold",
         r"\log(a + b) = \log a + \log b", ("misapplied log rule",)),
    Code("DT199", "other", "the sides differ and no cause above fits", r"x + 1 = x^2"),
)
"""Codes of ``error`` findings, in the order the README and ``--codes`` list them."""

NOTICES = (
    Code("DT001", "unused_suppression",
         "a derivetex: ignore (or off) comment that suppresses no finding",
         "<!-- derivetex: ignore --> above a link that holds"),
    Code("DT002", "unknown_code", "a suppression names a code derivetex does not have",
         "<!-- derivetex: ignore DT999 -->"),
)
"""Codes of warnings about the document's own derivetex comments (never change the exit)."""

BY_CODE = {entry.code: entry for entry in (*CODES, *NOTICES)}
NUMBER, DERIVATIVE, IDENTITY = "number", "derivative", "identity"
_DERIVATIVE = re.compile(r"\\partial|\\nabla|\\d?frac\s*\{\s*(?:\\mathrm\s*\{\s*)?d\b|'")


def code_for(diagnosis: str | None, subject: str = IDENTITY) -> str:
    """The code of an error with ``diagnosis`` (the judge's words, or None) on a link that
    states ``subject``: a number, a derivative or an identity. A named cause decides; without
    one, a wrong number is DT101, a wrong derivative DT106, anything else DT199."""
    if diagnosis:
        words = diagnosis.strip().lower()
        for entry in CODES:
            if any(words.startswith(prefix) for prefix in entry.prefixes):
                return entry.code
    if subject == NUMBER:
        return "DT101"
    if subject == DERIVATIVE:
        return "DT106"
    return "DT199"


def subject_of(right: str, text: str, number: bool) -> str:
    """What a link states, from its text: ``number`` when its right side is a written number
    (``number``, as the caller parsed it), ``derivative`` when it differentiates."""
    if number:
        return NUMBER
    return DERIVATIVE if _DERIVATIVE.search(text) else IDENTITY


def finding_code(
    status: str, diagnosis: str | None, reason: str | None, subject: str
) -> str | None:
    """The code a finding carries: an error's from ``code_for``, an unchecked one's reason."""
    if status == "error":
        return code_for(diagnosis, subject)
    if status == "unchecked":
        return reason
    return None


REASONS = {
    "relation": "a relation other than =, ≈, := or an inequality",
    "unread": "a side derivetex cannot read with certainty",
    "vector": "vector or matrix algebra (a scalar reading could be wrong)",
    "opaque": "the sides relate terms derivetex cannot expand",
    "definition": "wrong only under a definition that looks mistyped (an index as a number)",
    "equation": "a lone equation (a condition to solve), not a claimed identity",
    "undefined": "a name the document never defines",
    "no-value": "a value that depends on names with no value",
    "not-evaluable": "sides that cannot be evaluated at positive real points",
    "approximate": "≈ between expressions",
    "differential": "a relation between differentials (d(Σ⁻¹) = -Σ⁻¹ dΣ Σ⁻¹)",
    "independent": "a derivative by a name its body, as read, does not depend on",
    "limit": "a size or nesting limit",
    "budget": "the time or memory budget of a link",
    "condition": "a condition no value meets, or a step that may rest on a stated condition",
    "inequality": "an inequality between expressions",
    "fact": "holds only under a fact (Σ t_k = 1) the section does not state",
    "indices": "different free indices on the two sides (an implicit sum?)",
    "optimum": "an argmax or argmin whose objectives derivetex cannot relate",
    "internal": "the reading or check of this link failed unexpectedly (DERIVETEX_DEBUG=1)",
    "disabled": "the reading this link needs is turned off (--disable-reading)",
    "preview": "fails only on a reading that may confirm, not accuse",
    "readings": "fails on one reading of its notation; another cannot be judged",
    "cap": "more candidate readings than are judged per link",
    "follows": "right given an earlier wrong number of its section (one mistake, one error)",
    "index-dropped": "a name indexed on one side and bare on the other (y_i and y)",
}
"""Stable reason codes of ``unchecked`` findings (``--json`` ``reason``), with their meaning."""

def known(selector: str) -> bool:
    """Whether ``selector`` names a code or a prefix of one (``DT1``) or an unchecked reason."""
    if any(code.startswith(selector) for code in BY_CODE) and selector.startswith("DT"):
        return True
    return selector in REASONS


def matches(code: str | None, selectors: tuple[str, ...]) -> bool:
    """Whether ``code`` is one of ``selectors`` or starts with one (ruff's prefix selection)."""
    return code is not None and any(code.startswith(selector) for selector in selectors)


def listing() -> str:
    """``derivetex verify --codes``: every code with its meaning, then the unchecked reasons."""
    lines = ["errors:"]
    lines += [f"  {c.code}  {c.name:<22} {c.meaning}" for c in CODES]
    lines.append("warnings (about derivetex comments):")
    lines += [f"  {c.code}  {c.name:<22} {c.meaning}" for c in NOTICES]
    lines.append("unchecked (the code is the reason):")
    lines += [f"  {reason:<28} {meaning}" for reason, meaning in REASONS.items()]
    return "\n".join(lines) + "\n"

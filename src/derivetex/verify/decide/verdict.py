"""The verdict rule: one function turns a link's answers into its finding.

A check answers for one *candidate* reading of a link: it holds, it fails, or it cannot say
(with a reason code), and names the registered readings (``verify.readings``) the answer
rests on. The candidates come primary first (the reading as written), then alternatives (a
definition further down, an earlier section's, another reading of ambiguous notation).
:func:`decide` is the only place where a link becomes an ``error``:

- ``ok`` when the primary candidate holds;
- ``ok`` when only an alternative holds (its message names the reading it took);
- ``error`` when every candidate whose readings may accuse fails, and there is one, and no
  other candidate is left that cannot be judged (derivetex is certain under every reading);
  a primary that could not be read at all is no reading, so the alternatives that read the
  link (an undefined shorthand by its convention, R701) are then the candidates;
- ``unchecked`` otherwise, with the reason of the primary answer: what withheld a failure on
  a confirm-only reading (``preview``, or the check's own word), ``readings`` when another
  reading could not be judged, ``follows`` when it holds with the numbers an earlier error
  wrote (``decide.consequences``: one mistake, one error), ``index-dropped`` when it relates
  y_i to a bare y (``decide.index_notation``), ``cap`` past :data:`MAX_CANDIDATES`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from derivetex.verify.codes import IDENTITY, finding_code
from derivetex.verify.readings import confirm_only, may_accuse
from derivetex.verify.report import ERROR, OK, UNCHECKED, Finding

HOLDS = OK
FAILS = "fails"
UNKNOWN = UNCHECKED
WITHHOLDING = ("follows", "index-dropped")
"""Reasons of an alternative that, unjudged, is what the finding says: the link follows from an
earlier error (one mistake, one error), or it relates a family y_i to a bare y."""
MAX_CANDIDATES = 16
"""Candidate readings judged per link at most; a link with more says so in its reason."""


@dataclass(frozen=True)
class Answer:
    """What the judge says of one candidate reading: ``HOLDS``, ``FAILS`` or ``UNKNOWN``.

    ``readings`` are the codes it rests on; ``withheld`` is what to say instead when it fails
    on a reading that may only confirm (``None``: a general unchecked answer naming it).
    """

    status: str
    message: str
    diagnosis: str | None = None
    reason: str | None = None
    readings: tuple[str, ...] = ()
    withheld: Answer | None = None

    def resting_on(self, *codes: str) -> Answer:
        """The same answer, resting on ``codes`` as well (each once, in order)."""
        more = tuple(code for code in codes if code not in self.readings)
        return replace(self, readings=self.readings + more) if more else self


Make = Callable[..., Answer]
"""``make(status, message, diagnosis=None, reason="", readings=())``: one answer of a link."""


def answer(
    status: str,
    message: str,
    diagnosis: str | None = None,
    reason: str = "",
    readings: tuple[str, ...] = (),
) -> Answer:
    """An answer; ``status`` is ``HOLDS``, ``FAILS`` or ``UNKNOWN`` (never ``error``)."""
    if status not in (HOLDS, FAILS, UNKNOWN):
        raise ValueError(f"an answer is {HOLDS}, {FAILS} or {UNKNOWN}, not {status!r}")
    return Answer(status, message, diagnosis, reason or None, tuple(readings))


def decide(
    line: int, latex: str, answers: Sequence[Answer], subject: str = IDENTITY,
    preview: bool = False,
) -> Finding:
    """The finding of the link written ``latex`` on ``line`` from its candidates' answers
    (primary first); the one rule of the module docstring. ``subject`` (``codes``: a
    number, a derivative, an identity) chooses an error's code; with ``preview``
    (``--preview``) a confirm-only reading may accuse as the measured ones do."""
    if not answers:
        raise ValueError("a link is decided over at least one answer")
    capped = len(answers) > MAX_CANDIDATES
    answers = answers[:MAX_CANDIDATES]
    primary = answers[0]
    held = next((a for a in answers if a.status == HOLDS), None)
    if held is not None:
        return _finding(line, latex, OK, held, subject)
    judged = answers[1:] if primary.reason == "unread" and len(answers) > 1 else answers
    accusing = [a for a in judged if preview or may_accuse(a.readings)]
    unjudged = [a for a in answers[1:] if a.status == UNKNOWN]
    if accusing and all(a.status == FAILS for a in accusing) and not unjudged:
        return _finding(line, latex, ERROR, accusing[0], subject)
    if primary.status == FAILS and not (preview or may_accuse(primary.readings)):
        said = primary.withheld or _withheld(primary)
        primary = replace(said, readings=primary.readings)
    elif primary.status == FAILS and any(a.reason in WITHHOLDING for a in unjudged):
        primary = next(a for a in unjudged if a.reason in WITHHOLDING)
    elif primary.status == FAILS:  # another reading could not be judged
        other = next((a for a in accusing if a.status != FAILS), None) or unjudged[0]
        message = f"{primary.message}; but another reading cannot be judged: {other.message}"
        primary = Answer(UNKNOWN, message, primary.diagnosis, "readings", primary.readings)
    if capped:
        more = f" (only the first {MAX_CANDIDATES} readings tried)"
        primary = replace(primary, message=primary.message + more, reason=primary.reason or "cap")
    return _finding(line, latex, UNCHECKED, primary, subject)


def _withheld(failed: Answer) -> Answer:
    """A failure on a confirm-only reading, said as what it is."""
    codes = ", ".join(confirm_only(failed.readings))
    message = f"{failed.message} (reading {codes}, which only confirms)"
    return Answer(UNKNOWN, message, None, "preview", failed.readings)


def _finding(line: int, latex: str, status: str, settled: Answer, subject: str) -> Finding:
    code = finding_code(status, settled.diagnosis, settled.reason, subject)
    return Finding(
        line, status, latex, settled.message, settled.diagnosis, settled.reason,
        readings=settled.readings, code=code,
    )


def is_error(finding: Finding) -> bool:
    """Whether :func:`decide` made ``finding`` an error (what later links may follow from)."""
    return finding.status == ERROR

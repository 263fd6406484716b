"""Where notation has two readings, the grammar asks a ``Chooser`` which one to take.

A reading of a side is one run of the grammar with a *plan*: the answers to give, in order,
to the questions it meets (``y_k(\\phi_n)``: applied or a product?). The first reading answers
0 everywhere (today's reading, what ``parse`` returns); ``reader.ambiguity`` replays the grammar
with other plans to list the alternatives. A question asked again about the same thing (the
same name before a bracket, ``e`` anywhere in the side) gets the same answer, so one side never
reads one ``e`` as Euler's number and the next as a name.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field


@dataclass
class Made:
    """One question met in a run: its codes (option 0, option 1), the answer, and the hint
    the grammar gave for the answer when it is not option 0."""

    key: Hashable
    codes: tuple[str, str]
    chosen: int
    hint: str = ""


@dataclass
class Chooser:
    """Answers the grammar's questions from ``plan`` (0 beyond it) and records them."""

    source: str
    plan: tuple[int, ...] = ()
    made: list[Made] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    """Codes of readings without an alternative that this run used (``log`` as ``\\log``)."""

    def choose(self, key: Hashable, codes: tuple[str, str]) -> int:
        """The answer to the question ``key`` (0: the first reading, 1: the other)."""
        for made in self.made:
            if made.key == key:
                return made.chosen
        index = len(self.made)
        chosen = self.plan[index] if index < len(self.plan) else 0
        self.made.append(Made(key, codes, chosen))
        return chosen

    def explain(self, key: Hashable, written: str, reading: str, advice: str) -> None:
        """Say, for the answer given to ``key``, what the writer wrote and how it was read."""
        for made in self.made:
            if made.key == key and made.chosen:
                made.hint = f"holds when `{written.strip()}` is read as {reading}; {advice}"

    def note(self, code: str) -> None:
        if code not in self.met:
            self.met.append(code)

    def text(self, start: int, end: int | None) -> str:
        """The source between two offsets (to the end when ``end`` is None)."""
        return self.source[start:end].strip()

    def readings(self) -> tuple[str, ...]:
        """The codes this run rests on: each answer's code, then the plain readings met."""
        chosen = [made.codes[made.chosen] for made in self.made]
        return tuple(dict.fromkeys([*chosen, *self.met]))

    def other_readings(self) -> tuple[str, ...]:
        """The codes of the answers other than the first option (what makes it another
        reading)."""
        return tuple(dict.fromkeys(made.codes[1] for made in self.made if made.chosen))

    def hint(self) -> str:
        return "; ".join(made.hint for made in self.made if made.chosen and made.hint)

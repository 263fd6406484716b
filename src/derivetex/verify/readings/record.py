"""The record of one reading: what it reads, where it applies and where not, and its right
to accuse."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CODE = re.compile(r"R\d{3}")
_NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class ReadingRecord:
    """A registered reading of notation.

    ``example`` is a small document (Markdown) whose findings rest on this reading;
    ``counter`` one whose findings must not (``tests/verify/readings/`` reads both).
    ``accuses``: whether a link may be an ``error`` on this reading alone; ``False`` is the
    preview state of every new reading, lifted only once ``measured`` names documents it was
    measured on that it was not written against.
    """

    code: str
    name: str
    family: str
    reads: str
    example: str
    counter: str
    accuses: bool = False
    measured: str = ""

    def __post_init__(self) -> None:
        if not _CODE.fullmatch(self.code):
            raise ValueError(f"reading code {self.code!r} is not R followed by three digits")
        if not _NAME.fullmatch(self.name):
            raise ValueError(f"reading name {self.name!r} is not snake_case")
        if self.accuses and not self.measured:
            raise ValueError(f"reading {self.code} accuses but says nowhere where it was measured")

    @property
    def role(self) -> str:
        """``accuses`` or ``confirms``, as the catalog prints it."""
        return "accuses" if self.accuses else "confirms"

"""Where each chain and row of a spec sits in its TOML text, so a refusal names the line.

``tomllib`` keeps no positions, so the text is scanned once: ``[[chains]]`` headers count
the chains, the keys of a chain's table give ``chains[2].lhs``, and inside ``rows = [``
every element at the array's own depth starts ``chains[2].rows[3]``. Strings (all four TOML
kinds) and comments are skipped, so a ``[`` or ``,`` inside LaTeX counts for nothing.
A spec written another way (chains as an inline array) simply has no lines: the message
then names the key alone, as before.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"[ \t]*\[\[[ \t]*chains[ \t]*\]\][ \t]*(#.*)?$")
_TABLE = re.compile(r"[ \t]*\[")
_KEY = re.compile(r"[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=")
_STRING_ENDS = {'"""': '"""', "'''": "'''", '"': '"', "'": "'"}


def key_lines(text: str) -> dict[str, int]:
    """``{"chains[1]": 12, "chains[1].lhs": 14, "chains[1].rows[1]": 18, ...}`` (1-based)."""
    lines: dict[str, int] = {}
    chains = 0
    chain = 0  # the chain whose table the scan is in; 0 outside every chain
    position = 0
    while position < len(text):
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        line = text[position:line_end]
        number = text.count("\n", 0, position) + 1
        if _HEADER.match(line):
            chains += 1
            chain = chains
            lines[f"chains[{chain}]"] = number
        elif _TABLE.match(line):
            chain = 0  # another table: keys below belong to it, not to a chain
        elif (key := _KEY.match(line)) and chain:
            lines[f"chains[{chain}].{key.group(1)}"] = number
            if key.group(1) == "rows":
                opening = text.find("[", position + key.end(), line_end + 1)
                if opening >= 0:
                    line_end = _array_rows(text, opening, f"chains[{chain}]", lines)
        line_end = _past_value(text, position, line_end)
        position = line_end + 1
    return lines


def _array_rows(text: str, opening: int, chain: str, lines: dict[str, int]) -> int:
    """Record where each element of the array opened at ``opening`` starts; return the
    index of the end of the line the array closes on."""
    depth, expecting, row, i = 0, True, 0, opening
    while i < len(text):
        char = text[i]
        if char in "'\"":
            if depth == 1 and expecting:
                row, expecting = row + 1, False
                lines[f"{chain}.rows[{row}]"] = text.count("\n", 0, i) + 1
            i = _string_end(text, i)
            continue
        if char == "#":
            i = _line_end(text, i)
            continue
        if char in "[{":
            depth += 1
            if depth == 2 and expecting:
                row, expecting = row + 1, False
                lines[f"{chain}.rows[{row}]"] = text.count("\n", 0, i) + 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return _line_end(text, i)
        elif char == "," and depth == 1:
            expecting = True
        i += 1
    return len(text)


def _past_value(text: str, start: int, line_end: int) -> int:
    """The end of the line on which a value begun on this line ends (multi-line strings)."""
    i = start
    while i < line_end:
        char = text[i]
        if char == "#":
            return line_end
        if char in "'\"":
            i = _string_end(text, i)
            if i > line_end:
                line_end = _line_end(text, i - 1)
            continue
        i += 1
    return line_end


def _string_end(text: str, start: int) -> int:
    """The index just past the string that opens at ``start``."""
    opener = text[start:start + 3] if text[start:start + 3] in _STRING_ENDS else text[start]
    closer = _STRING_ENDS[opener]
    i = start + len(opener)
    while i < len(text):
        if text[i] == "\\" and opener[0] == '"':
            i += 2
            continue
        if text.startswith(closer, i):
            end = i + len(closer)
            while len(closer) == 3 and end < len(text) and text[end] == closer[0]:
                end += 1  # '''a'''' : the quotes just before the closer belong to the string
            return end
        if text[i] == "\n" and len(closer) == 1:
            return i
        i += 1
    return len(text)


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end

"""Decide whether a rendered page is blank, reading PNG with the standard library only.

A page is blank when fewer than ``min_ink`` pixels differ from the background (the colour
of the most common pixel) by more than ``threshold`` in any channel.
"""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from derivetex.errors import DerivetexError

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> samples per pixel


@dataclass(frozen=True)
class Image:
    """Decoded 8-bit pixels: ``rows[y]`` holds ``width * channels`` samples."""

    width: int
    height: int
    channels: int
    rows: list[bytes]


def read_png(path: Path) -> Image:
    """Decode an 8-bit, non-interlaced PNG (what pdftoppm and Chromium write)."""
    data = Path(path).read_bytes()
    if not data.startswith(_SIGNATURE):
        raise DerivetexError(f"{path}: not a PNG file")
    pos, idat, header = len(_SIGNATURE), bytearray(), None
    palette = b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if header is None:
        raise DerivetexError(f"{path}: PNG without IHDR")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace or colour not in _CHANNELS:
        raise DerivetexError(f"{path}: unsupported PNG (depth {depth}, colour type {colour})")
    channels = _CHANNELS[colour]
    rows = _unfilter(zlib.decompress(bytes(idat)), width * channels, height, channels)
    if colour == 3:  # palette: expand indices to RGB
        rows = [b"".join(palette[3 * i : 3 * i + 3] for i in row) for row in rows]
        channels = 3
    return Image(width, height, channels, rows)


def _unfilter(raw: bytes, stride: int, height: int, bpp: int) -> list[bytes]:
    """Undo the per-scanline PNG filters (None, Sub, Up, Average, Paeth)."""
    rows: list[bytes] = []
    prev = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        elif kind != 0:
            raise DerivetexError(f"unknown PNG filter type {kind} in row {y}")
        prev = bytes(line)
        rows.append(prev)
    return rows


def ink_pixels(image: Image, threshold: int = 48) -> int:
    """Count pixels that differ from the most common pixel by more than ``threshold``."""
    n = image.channels
    pixels = Counter(row[i : i + n] for row in image.rows for i in range(0, len(row), n))
    background = pixels.most_common(1)[0][0]
    return sum(
        count
        for pixel, count in pixels.items()
        if max(abs(a - b) for a, b in zip(pixel, background, strict=True)) > threshold
    )


def is_blank_png(path: Path, min_ink: int = 50, threshold: int = 48) -> bool:
    """True when the picture has fewer than ``min_ink`` pixels of visible content."""
    return ink_pixels(read_png(path), threshold) < min_ink

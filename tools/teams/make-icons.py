#!/usr/bin/env python3
"""Generate the Teams app icons for NonCoopBot (standard library only).

    python3 tools/teams/make-icons.py [output-dir]     # default: manifest/

color.png   192x192, RGB: a white ring around a bold "N" (96x96 symbol) centred on a solid
            dark-blue square, no rounded corners, 48 px padding on every side.
outline.png 32x32, RGBA: the same symbol in pure white (255,255,255) on a fully transparent
            background, no padding. Every pixel has RGB 255,255,255; only alpha varies
            (anti-aliased edges), so the icon has no other colour.

Deterministic: running it twice gives byte-identical files.
"""
from __future__ import annotations

import math
import os
import struct
import sys
import zlib

DARK_BLUE = (0x1F, 0x3A, 0x5F)  # same as accentColor in manifest/manifest.json
WHITE = (255, 255, 255)
SUPERSAMPLE = 4  # per axis


def _inside_symbol(x: float, y: float) -> bool:
    """The symbol in unit coordinates: x, y in [-1, 1], y growing downwards."""
    r = math.hypot(x, y)
    if 0.80 <= r <= 1.0:  # ring
        return True
    # bold "N": two stems and a diagonal
    top, bottom = -0.46, 0.46
    left_stem = (-0.44, -0.24)
    right_stem = (0.24, 0.44)
    if top <= y <= bottom:
        if left_stem[0] <= x <= left_stem[1] or right_stem[0] <= x <= right_stem[1]:
            return True
        # diagonal band from the top of the left stem to the bottom of the right stem
        t = (y - top) / (bottom - top)  # 0 at top, 1 at bottom
        centre = left_stem[0] + 0.10 + t * ((right_stem[1] - 0.10) - (left_stem[0] + 0.10))
        if abs(x - centre) <= 0.13:
            return True
    return False


def _coverage(px: int, py: int, origin: float, size: float) -> float:
    """Fraction of pixel (px, py) covered by the symbol drawn in the square [origin, origin+size)."""
    hits = 0
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            x = px + (sx + 0.5) / SUPERSAMPLE
            y = py + (sy + 0.5) / SUPERSAMPLE
            ux = (x - origin) / size * 2.0 - 1.0
            uy = (y - origin) / size * 2.0 - 1.0
            if _inside_symbol(ux, uy):
                hits += 1
    return hits / (SUPERSAMPLE * SUPERSAMPLE)


def _png(width: int, height: int, colour_type: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 (None) on every scanline
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def color_icon() -> bytes:
    size, symbol = 192, 96
    origin = (size - symbol) / 2
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            a = _coverage(px, py, origin, symbol)
            row += bytes(round(bg + (fg - bg) * a) for fg, bg in zip(WHITE, DARK_BLUE))
        rows.append(bytes(row))
    return _png(size, size, 2, rows)


def outline_icon() -> bytes:
    size = 32
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            a = _coverage(px, py, 0.0, float(size))
            row += bytes((*WHITE, round(255 * a)))
        rows.append(bytes(row))
    return _png(size, size, 6, rows)


def main(argv: list[str]) -> int:
    out = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "manifest")
    os.makedirs(out, exist_ok=True)
    for name, data in (("color.png", color_icon()), ("outline.png", outline_icon())):
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(data)
        print(f"wrote {os.path.normpath(path)} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

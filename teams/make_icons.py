"""Draw the two Teams app icons with the standard library only (zlib + struct).

    python teams/make_icons.py          # writes teams/manifest/color.png and outline.png

The glyph is a small community: three people (circles) joined in a triangle around a shared
centre, the question they work on. Teams wants a 192x192 full-colour icon (the symbol inside
the central 120x120 safe area, background to the edges) and a 32x32 outline icon that is white
on a transparent background. Edges are anti-aliased by supersampling.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

ACCENT = (0x2E, 0x6F, 0x8E)  # keep equal to accentColor in manifest.json
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # per axis: 16 samples per pixel

Shape = Callable[[float, float], bool]


def glyph(scale: float, cx: float, cy: float) -> Shape:
    """The symbol in a unit box [-1, 1]^2, scaled by ``scale`` pixels and centred."""
    nodes = [(math.cos(a), math.sin(a)) for a in (-math.pi / 2, math.pi / 6, 5 * math.pi / 6)]
    nodes = [(0.72 * x, 0.72 * y + 0.08) for x, y in nodes]
    radius, centre_radius, line = 0.25, 0.16, 0.08
    centre = (0.0, 0.08)

    def near_segment(px: float, py: float, a: tuple[float, float], b: tuple[float, float]) -> bool:
        ax, ay = a
        bx, by = b
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        return math.hypot(px - (ax + t * dx), py - (ay + t * dy)) <= line

    def inside(x: float, y: float) -> bool:
        u, v = (x - cx) / scale, (y - cy) / scale
        if any(math.hypot(u - nx, v - ny) <= radius for nx, ny in nodes):
            return True
        if math.hypot(u - centre[0], v - centre[1]) <= centre_radius:
            return True
        return any(near_segment(u, v, node, centre) for node in nodes) or any(
            near_segment(u, v, nodes[i], nodes[(i + 1) % 3]) for i in range(3)
        )

    return inside


def coverage(shape: Shape, x: int, y: int) -> float:
    step = 1 / SAMPLES
    hits = sum(
        shape(x + (i + 0.5) * step, y + (j + 0.5) * step)
        for i in range(SAMPLES)
        for j in range(SAMPLES)
    )
    return hits / (SAMPLES * SAMPLES)


def color_icon(size: int = 192) -> list[list[tuple[int, int, int, int]]]:
    # The symbol fits the 120x120 safe area in the middle of the 192x192 icon.
    shape = glyph(scale=size * 120 / 192 / 2, cx=size / 2, cy=size / 2)
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            a = coverage(shape, x, y)
            rgb = tuple(round(c * (1 - a) + w * a) for c, w in zip(ACCENT, WHITE, strict=True))
            row.append((rgb[0], rgb[1], rgb[2], 255))
        rows.append(row)
    return rows


def outline_icon(size: int = 32) -> list[list[tuple[int, int, int, int]]]:
    shape = glyph(scale=size / 2 - 1, cx=size / 2, cy=size / 2)
    return [
        [(255, 255, 255, round(255 * coverage(shape, x, y))) for x in range(size)]
        for y in range(size)
    ]


def png(pixels: list[list[tuple[int, int, int, int]]]) -> bytes:
    """An 8-bit RGBA PNG."""
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(__file__).resolve().parent / "manifest"
    out.mkdir(parents=True, exist_ok=True)
    (out / "color.png").write_bytes(png(color_icon()))
    (out / "outline.png").write_bytes(png(outline_icon()))
    print(f"wrote {out / 'color.png'} and {out / 'outline.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

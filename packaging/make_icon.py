"""Draw the Overstap application icon (PNG at several sizes and a Windows .ico) with Pillow.

The icon is generated, not downloaded: two steps with an arrow stepping from the lower one to the
higher one ("overstap"), white on a teal rounded square. Run it after changing the drawing:

    .venv/bin/python packaging/make_icon.py

The outputs in resources/icons/ are committed, so a build does not need Pillow.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
MASTER = 1024
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
TOP = (31, 111, 139)  # teal blue
BOTTOM = (42, 157, 143)  # teal green
WHITE = (255, 255, 255, 255)


def _gradient(size: int) -> Image.Image:
    image = Image.new("RGBA", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):
        t = y / (size - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(TOP, BOTTOM, strict=True))
        draw.line([(0, y), (size, y)], fill=(*colour, 255))
    return image


def draw_master(size: int = MASTER) -> Image.Image:
    s = size / 1024
    background = _gradient(size)
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, size - 1, size - 1], radius=round(200 * s), fill=255)
    icon = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    icon.paste(background, (0, 0), mask)

    draw = ImageDraw.Draw(icon)
    # Two steps: a lower one on the left, a higher one on the right.
    draw.rounded_rectangle([170 * s, 640 * s, 470 * s, 850 * s], radius=round(28 * s), fill=WHITE)
    draw.rounded_rectangle([554 * s, 470 * s, 854 * s, 850 * s], radius=round(28 * s), fill=WHITE)

    # An arc from above the lower step to above the higher step, ending in an arrow head.
    cx, cy, r = 500 * s, 500 * s, 235 * s
    width = round(66 * s)
    start, end = 172, 318  # degrees, Pillow measures clockwise from 3 o'clock
    draw.arc([cx - r, cy - r, cx + r, cy + r], start=start, end=end, fill=WHITE, width=width)
    # Round cap at the start of the arc.
    a0 = math.radians(start)
    r_mid = r - width / 2
    x0, y0 = cx + r_mid * math.cos(a0), cy + r_mid * math.sin(a0)
    draw.ellipse([x0 - width / 2, y0 - width / 2, x0 + width / 2, y0 + width / 2], fill=WHITE)
    # Arrow head at the end, pointing along the arc's direction (clockwise tangent).
    a1 = math.radians(end)
    x1, y1 = cx + r_mid * math.cos(a1), cy + r_mid * math.sin(a1)
    tangent = (-math.sin(a1), math.cos(a1))
    normal = (math.cos(a1), math.sin(a1))
    head_len, head_half = 170 * s, 100 * s
    tip = (x1 + tangent[0] * head_len * 0.75, y1 + tangent[1] * head_len * 0.75)
    back = (x1 - tangent[0] * head_len * 0.25, y1 - tangent[1] * head_len * 0.25)
    left = (back[0] + normal[0] * head_half, back[1] + normal[1] * head_half)
    right = (back[0] - normal[0] * head_half, back[1] - normal[1] * head_half)
    draw.polygon([tip, left, right], fill=WHITE)
    return icon


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    master = draw_master()
    for size in PNG_SIZES:
        master.resize((size, size), Image.Resampling.LANCZOS).save(OUT / f"overstap-{size}.png", optimize=True)
    master.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "overstap.png", optimize=True)
    master.save(OUT / "overstap.ico", sizes=[(n, n) for n in ICO_SIZES])
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()

"""Product pictures for the demo catalogue, drawn with Pillow.

No photographs, fonts or network: each picture is a gradient in the colours of
the product's OCOP group, one simple motif (a vase, the star of a bronze drum,
a leaf…) and a small red-and-gold badge. The random generator is seeded with
the product code, so a product always gets the same picture.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

from PIL import Image, ImageDraw, ImageFilter

SIZE = 800
# ImageDraw does not anti-alias: motifs are drawn at twice the size and scaled
# down, which smooths their edges.
_SUPERSAMPLE = 2

RGB = tuple[int, int, int]
Point = tuple[float, float]


@dataclass(frozen=True)
class Palette:
    top: RGB
    bottom: RGB
    main: RGB
    dark: RGB
    accent: RGB
    light: RGB


# One palette per OCOP product group (1–6): greens and gold for food, blues for
# beverages, sage for herbs, browns for crafts, leaf and blossom for ornamental
# plants, the programme's red and gold for tourism.
PALETTES: dict[int, Palette] = {
    1: Palette((248, 242, 214), (196, 219, 150), (92, 140, 48), (50, 84, 30), (214, 158, 36), (255, 251, 236)),
    2: Palette((230, 241, 249), (140, 184, 220), (36, 94, 150), (20, 54, 94), (212, 164, 52), (250, 252, 255)),
    3: Palette((238, 245, 236), (156, 198, 176), (58, 128, 96), (28, 78, 60), (204, 128, 58), (250, 253, 248)),
    4: Palette((248, 234, 212), (204, 158, 112), (142, 84, 40), (84, 46, 22), (178, 46, 36), (253, 246, 232)),
    5: Palette((241, 249, 236), (174, 212, 156), (64, 130, 58), (38, 80, 34), (226, 108, 140), (253, 250, 250)),
    6: Palette((253, 238, 204), (214, 86, 56), (166, 28, 32), (104, 18, 20), (242, 190, 58), (255, 247, 226)),
}  # fmt: skip

_BRONZE = ((182, 132, 58), (108, 72, 28), (236, 200, 112))
_BAMBOO = ((218, 180, 106), (146, 106, 50))
_STRAW = ((234, 206, 138), (170, 132, 64))
_RED = (190, 36, 36)
_WHITE = (255, 255, 255)


class _Pen:
    """ImageDraw on a 1000 × 1000 grid, whatever the pixel size of the image."""

    def __init__(self, image: Image.Image) -> None:
        self.image = image
        self.draw = ImageDraw.Draw(image)
        self.k = image.width / 1000

    def _xy(self, points: Iterable[Point]) -> list[Point]:
        return [(x * self.k, y * self.k) for x, y in points]

    def _w(self, width: float) -> int:
        return max(1, round(width * self.k))

    def ellipse(self, cx, cy, rx, ry, fill=None, outline=None, width=0) -> None:
        box = self._xy([(cx - rx, cy - ry), (cx + rx, cy + ry)])
        self.draw.ellipse(box, fill=fill, outline=outline, width=self._w(width) if outline else 0)

    def circle(self, cx, cy, r, **kwargs) -> None:
        self.ellipse(cx, cy, r, r, **kwargs)

    def chord(self, cx, cy, rx, ry, start, end, fill) -> None:
        self.draw.chord(self._xy([(cx - rx, cy - ry), (cx + rx, cy + ry)]), start, end, fill=fill)

    def arc(self, cx, cy, rx, ry, start, end, fill, width) -> None:
        box = self._xy([(cx - rx, cy - ry), (cx + rx, cy + ry)])
        self.draw.arc(box, start, end, fill=fill, width=self._w(width))

    def polygon(self, points, fill=None, outline=None, width=0) -> None:
        self.draw.polygon(
            self._xy(points),
            fill=fill,
            outline=outline,
            width=self._w(width) if outline else 0,
        )

    def line(self, points, fill, width) -> None:
        self.draw.line(self._xy(points), fill=fill, width=self._w(width), joint="curve")

    def rect(self, x0, y0, x1, y1, fill=None, radius=0, outline=None, width=0) -> None:
        self.draw.rounded_rectangle(
            self._xy([(x0, y0), (x1, y1)]),
            radius=radius * self.k,
            fill=fill,
            outline=outline,
            width=self._w(width) if outline else 0,
        )


# --- geometry ---------------------------------------------------------------


def _leaf(cx: float, cy: float, length: float, width: float, angle: float) -> list[Point]:
    """A leaf (or petal) from its base at (cx, cy), pointing at `angle` degrees."""
    ux, uy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    nx, ny = -uy, ux
    left, right = [], []
    for i in range(25):
        t = i / 24
        along, half = t * length, width / 2 * math.sin(math.pi * t) ** 0.8
        left.append((cx + ux * along + nx * half, cy + uy * along + ny * half))
        right.append((cx + ux * along - nx * half, cy + uy * along - ny * half))
    return left + right[::-1]


def _star(cx: float, cy: float, outer: float, inner: float, rays: int, turn=-90.0) -> list[Point]:
    points = []
    for i in range(rays * 2):
        r = outer if i % 2 == 0 else inner
        a = math.radians(turn + i * 180 / rays)
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def _profile(cx: float, top: float, bottom: float, radii: list[tuple[float, float]]):
    """A turned shape (vase, bottle) from (height fraction, radius) control points."""
    right = []
    for (f0, r0), (f1, r1) in pairwise(radii):
        for i in range(12):
            t = i / 12
            ease = (1 - math.cos(math.pi * t)) / 2
            right.append(
                (
                    cx + r0 + (r1 - r0) * ease,
                    top + (f0 + (f1 - f0) * t) * (bottom - top),
                )
            )
    right.append((cx + radii[-1][1], bottom))
    left = [(2 * cx - x, y) for x, y in reversed(right)]
    return right + left


def _radius_at(radii: list[tuple[float, float]], fraction: float) -> float:
    for (f0, r0), (f1, r1) in pairwise(radii):
        if f0 <= fraction <= f1:
            ease = (1 - math.cos(math.pi * (fraction - f0) / (f1 - f0))) / 2
            return r0 + (r1 - r0) * ease
    return radii[-1][1]


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


# --- motifs -----------------------------------------------------------------
# Each motif draws on a transparent layer in the 1000 × 1000 grid; the object
# stands roughly between y = 220 and y = 800, centred on x = 500.


def _vase(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    belly = rng.uniform(170, 210)
    radii = [
        (0, 78),
        (0.1, 62),
        (0.3, 92),
        (0.58, belly),
        (0.86, belly * 0.72),
        (1, 110),
    ]
    pen.polygon(_profile(500, 230, 800, radii), fill=pal.main, outline=pal.dark, width=6)
    pen.ellipse(500, 232, 78, 20, fill=pal.dark)
    for fraction, colour, width in (
        (0.42, pal.accent, 16),
        (0.5, pal.light, 6),
        (0.7, pal.dark, 8),
    ):
        y, r = 230 + fraction * 570, _radius_at(radii, fraction) - 4
        pen.line([(500 - r, y), (500 + r, y)], fill=colour, width=width)
    # Glaze runs, as on Phù Lãng's eel-skin glaze.
    for _ in range(5):
        x = 500 + rng.uniform(-belly * 0.6, belly * 0.6)
        pen.ellipse(x, rng.uniform(560, 640), 10, rng.uniform(24, 44), fill=pal.dark)


def _drum(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    bronze, dark, gold = _BRONZE
    pen.circle(500, 500, 300, fill=bronze, outline=dark, width=10)
    for r in (250, 190, 130):
        pen.circle(500, 500, r, outline=dark, width=6)
    birds = rng.choice((12, 14, 16))
    for i in range(birds):
        a = 2 * math.pi * i / birds
        pen.polygon(
            _leaf(
                500 + 220 * math.cos(a),
                500 + 220 * math.sin(a),
                34,
                16,
                math.degrees(a) + 90,
            ),
            fill=dark,
        )
    for i in range(36):
        a = 2 * math.pi * i / 36
        pen.circle(500 + 160 * math.cos(a), 500 + 160 * math.sin(a), 7, fill=gold)
    pen.polygon(_star(500, 500, 118, 38, 14), fill=gold, outline=dark, width=4)
    pen.circle(500, 500, 28, fill=bronze, outline=dark, width=4)


def _tray(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    bronze, dark, gold = _BRONZE
    pen.ellipse(500, 600, 320, 130, fill=dark)
    pen.ellipse(500, 585, 320, 130, fill=bronze, outline=dark, width=6)
    for rx, ry in ((270, 105), (200, 78), (120, 46)):
        pen.ellipse(500, 585, rx, ry, outline=gold, width=6)
    pen.polygon([(x, 585 + (y - 585) * 0.4) for x, y in _star(500, 585, 100, 34, 12)], fill=gold)
    # An incense burner or bowl standing on the tray.
    pen.polygon(
        _profile(500, 300, 540, [(0, 90), (0.35, 120), (0.8, 80), (1, 70)]),
        fill=bronze,
        outline=dark,
        width=6,
    )
    pen.ellipse(500, 302, 90, 22, fill=dark)
    pen.line([(410, 390), (590, 390)], fill=gold, width=10)


def _frame(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    pen.rect(210, 190, 790, 810, fill=pal.dark, radius=6)
    pen.rect(250, 230, 750, 770, fill=(246, 234, 204))
    # Đông Hồ prints use a few mineral colours over paper coated with shell powder.
    pen.rect(250, 610, 750, 770, fill=(214, 176, 64))
    pen.circle(620, 340, 60, fill=_RED)
    ink = (44, 38, 36)
    pen.ellipse(480, 520, 170, 105, fill=ink)  # the pig
    pen.circle(330, 480, 64, fill=ink)
    pen.polygon([(300, 430), (330, 380), (360, 432)], fill=ink)
    pen.ellipse(282, 500, 26, 20, fill=ink)
    for x in (380, 440, 540, 600):
        pen.rect(x - 16, 580, x + 16, 660, fill=ink, radius=8)
    pen.line([(648, 500), (690, 470), (700, 500)], fill=ink, width=10)
    # The yin-yang whorl painted on the pig's back.
    pen.circle(490, 510, 48, fill=(246, 234, 204))
    pen.chord(490, 510, 48, 48, 90, 270, fill=_RED)
    pen.circle(490, 486, 24, fill=_RED)
    pen.circle(490, 534, 24, fill=(246, 234, 204))


def _box(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    wood, dark = (128, 66, 34), (74, 36, 18)
    pen.polygon(
        [(240, 480), (760, 480), (760, 760), (240, 760)],
        fill=wood,
        outline=dark,
        width=6,
    )
    pen.polygon(
        [(240, 480), (330, 380), (850, 380), (760, 480)],
        fill=_mix(wood, _WHITE, 0.15),
        outline=dark,
        width=6,
    )
    pen.polygon([(760, 480), (850, 380), (850, 660), (760, 760)], fill=dark)
    # A carved lotus on the front panel.
    for angle in (-150, -120, -90, -60, -30):
        pen.polygon(
            _leaf(500, 690, 150, 60, angle),
            fill=_mix(wood, pal.accent, 0.25),
            outline=dark,
            width=4,
        )
    pen.line([(280, 720), (720, 720)], fill=dark, width=6)
    pen.rect(480, 470, 520, 520, fill=pal.accent, radius=6)


def _table(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    wood, dark = (120, 60, 30), (70, 34, 16)
    for x, y in ((260, 640), (740, 640)):  # the stools behind the table
        pen.rect(x - 70, y - 40, x + 70, y + 150, fill=dark, radius=20)
        pen.ellipse(x, y - 40, 70, 24, fill=wood, outline=dark, width=4)
    pen.polygon([(360, 560), (640, 560), (620, 800), (380, 800)], fill=dark)
    pen.ellipse(500, 520, 260, 80, fill=dark)
    pen.ellipse(500, 505, 260, 80, fill=wood, outline=dark, width=6)
    pen.ellipse(500, 505, 200, 58, outline=pal.accent, width=5)
    for dx in (-40, 40):  # a pot and cup on the table
        pen.ellipse(500 + dx * 2, 470, 26, 14, fill=(240, 232, 214))
    pen.circle(500, 440, 40, fill=(240, 232, 214))


def _basket(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    bamboo, dark = _BAMBOO
    top, bottom, half = 430, 780, rng.uniform(250, 290)
    outline = [
        (
            500 + half * math.cos(math.radians(a)),
            top + (bottom - top) * math.sin(math.radians(a)),
        )
        for a in range(0, 181, 6)
    ]
    mask = Image.new("L", pen.image.size, 0)
    mpen = _Pen(mask)
    mpen.polygon(outline, fill=255)
    weave = Image.new("RGBA", mask.size, bamboo + (255,))
    wpen = _Pen(weave)
    for i in range(-12, 13):
        x = 500 + i * 44
        wpen.line([(x - 300, 420), (x + 300, 800)], fill=dark, width=7)
        wpen.line([(x + 300, 420), (x - 300, 800)], fill=dark, width=7)
    pen.image.paste(weave, (0, 0), mask)
    pen.arc(500, top, half, 240, 180, 360, fill=dark, width=18)
    pen.ellipse(500, top, half, 46, fill=_mix(bamboo, dark, 0.4), outline=dark, width=10)


def _tree(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    trunk = (96, 64, 40)
    pen.polygon(
        [(320, 690), (680, 690), (640, 800), (360, 800)],
        fill=(142, 84, 40),
        outline=(84, 46, 22),
        width=6,
    )
    pen.rect(300, 670, 700, 700, fill=(110, 62, 30), radius=8)
    sway = rng.uniform(-60, 60)
    pen.line(
        [(500, 680), (450 + sway, 560), (560, 460), (500 - sway, 360)],
        fill=trunk,
        width=46,
    )
    pen.line([(540, 470), (650, 420)], fill=trunk, width=24)
    for x, y, r in (
        (500 - sway, 320, 110),
        (380 + sway / 2, 420, 90),
        (650, 380, 95),
        (560, 250, 80),
    ):
        pen.circle(x, y, r, fill=pal.main)
        pen.circle(x - r * 0.25, y - r * 0.3, r * 0.55, fill=_mix(pal.main, pal.light, 0.35))


def _flower(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    pen.line([(500, 800), (510, 640), (470, 470)], fill=pal.dark, width=18)
    for angle, length in ((200, 260), (330, 240)):
        pen.polygon(_leaf(505, 760, length, 90, angle), fill=pal.main)
    for cx, cy, size in ((470, 400, 1.0), (640, 560, 0.6)):
        turn = rng.uniform(0, 72)
        for i in range(5):
            petal = _leaf(cx, cy, 170 * size, 130 * size, turn + i * 72)
            pen.polygon(petal, fill=pal.accent, outline=_mix(pal.accent, pal.dark, 0.3), width=4)
        pen.circle(cx, cy, 40 * size, fill=(250, 206, 80))


def _roof(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    tile, pillar, stone = pal.dark, pal.main, (236, 222, 196)
    pen.rect(220, 720, 780, 790, fill=stone, outline=tile, width=4)
    pen.rect(280, 560, 720, 720, fill=(250, 236, 206))
    for x in (300, 420, 580, 700):
        pen.rect(x - 18, 540, x + 18, 720, fill=pillar)
    pen.rect(460, 600, 540, 720, fill=tile)
    for top, bottom, half in ((430, 560, 330), (280, 400, 230)):
        pen.polygon(
            [(500 - half, bottom), (500 - half - 50, bottom - 60), (500 - half + 70, top),
             (500 + half - 70, top), (500 + half + 50, bottom - 60), (500 + half, bottom)],
            fill=tile,
        )  # fmt: skip
        pen.line([(500 - half + 70, top), (500 + half - 70, top)], fill=pal.accent, width=12)
    pen.circle(500, 262, 22, fill=pal.accent)


def _hat(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    straw, dark = _STRAW
    # The flat nón quai thao of Quan họ singers, with its fringed chin strap.
    pen.line([(400, 520), (460, 740), (540, 740), (600, 520)], fill=pal.main, width=14)
    for x in (450, 475, 500, 525, 550):
        pen.line([(x, 740), (x + rng.uniform(-6, 6), 800)], fill=pal.accent, width=10)
    pen.ellipse(500, 500, 330, 120, fill=dark)
    pen.ellipse(500, 488, 330, 120, fill=straw)
    for rx, ry in ((280, 100), (220, 78), (150, 54)):
        pen.ellipse(500, 488, rx, ry, outline=dark, width=5)
    pen.ellipse(500, 488, 70, 26, fill=pal.main)


def _paper(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    for i, shade in enumerate(((226, 210, 176), (236, 222, 192), (248, 240, 220))):
        cx, cy, turn = (
            500 + (i - 1) * 24,
            520 - i * 20,
            math.radians(rng.uniform(-12, 12)),
        )
        corners = [(-220, -280), (220, -280), (220, 280), (-220, 280)]
        pts = [
            (
                cx + x * math.cos(turn) - y * math.sin(turn),
                cy + x * math.sin(turn) + y * math.cos(turn),
            )
            for x, y in corners
        ]
        pen.polygon(pts, fill=shade, outline=(190, 170, 130), width=3)
    for _ in range(14):
        x, y = rng.uniform(330, 660), rng.uniform(300, 740)
        pen.line(
            [(x, y), (x + rng.uniform(-40, 40), y + rng.uniform(-12, 12))],
            fill=(214, 196, 160),
            width=3,
        )
    pen.line([(640, 260), (430, 560)], fill=pal.dark, width=22)
    pen.polygon(_leaf(430, 560, 90, 40, 124), fill=(30, 28, 28))


def _bulb(pen: _Pen, pal: Palette, rng: random.Random, *, black: bool = False) -> None:
    skin, line = ((58, 44, 44), (120, 100, 96)) if black else ((246, 238, 224), (196, 168, 196))
    for dx, scale in ((-170, 0.7), (170, 0.7), (0, 1.0)):
        cx, r = 500 + dx, 190 * scale
        cy = 800 - r
        pen.polygon(_leaf(cx, cy - r * 0.5, r * 1.6, r * 1.1, -90), fill=skin)
        pen.circle(cx, cy, r, fill=skin, outline=line, width=4)
        for off in (-0.5, 0.0, 0.5):
            pen.arc(cx + off * r, cy, r * 0.35, r * 0.95, 200, 340, fill=line, width=4)
        pen.line([(cx - 20, 800), (cx + 20, 800)], fill=line, width=10)


def _spears(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    for i in range(7):
        base, tip = 320 + i * 60, 260 + rng.uniform(0, 90) + abs(i - 3) * 20
        lean = (i - 3) * 12
        pen.polygon(
            [
                (base - 18, 800),
                (base + 18, 800),
                (base + lean + 12, tip + 40),
                (base + lean - 12, tip + 40),
            ],
            fill=pal.main,
        )
        pen.polygon(_leaf(base + lean, tip + 60, 80, 40, -90), fill=pal.dark)
        for y in range(round(tip) + 140, 760, 90):
            pen.polygon(_leaf(base + lean * (800 - y) / 540, y, 30, 14, -60), fill=pal.dark)
    pen.rect(300, 640, 700, 680, fill=_RED, radius=12)


def _disc(pen: _Pen, pal: Palette, rng: random.Random, *, sesame: bool = False) -> None:
    face = (222, 176, 112) if sesame else (242, 232, 204)
    edge = (170, 120, 60) if sesame else (206, 190, 150)
    pen.circle(540, 560, 260, fill=_mix(face, edge, 0.5))
    pen.circle(480, 500, 260, fill=face, outline=edge, width=6)
    if sesame:
        for _ in range(90):
            a, d = rng.uniform(0, 2 * math.pi), 235 * math.sqrt(rng.random())
            pen.ellipse(
                480 + d * math.cos(a),
                500 + d * math.sin(a),
                7,
                4,
                fill=rng.choice(((40, 32, 28), _WHITE)),
            )
        return
    # The bamboo-mat imprint left by drying rice paper in the sun: two sets of
    # diagonal chords across the sheet.
    radius = 240
    for i in range(-5, 6):
        off = i * 40
        half = math.sqrt(radius**2 - off**2)
        for nx, ny in ((0.7071, -0.7071), (0.7071, 0.7071)):
            dx, dy = -ny, nx
            cx, cy = 480 + off * nx, 500 + off * ny
            pen.line(
                [(cx - half * dx, cy - half * dy), (cx + half * dx, cy + half * dy)],
                fill=edge,
                width=3,
            )


def _parcel(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    leaf, vein = (70, 128, 56), (44, 92, 36)
    for cx, cy, s in ((380, 600, 150), (600, 480, 170)):
        pen.rect(cx - s, cy - s, cx + s, cy + s, fill=leaf, radius=26, outline=vein, width=6)
        for k in (-0.5, 0, 0.5):
            pen.line(
                [(cx - s + 20, cy + k * s), (cx + s - 20, cy + k * s)],
                fill=vein,
                width=4,
            )
        pen.line([(cx, cy - s), (cx, cy + s)], fill=_RED, width=12)
        pen.line([(cx - s, cy), (cx + s, cy)], fill=_RED, width=12)
        pen.circle(cx, cy, 18, fill=_RED)


def _fruit(pen: _Pen, pal: Palette, rng: random.Random, *, skin: RGB, bump: RGB) -> None:
    pen.line([(520, 200), (500, 300)], fill=pal.dark, width=14)
    pen.polygon(_leaf(510, 250, 180, 80, -20), fill=pal.main)
    pen.polygon(_leaf(505, 260, 160, 70, 200), fill=pal.main)
    for cx, cy in (
        (420, 470),
        (590, 450),
        (340, 630),
        (500, 620),
        (660, 620),
        (420, 770),
        (580, 770),
    ):
        cx, cy, r = (
            cx + rng.uniform(-10, 10),
            cy + rng.uniform(-10, 10),
            rng.uniform(78, 92),
        )
        pen.circle(cx, cy, r, fill=skin, outline=_mix(skin, bump, 0.6), width=4)
        for _ in range(9):
            a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, r * 0.8)
            pen.circle(cx + d * math.cos(a), cy + d * math.sin(a), 6, fill=bump)
        pen.circle(cx - r * 0.35, cy - r * 0.35, r * 0.18, fill=_mix(skin, _WHITE, 0.5))


def _bowl(pen: _Pen, pal: Palette, rng: random.Random, *, content: RGB, noodles: bool) -> None:
    for x in (430, 500, 570):
        wobble = rng.uniform(-10, 10)
        pen.line(
            [(x, 420), (x + 20 + wobble, 360), (x - 20, 300), (x + wobble, 240)],
            fill=pal.light,
            width=10,
        )
    pen.chord(500, 520, 300, 260, 0, 180, fill=pal.main)
    pen.ellipse(500, 520, 300, 70, fill=pal.dark)
    pen.ellipse(500, 525, 270, 56, fill=content)
    if noodles:
        for i in range(6):
            y = 505 + i * 7
            pen.line(
                [(290 + j * 40, y + (12 if j % 2 else -12)) for j in range(11)],
                fill=_mix(content, _WHITE, 0.5),
                width=5,
            )
    pen.line([(230, 600), (770, 600)], fill=pal.accent, width=12)
    pen.rect(420, 760, 580, 790, fill=pal.dark, radius=10)


def _cup(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    for x in (450, 520):
        pen.line(
            [(x, 400), (x + 20, 340), (x - 20, 290), (x + 10, 240)],
            fill=pal.light,
            width=10,
        )
    pen.ellipse(500, 760, 280, 50, fill=pal.dark)
    pen.ellipse(500, 750, 280, 46, fill=pal.light)
    pen.arc(680, 560, 80, 80, 270, 90, fill=pal.main, width=26)
    pen.polygon([(300, 440), (700, 440), (650, 720), (350, 720)], fill=pal.main)
    pen.ellipse(500, 440, 200, 46, fill=pal.dark)
    pen.ellipse(500, 446, 180, 36, fill=(150, 170, 60))
    pen.line([(320, 540), (680, 540)], fill=pal.accent, width=12)


def _bottle(pen: _Pen, pal: Palette, rng: random.Random) -> None:
    radii = [(0, 40), (0.22, 42), (0.4, 130), (0.5, 150), (1, 150)]
    pen.polygon(_profile(500, 230, 800, radii), fill=pal.main, outline=pal.dark, width=6)
    pen.rect(455, 200, 545, 250, fill=pal.accent, radius=10)
    pen.rect(380, 540, 620, 720, fill=pal.light, radius=12)
    pen.circle(500, 610, 46, fill=_RED)
    pen.polygon(_star(500, 610, 30, 12, 5), fill=pal.accent)
    pen.line([(410, 690), (590, 690)], fill=pal.dark, width=8)
    pen.line([(560, 300), (560, 480)], fill=_mix(pal.main, _WHITE, 0.5), width=14)


def _jar(pen: _Pen, pal: Palette, rng: random.Random, *, content: RGB) -> None:
    pen.rect(320, 380, 680, 800, fill=_mix(content, pal.dark, 0.2), radius=60)
    pen.rect(340, 420, 660, 780, fill=content, radius=46)
    pen.rect(350, 330, 650, 400, fill=pal.dark, radius=16)
    pen.rect(360, 540, 640, 680, fill=pal.light, radius=10)
    pen.polygon(_star(500, 610, 44, 18, 5), fill=_RED)
    pen.ellipse(430, 440, 18, 40, fill=_mix(content, _WHITE, 0.5))
    pen.polygon(_leaf(590, 400, 80, 44, 90), fill=content)


def _sprig(pen: _Pen, pal: Palette, rng: random.Random, *, oil: bool = False) -> None:
    stem = [(500, 800), (480, 640), (510, 460), (480, 260)]
    pen.line(stem, fill=pal.dark, width=14)
    for i, y in enumerate(range(700, 260, -80)):
        side = 1 if i % 2 else -1
        x = 495 + rng.uniform(-10, 10)
        pen.polygon(
            _leaf(x, y, 190 - i * 14, 80 - i * 5, -90 + side * 55),
            fill=pal.main,
            outline=pal.dark,
            width=3,
        )
    pen.polygon(_leaf(480, 262, 90, 44, -90), fill=pal.main)
    if oil:
        pen.polygon(_leaf(700, 560, 150, 120, 90) + [(700, 560)], fill=pal.accent)
        pen.circle(700, 660, 58, fill=pal.accent)
        pen.circle(682, 650, 14, fill=_mix(pal.accent, _WHITE, 0.6))


MOTIFS: dict[str, Callable[[_Pen, Palette, random.Random], None]] = {
    "basket": _basket,
    "bottle": _bottle,
    "box": _box,
    "bowl-nem": partial(_bowl, content=(214, 120, 96), noodles=False),
    "bowl-noodles": partial(_bowl, content=(240, 226, 196), noodles=True),
    "bowl-sauce": partial(_bowl, content=(160, 102, 46), noodles=False),
    "bulb": _bulb,
    "bulb-black": partial(_bulb, black=True),
    "cup": _cup,
    "disc": _disc,
    "disc-sesame": partial(_disc, sesame=True),
    "drum": _drum,
    "flower": _flower,
    "frame": _frame,
    "fruit-lychee": partial(_fruit, skin=(200, 48, 56), bump=(140, 24, 36)),
    "fruit-rice": partial(_fruit, skin=(214, 226, 170), bump=(250, 250, 240)),
    "hat": _hat,
    "jar-honey": partial(_jar, content=(222, 158, 34)),
    "jar-dark": partial(_jar, content=(78, 56, 48)),
    "paper": _paper,
    "parcel": _parcel,
    "roof": _roof,
    "spears": _spears,
    "sprig": _sprig,
    "sprig-oil": partial(_sprig, oil=True),
    "table": _table,
    "tray": _tray,
    "tree": _tree,
    "vase": _vase,
}


# --- composition ------------------------------------------------------------


def _background(pal: Palette, rng: random.Random) -> Image.Image:
    # A touch of the accent colour, different for each product, so pictures of
    # one group are not all the same shade.
    top, bottom = _mix(pal.top, pal.accent, rng.uniform(0, 0.12)), pal.bottom
    mask = Image.linear_gradient("L").resize((SIZE, SIZE))
    if rng.random() < 0.5:
        mask = mask.transpose(Image.Transpose.ROTATE_90)
    image = Image.composite(
        Image.new("RGB", mask.size, bottom), Image.new("RGB", mask.size, top), mask
    )
    # Soft light spots and the motif's shadow, blurred at a quarter of the size
    # (blurring is the slow part) and scaled up.
    glow = Image.new("RGBA", (SIZE // 4, SIZE // 4), (0, 0, 0, 0))
    pen = _Pen(glow)
    for _ in range(7):
        r = rng.uniform(40, 160)
        pen.circle(
            rng.uniform(0, 1000), rng.uniform(0, 1000), r, fill=pal.light + (rng.randint(40, 90),)
        )
    pen.ellipse(500, 830, 300, 36, fill=pal.dark + (90,))
    glow = glow.filter(ImageFilter.GaussianBlur(3)).resize(image.size, Image.Resampling.BILINEAR)
    return Image.alpha_composite(image.convert("RGBA"), glow)


def _badge(pen: _Pen) -> None:
    pen.circle(905, 905, 64, fill=(232, 184, 56))
    pen.circle(905, 905, 52, fill=_RED)
    pen.polygon(_star(905, 905, 36, 15, 5), fill=(255, 236, 160))


def render_product_image(*, seed: str, group: int, motif: str) -> bytes:
    """Return an 800 × 800 JPEG for a product of OCOP `group` (1–6).

    `seed` (the product code) fixes every random choice, so the picture is the
    same on every machine and every run. Raises KeyError for an unknown motif.
    """
    rng = random.Random(seed)
    pal = PALETTES[group]
    draw_motif = MOTIFS[motif]
    image = _background(pal, rng)
    layer = Image.new("RGBA", (SIZE * _SUPERSAMPLE,) * 2, (0, 0, 0, 0))
    draw_motif(_Pen(layer), pal, rng)
    if rng.random() < 0.5:  # variety between products that share a motif
        layer = layer.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    _badge(_Pen(layer))
    layer = layer.reduce(_SUPERSAMPLE)
    image = Image.alpha_composite(image, layer).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=86, optimize=True)
    return buffer.getvalue()

"""Small charts drawn on the server: inline SVG, and the same numbers as a table.

No JavaScript library: a chart is a handful of rectangles whose geometry is
computed here and written out by templates/charts/chart.html, which also
gives the SVG its title and description (role="img") and the data as a
table in a <details>, so the figures can be read without seeing the picture.
Callers pass numbers they have already aggregated in SQL; nothing here
queries the database.

Two layouts:
- `column_chart`: categories along the bottom (weeks, months), one column per
  series side by side; for time series.
- `bar_chart`: one row per category with its label above the bar, so long
  Vietnamese labels fit a 390 px phone; series stacked; an optional target per
  row is drawn as a tick (a bullet chart), and then each row has its own scale.

The drawing is 360 units wide and scales to its container; the texts are
sized for a phone, where one unit is about one CSS pixel.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import count

# Fills with at least 3:1 contrast against white (WCAG 1.4.11, graphics),
# told apart by lightness as well as hue.
PALETTE = ("#2f6b3a", "#a61b1b", "#3450a1", "#7a4e9c")
TARGET_COLOUR = "#212529"
WIDTH = 360
LABEL_CHARS = 52  # a bar label longer than this is cut; the table has it whole

_ids = count(1)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[int]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    tip: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = "#ced4da"
    width: float = 1


@dataclass
class Chart:
    """What the template draws: shapes in SVG units, a legend and the table rows."""

    title: str
    description: str
    categories: list[str]
    series: list[Series]
    unit: str = ""
    category_label: str = ""
    targets: list[int] | None = None
    target_label: str = ""
    height: int = 0
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    dom_id: str = ""

    @property
    def legend(self) -> list[tuple[str, str]]:
        entries = [(s.label, PALETTE[i % len(PALETTE)]) for i, s in enumerate(self.series)]
        if self.targets is not None:
            entries.append((self.target_label, TARGET_COLOUR))
        return entries

    @property
    def rows(self) -> list[tuple[str, list[int], int | None]]:
        """(category, value per series, target or None) for the data table."""
        return [
            (
                category,
                [s.values[i] for s in self.series],
                self.targets[i] if self.targets is not None else None,
            )
            for i, category in enumerate(self.categories)
        ]

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values) and not any(self.targets or [])


def nice_ceiling(value: float, ticks: int = 4) -> tuple[int, int]:
    """(top of the scale, step between ticks): a step of 1, 2 or 5 × 10ⁿ."""
    if value <= 0:
        return 1, 1
    rough = value / ticks
    magnitude = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    return int(step * math.ceil(value / step)), int(step)


def _fmt(value: int, unit: str) -> str:
    return f"{value:,}".replace(",", ".") + unit


def column_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
    category_label: str = "",
    height: int = 190,
) -> Chart:
    chart = Chart(
        title,
        description,
        list(categories),
        list(series),
        unit,
        category_label=category_label,
        height=height,
    )
    chart.dom_id = f"chart-{next(_ids)}"
    left, right, top, bottom = 34, 6, 10, 22
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    top_value, step = nice_ceiling(max([v for s in series for v in s.values] + [0]))
    for tick in range(0, top_value + 1, step):
        y = top + plot_h - plot_h * tick / top_value
        chart.lines.append(Line(left, y, WIDTH - right, y))
        chart.texts.append(Text(left - 4, y + 3.5, _fmt(tick, ""), "end"))
    band = plot_w / max(len(categories), 1)
    gap = band * 0.2
    bar_w = (band - gap) / max(len(series), 1)
    # Every label when they fit (about 30 units each), else every other one.
    label_every = 1 if band >= 30 else 2
    for i, category in enumerate(categories):
        x0 = left + i * band + gap / 2
        for j, s in enumerate(series):
            value = s.values[i]
            h = plot_h * value / top_value
            chart.rects.append(
                Rect(
                    round(x0 + j * bar_w, 2),
                    round(top + plot_h - h, 2),
                    round(bar_w, 2),
                    round(h, 2),
                    PALETTE[j % len(PALETTE)],
                    f"{category} — {s.label}: {_fmt(value, unit)}",
                )
            )
        if (len(categories) - 1 - i) % label_every == 0:  # keep the latest labelled
            chart.texts.append(Text(left + (i + 0.5) * band, height - 6, category, "middle"))
    chart.lines.append(Line(left, top + plot_h, WIDTH - right, top + plot_h, "#6c757d"))
    return chart


def bar_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
    category_label: str = "",
    targets: Sequence[int] | None = None,
    target_label: str = "",
) -> Chart:
    chart = Chart(
        title,
        description,
        list(categories),
        list(series),
        unit,
        category_label=category_label,
        targets=list(targets) if targets is not None else None,
        target_label=target_label,
    )
    chart.dom_id = f"chart-{next(_ids)}"
    row_h, label_h, bar_h, value_w = 36, 14, 14, 70
    plot_w = WIDTH - value_w
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    shared_top = max(totals + [0]) or 1
    for i, category in enumerate(categories):
        y = i * row_h
        label = category if len(category) <= LABEL_CHARS else category[: LABEL_CHARS - 1] + "…"
        chart.texts.append(Text(0, y + 11, label))
        target = chart.targets[i] if chart.targets is not None else None
        # With targets every row is a different measure: each gets its own scale.
        scale = max(totals[i], target or 0, 1) if target is not None else shared_top
        bar_y = y + label_h + 2
        chart.lines.append(Line(0, bar_y, 0, bar_y + bar_h, "#6c757d"))
        x = 0.0
        for j, s in enumerate(series):
            w = plot_w * s.values[i] / scale
            if s.values[i]:
                chart.rects.append(
                    Rect(
                        round(x, 2),
                        bar_y,
                        round(w, 2),
                        bar_h,
                        PALETTE[j % len(PALETTE)],
                        f"{category} — {s.label}: {_fmt(s.values[i], unit)}",
                    )
                )
            x += w
        shown = _fmt(totals[i], unit)
        if target is not None:
            tx = round(plot_w * target / scale, 2)
            chart.lines.append(Line(tx, bar_y - 3, tx, bar_y + bar_h + 3, TARGET_COLOUR, 2.5))
            shown += f" / {_fmt(target, unit)}"
        chart.texts.append(Text(WIDTH, bar_y + 11, shown, "end"))
    chart.height = max(len(categories), 1) * row_h
    return chart

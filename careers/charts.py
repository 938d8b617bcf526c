"""Server-side geometry for the pay chart: the page draws it as inline SVG."""

import math
from dataclasses import dataclass

from careers.models import PayFigure

EXPERIENCE_ORDER = {value: index for index, value in enumerate(PayFigure.Experience.values)}


@dataclass(frozen=True)
class Bar:
    figure: PayFigure
    y: int
    x: float
    width: float
    up_to: bool
    label_y: int = 0  # the pay chart: baseline of the label, on its own line above the bar
    median: bool = False  # the ranking: the median source's bar


@dataclass(frozen=True)
class RankingRow:
    ranked: object  # careers.ranking.Ranked
    label_y: int
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    ticks: list[tuple[float, int]]
    width: int
    height: int
    plot_left: int
    plot_right: int
    bar_height: int
    bars: list[Bar] = ()  # the pay chart
    rows: list[RankingRow] = ()  # the ranking


def experience_sorted(figures):
    return sorted(figures, key=lambda f: (EXPERIENCE_ORDER.get(f.experience, 99), f.amount_low or 0))


# The drawing is as wide as a phone's column, so its text, scaled with it, stays readable
# there (site.css caps its width on wider screens): each label sits on its own line above its bar.
WIDTH = 360
LABEL_HEIGHT = 18  # the label's line, font-size 13 (site.css)
LABEL_BASELINE = 13
PLOT_RIGHT_MARGIN = 28  # room for the last tick's label, centred on it


def scale(top: int, plot_left: int, plot_right: int):
    """A scale rounded to 10 000 (50 000 past 100 000), its position function and at most five ticks (a label
    like "100 000" needs about 55 units)."""
    step = 10_000 if top <= 100_000 else 50_000
    scale_max = max(step, math.ceil(top / step) * step)
    span = plot_right - plot_left

    def at(amount):
        return round(plot_left + span * amount / scale_max, 1)

    tick_step = step
    while scale_max // tick_step > 5:
        tick_step *= 2
    return at, [(at(v), v) for v in range(0, scale_max + 1, tick_step)]


def top_amount(figures) -> int:
    return max((f.amount_high or f.amount_low or 0) for f in figures)


def bar(at, figure, y: int, **extra) -> Bar:
    """A figure's bar: a high only ("up to") is drawn from zero and flagged, a single value as a thin mark."""
    low = figure.amount_low if figure.amount_low is not None else 0
    high = figure.amount_high if figure.amount_high is not None else low
    x = at(low)
    return Bar(figure, y, x, max(round(at(high) - x, 1), 3), figure.amount_low is None, **extra)


def pay_chart(figures, *, width=WIDTH, plot_left=12, bar_height=16, gap=12) -> Chart | None:
    """One horizontal bar per figure, under its label, by experience."""
    figures = experience_sorted(figures)
    if not figures:
        return None
    plot_right = width - PLOT_RIGHT_MARGIN
    at, ticks = scale(top_amount(figures), plot_left, plot_right)
    row = LABEL_HEIGHT + bar_height + gap
    bars = []
    for index, figure in enumerate(figures):
        top_of_row = gap + index * row
        bars.append(bar(at, figure, top_of_row + LABEL_HEIGHT, label_y=top_of_row + LABEL_BASELINE))
    return Chart(ticks, width, gap + len(bars) * row + 24, plot_left, plot_right, bar_height, bars=bars)


def ranking_chart(ranked, *, width=WIDTH, plot_left=12, bar_height=8, gap=12, bar_gap=3) -> Chart | None:
    """One row per career in rank order: its label, then one thin bar per source, so that sources that
    disagree are seen side by side; the median source's bar is flagged."""
    if not ranked:
        return None
    plot_right = width - PLOT_RIGHT_MARGIN
    at, ticks = scale(top_amount([s.figure for r in ranked for s in r.figures]), plot_left, plot_right)
    rows, y = [], gap
    for item in ranked:
        bars, bar_y = [], y + LABEL_HEIGHT
        for source_figure in item.figures:
            bars.append(bar(at, source_figure.figure, bar_y, median=source_figure is item.median))
            bar_y += bar_height + bar_gap
        rows.append(RankingRow(item, y + LABEL_BASELINE, bars))
        y = bar_y - bar_gap + gap
    return Chart(ticks, width, y + 24, plot_left, plot_right, bar_height, rows=rows)

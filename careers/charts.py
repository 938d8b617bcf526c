"""Server-side geometry for the pay chart: the page draws it as inline SVG."""

import math
from dataclasses import dataclass

from careers.models import PayFigure

EXPERIENCE_ORDER = {value: index for index, value in enumerate(PayFigure.Experience.values)}


@dataclass(frozen=True)
class Bar:
    figure: PayFigure
    label_y: int  # baseline of the label, on its own line above the bar
    y: int
    x: float
    width: float
    up_to: bool


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[tuple[float, int]]
    width: int
    height: int
    plot_left: int
    plot_right: int
    bar_height: int


def experience_sorted(figures):
    return sorted(figures, key=lambda f: (EXPERIENCE_ORDER.get(f.experience, 99), f.amount_low or 0))


# The drawing is as wide as a phone's column, so its text, scaled with it, stays readable
# there (site.css caps its width on wider screens): each label sits on its own line above its bar.
WIDTH = 360
LABEL_HEIGHT = 18  # the label's line, font-size 13 (site.css)
LABEL_BASELINE = 13


def pay_chart(figures, *, width=WIDTH, plot_left=12, bar_height=16, gap=12) -> Chart | None:
    """Lay out one horizontal bar per figure, under its label, on a scale rounded to 10 000.

    A figure with a high only ("up to") is drawn from zero and flagged so the
    page can style it differently; a single value is drawn as a thin mark.
    """
    figures = experience_sorted(figures)
    if not figures:
        return None
    top = max((f.amount_high or f.amount_low or 0) for f in figures)
    step = 10_000 if top <= 100_000 else 50_000
    scale_max = max(step, math.ceil(top / step) * step)
    plot_right = width - 28  # room for the last tick's label, centred on it
    span = plot_right - plot_left
    row = LABEL_HEIGHT + bar_height + gap

    def at(amount):
        return round(plot_left + span * amount / scale_max, 1)

    bars = []
    for index, figure in enumerate(figures):
        low = figure.amount_low if figure.amount_low is not None else 0
        high = figure.amount_high if figure.amount_high is not None else low
        x = at(low)
        top_of_row = gap + index * row
        bars.append(
            Bar(
                figure=figure,
                label_y=top_of_row + LABEL_BASELINE,
                y=top_of_row + LABEL_HEIGHT,
                x=x,
                width=max(round(at(high) - x, 1), 3),
                up_to=figure.amount_low is None,
            )
        )
    # Tick labels like "100 000" need about 55 units: at most five of them across.
    tick_step = step
    while scale_max // tick_step > 5:
        tick_step *= 2
    ticks = [(at(value), value) for value in range(0, scale_max + 1, tick_step)]
    height = gap + len(bars) * row + 24
    return Chart(bars, ticks, width, height, plot_left, plot_right, bar_height)


@dataclass(frozen=True)
class RankingBar:
    figure: PayFigure
    median: bool
    y: int
    x: float
    width: float
    up_to: bool


@dataclass(frozen=True)
class RankingRow:
    ranked: object  # careers.ranking.Ranked
    label_y: int
    bars: list[RankingBar]


@dataclass(frozen=True)
class RankingChart:
    rows: list[RankingRow]
    ticks: list[tuple[float, int]]
    width: int
    height: int
    plot_left: int
    plot_right: int
    bar_height: int


def scale(top: int, plot_left: int, plot_right: int):
    """A scale rounded to 10 000 (50 000 past 100 000), its position function and at most five ticks."""
    step = 10_000 if top <= 100_000 else 50_000
    scale_max = max(step, math.ceil(top / step) * step)
    span = plot_right - plot_left

    def at(amount):
        return round(plot_left + span * amount / scale_max, 1)

    tick_step = step
    while scale_max // tick_step > 5:
        tick_step *= 2
    return at, [(at(v), v) for v in range(0, scale_max + 1, tick_step)]


def ranking_chart(ranked, *, width=WIDTH, plot_left=12, bar_height=8, gap=12, bar_gap=3) -> RankingChart | None:
    """One row per career in rank order: its label, then one thin bar per source, so that sources that
    disagree are seen side by side; the median source's bar is flagged."""
    if not ranked:
        return None
    top = max((s.figure.amount_high or s.figure.amount_low or 0) for r in ranked for s in r.figures)
    plot_right = width - 28
    at, ticks = scale(top, plot_left, plot_right)
    rows, y = [], gap
    for item in ranked:
        bars, bar_y = [], y + LABEL_HEIGHT
        for source_figure in item.figures:
            figure = source_figure.figure
            low = figure.amount_low if figure.amount_low is not None else 0
            high = figure.amount_high if figure.amount_high is not None else low
            x = at(low)
            bars.append(
                RankingBar(
                    figure=figure,
                    median=source_figure is item.median,
                    y=bar_y,
                    x=x,
                    width=max(round(at(high) - x, 1), 3),
                    up_to=figure.amount_low is None,
                )
            )
            bar_y += bar_height + bar_gap
        rows.append(RankingRow(item, y + LABEL_BASELINE, bars))
        y = bar_y - bar_gap + gap
    return RankingChart(rows, ticks, width, y + 24, plot_left, plot_right, bar_height)

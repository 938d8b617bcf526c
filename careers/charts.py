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

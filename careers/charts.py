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


def pay_chart(figures, *, width=640, plot_left=190, bar_height=26, gap=14) -> Chart | None:
    """Lay out one horizontal bar per figure, on a scale rounded to 10 000.

    A figure with a high only ("up to") is drawn from zero and flagged so the
    page can style it differently; a single value is drawn as a thin mark.
    """
    figures = experience_sorted(figures)
    if not figures:
        return None
    top = max((f.amount_high or f.amount_low or 0) for f in figures)
    step = 10_000 if top <= 100_000 else 50_000
    scale_max = max(step, math.ceil(top / step) * step)
    plot_right = width - 24
    span = plot_right - plot_left

    def at(amount):
        return round(plot_left + span * amount / scale_max, 1)

    bars = []
    for index, figure in enumerate(figures):
        low = figure.amount_low if figure.amount_low is not None else 0
        high = figure.amount_high if figure.amount_high is not None else low
        x = at(low)
        bars.append(
            Bar(
                figure=figure,
                y=gap + index * (bar_height + gap),
                x=x,
                width=max(round(at(high) - x, 1), 3),
                up_to=figure.amount_low is None,
            )
        )
    tick_step = step if scale_max // step <= 6 else step * 2
    ticks = [(at(value), value) for value in range(0, scale_max + 1, tick_step)]
    height = gap + len(bars) * (bar_height + gap) + 24
    return Chart(bars, ticks, width, height, plot_left, plot_right, bar_height)

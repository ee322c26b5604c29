"""The /progress chart: pain during runs and the next morning, the 5/10 line and run volume
(with each week's distance and the single-run spikes when the runs have distances).

A PNG drawn on matplotlib's Agg canvas (no GUI backend, no pyplot), sized for a phone and well
inside Telegram's photo limits. Safe to call from a worker thread (the handler uses
asyncio.to_thread): renders are serialised by a lock because matplotlib's rcParams and font
cache are process-wide. Deterministic for a given log and matplotlib version: fixed bundled font,
no timestamp or software tag in the PNG, English month names whatever the locale.
"""

import io
import threading
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Literal

from matplotlib import rc_context
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from bot.domain.recovery.entry import PAIN_MAX, PainEntry
from bot.domain.recovery.pain import AMBER_MAX
from bot.domain.recovery.spike import LoggedDistance, spike_of
from bot.domain.units import Unit, in_unit
from bot.ui.calendar import day_label

WIDTH_PX, HEIGHT_PX, DPI = 1200, 900, 150
MIN_WEEKS, MAX_WEEKS = 4, 8
# Okabe-Ito blue and vermillion stay distinct with every common colour-vision deficiency; the
# two series also differ in marker and line style, so they never rely on colour alone.
DURING_COLOUR, MORNING_COLOUR = "#0072B2", "#D55E00"
VOLUME_COLOUR, LINE_COLOUR, GRID_COLOUR = "#9E9E9E", "#333333", "#E0E0E0"
STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",  # bundled with matplotlib: the same glyphs on every machine
    "font.size": 14,
    "axes.titlesize": 18,
    "axes.labelsize": 15,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 13,
    "svg.hashsalt": "knee-coach",  # only matters for SVG, pinned so any output is reproducible
}
Volume = Literal["minutes", "distance"]
_RENDER = threading.Lock()


class NoData(ValueError):
    """No run logged in the chart's window: the caller says so in text instead of a picture."""


def _weeks_shown(days: list[date], today: date) -> int:
    """Four weeks, or back to the first run in the last eight (whole weeks ending today)."""
    span = (today - min(days)).days + 1
    return min(MAX_WEEKS, max(MIN_WEEKS, -(-span // 7)))


def _volume_unit(entries: list[PainEntry]) -> Volume | None:
    """Distance or minutes, whichever more runs recorded (distance on a tie: the load the spike
    marks are about); None if neither."""
    minutes = sum(entry.minutes is not None for entry in entries)
    measured = sum(entry.metres is not None for entry in entries)
    if not minutes and not measured:
        return None
    return "distance" if measured >= minutes else "minutes"


def spike_days(entries: Iterable[PainEntry]) -> frozenset[date]:
    """The days of runs more than 10% longer than the longest of the 30 days before them."""
    history = [LoggedDistance(entry.day, entry.metres) for entry in entries if entry.metres]
    return frozenset(run.day for run in history if spike_of(history, run.day, run.metres))


def _draw_weekly_distance(volume: Axes, per_day: dict[int, float], weeks: int, unit: Unit) -> None:
    """Each week's distance above its days, where the eye looks for load."""
    top = volume.get_ylim()[1]
    for week in range(weeks):
        total = sum(per_day.get(day, 0.0) for day in range(7 * week, 7 * week + 7))
        if total:
            label = f"{total:.0f} {unit}"
            # Just above the pain axis's 10/10 gridline, so that the line does not cross it.
            volume.text(
                7 * week + 3,
                top * 0.962,
                label,
                ha="center",
                va="bottom",
                fontsize=11,
                color=LINE_COLOUR,
            )


def _draw_volume(
    ax: Axes,
    entries: list[PainEntry],
    start: date,
    volume_of: Volume,
    unit: Unit,
    spikes: frozenset[date],
    weeks: int,
) -> Axes:
    per_day: defaultdict[int, float] = defaultdict(float)
    for entry in entries:
        if volume_of == "minutes" and entry.minutes is not None:
            per_day[(entry.day - start).days] += entry.minutes
        elif volume_of == "distance" and entry.metres is not None:
            per_day[(entry.day - start).days] += in_unit(entry.metres, unit)
    label = "Running (minutes)" if volume_of == "minutes" else f"Running ({unit}); top: per week"
    volume = ax.twinx()
    days = sorted(per_day)
    volume.bar(
        days,
        [per_day[day] for day in days],
        width=0.8,
        color=VOLUME_COLOUR,
        alpha=0.35,
        label=label,
    )
    volume.set_ylim(0, max(per_day.values()) * 1.6)  # headroom keeps the bars below the lines
    volume.set_ylabel(label)
    if volume_of == "distance":
        _draw_weekly_distance(volume, per_day, weeks, unit)
        marked = sorted(
            {(day - start).days for day in spikes if 0 <= (day - start).days < 7 * weeks}
        )
        if marked:
            # Black and a shape of its own: it reads without colour and prints in black and white.
            volume.scatter(
                marked,
                [per_day[day] + max(per_day.values()) * 0.08 for day in marked],
                marker="v",
                s=90,
                color=LINE_COLOUR,
                zorder=3,
                label="Run >10% over the month's longest",
            )
    volume.spines["top"].set_visible(False)
    # The pain axes go in front of the bars; their own background would hide them.
    ax.set_zorder(volume.get_zorder() + 1)
    ax.patch.set_visible(False)
    return volume


def _draw_pain(ax: Axes, entries: list[PainEntry], start: date) -> list[Artist]:
    runs = sorted(entries, key=lambda entry: entry.day)
    mornings = [(run.day, run.next_morning) for run in runs if run.next_morning is not None]
    during = ax.plot(
        [(run.day - start).days for run in runs],
        [run.during_run for run in runs],
        color=DURING_COLOUR,
        marker="o",
        markersize=8,
        linewidth=2.5,
        label="Pain during run",
    )
    if not mornings:  # no series, no legend entry for one
        return [*during]
    morning = ax.plot(
        [(day - start).days for day, _ in mornings],
        [pain for _, pain in mornings],
        color=MORNING_COLOUR,
        marker="s",
        markersize=7,
        linewidth=2,
        linestyle=(0, (4, 2)),
        label="Pain next morning",
    )
    return [*during, *morning]


def _format_axes(ax: Axes, start: date, weeks: int, zone_name: str) -> None:
    ax.set_ylim(-0.3, PAIN_MAX + 0.5)
    ax.set_yticks(range(PAIN_MAX + 1))
    ax.set_ylabel("Pain (0-10)")
    ax.set_xlim(-0.7, 7 * weeks - 0.3)
    ticks = range(7 * weeks - 1, -1, -7)  # a tick every week, ending today
    ax.set_xticks(list(ticks), [day_label(start + timedelta(days=tick)) for tick in ticks])
    ax.set_xlabel(f"Date ({zone_name})")
    ax.grid(axis="y", color=GRID_COLOUR)
    ax.spines["top"].set_visible(False)
    ax.set_title(f"Knee pain and running: last {weeks} weeks", fontweight="bold")


def _draw(
    entries: list[PainEntry],
    zone_name: str,
    today: date,
    weeks: int,
    spikes: frozenset[date],
    unit: Unit,
) -> Figure:
    start = today - timedelta(days=7 * weeks - 1)
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    legend = _draw_pain(ax, entries, start)
    volume_of = _volume_unit(entries)
    if volume_of is not None:
        volume = _draw_volume(ax, entries, start, volume_of, unit, spikes, weeks)
        legend += volume.get_legend_handles_labels()[0]
    # The 5/10 line is named in the legend, where no data point can hide its label.
    label = f"{AMBER_MAX}/10: above this, cut back"
    legend.append(
        ax.axhline(AMBER_MAX, color=LINE_COLOUR, linewidth=1.5, linestyle="--", label=label)
    )
    _format_axes(ax, start, weeks, zone_name)
    # Two columns filled column by column: the pain series side by side on the first row.
    figure.legend(
        handles=legend[0::2] + legend[1::2], loc="outside lower center", ncols=2, frameon=False
    )
    return figure


def progress_chart(
    entries: Iterable[PainEntry], zone_name: str, today: date, unit: Unit = "km"
) -> bytes:
    """A 1200x900 PNG of the runs up to `today` (local dates) over the last 4-8 weeks.

    `zone_name` is the runner's time zone, named on the date axis; distances are drawn in
    `unit`. Raises NoData when no run falls in the last eight weeks.
    """
    logged = list(entries)
    oldest = today - timedelta(days=7 * MAX_WEEKS - 1)
    shown = [entry for entry in logged if oldest <= entry.day <= today]
    if not shown:
        raise NoData(f"no run logged between {oldest} and {today}")
    weeks = _weeks_shown([entry.day for entry in shown], today)
    buffer = io.BytesIO()
    with _RENDER, rc_context(STYLE):
        figure = _draw(shown, zone_name, today, weeks, spike_days(logged), unit)
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()

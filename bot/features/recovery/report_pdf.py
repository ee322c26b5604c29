"""/report as a printable PDF for a runner's physiotherapist (fpdf2).

The period, every logged run, the same chart as /progress, the runs that were spikes, the
walk-run stages, and what the bot never recorded. Black text on white with a monochrome-safe
chart, so it prints well in black and white; A4 or Letter. Helvetica is one of PDF's core fonts,
so nothing is embedded and the file stays small; every string is ASCII.
"""

import io
from datetime import date

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.domain.recovery.spike import HAZARD_RATIO
from bot.domain.units import format_distance
from bot.features.recovery.chart import NoData, progress_chart
from bot.features.recovery.report import Report

_FONT = "Helvetica"
_NOT_RECORDED = (
    "Answers to the /kneepain check (it is never stored).",
    "Names, messages and anything typed other than the numbers above.",
    "Watch files: only the date, distance and moving time of a run are kept.",
)


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


_KEEP_WITH_HEADING = 8 + 3 * 6  # mm: a heading starts a new page unless three lines fit under it


def _heading(pdf: FPDF, text: str) -> None:
    if pdf.will_page_break(3 + _KEEP_WITH_HEADING):
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(_FONT, "B", 13)
    pdf.cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(_FONT, size=10)


def _runs_table(pdf: FPDF, report: Report) -> None:
    header = ("Date", "Distance", "Time", "Pain during", "Next morning", "Walk-run stage")
    with pdf.table(
        col_widths=(30, 18, 14, 16, 18, 18), text_align="CENTER", line_height=6
    ) as table:
        table.row(header)
        for run in report.runs:
            entry = run.entry
            table.row(
                (
                    _day(entry.day) + (" (spike)" if run.spike else ""),
                    format_distance(entry.metres, report.unit) if entry.metres else "-",
                    f"{entry.minutes} min" if entry.minutes is not None else "-",
                    f"{entry.during_run}/10",
                    f"{entry.next_morning}/10" if entry.next_morning is not None else "-",
                    str(run.stage) if run.stage is not None else "-",
                )
            )


def _no_spikes(report: Report) -> str:
    """No spike, said only of the runs a month of logged distances could judge."""
    judged = sum(run.judged for run in report.runs)
    if not judged:
        return (
            "No run had a month of logged distances before it to compare with, so none can be "
            "called a spike (over 10% longer than the 30-day longest before it)."
        )
    unjudged = len(report.runs) - judged
    note = (
        f" {unjudged} of the runs had too little history before them to judge." if unjudged else ""
    )
    return f"No run was more than 10% longer than the 30-day longest before it.{note}"


def _spikes(pdf: FPDF, report: Report) -> None:
    spikes = [(run.entry.day, run.spike) for run in report.runs if run.spike is not None]
    _heading(pdf, "Single-run spikes")
    if not spikes:
        pdf.multi_cell(0, 5, _no_spikes(report))
        return
    for day, spike in spikes:
        pdf.multi_cell(
            0,
            5,
            f"{_day(day)}: {format_distance(spike.metres, report.unit)}, "
            f"{spike.percent_longer}% longer than the 30-day longest "
            f"({format_distance(spike.longest_metres, report.unit)}).",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    pdf.set_font(_FONT, "I", 9)
    pdf.multi_cell(
        0,
        4.5,
        "In 5,205 runners (Frandsen et al., BJSM 2025) runs more than 10% longer than the "
        f"30-day longest went with more overuse injuries (hazard rate ratio "
        f"{HAZARD_RATIO['10-30%']} for 10-30% longer, {HAZARD_RATIO['over 100%']} above "
        "100%). An association in a cohort, not a prediction for one runner.",
    )
    pdf.set_font(_FONT, size=10)


def _stages(pdf: FPDF, report: Report) -> None:
    _heading(pdf, "Walk-run return")
    changes: list[tuple[date, int]] = []
    for run in report.runs:
        if run.stage is not None and (not changes or changes[-1][1] != run.stage):
            changes.append((run.entry.day, run.stage))
    if not changes:
        pdf.multi_cell(0, 5, "No walk-run (/comeback) sessions in this period.")
        return
    for day, stage in changes:
        pdf.cell(0, 5, f"{_day(day)}: stage {stage}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_report(report: Report) -> bytes:
    """The PDF's bytes. Call it off the event loop: the chart takes a few hundred ms."""
    pdf = FPDF(format=report.paper)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title("Knee Coach running log")
    pdf.add_page()
    pdf.set_font(_FONT, "B", 18)
    pdf.cell(0, 10, "Running log and knee pain", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(_FONT, size=10)
    pdf.multi_cell(
        0,
        5,
        f"Period: {_day(report.start)} to {_day(report.end)} (dates in {report.zone}). "
        f"{len(report.runs)} runs logged by the runner in Knee Coach, a Telegram bot. "
        "Pain is the runner's own rating on a 0-10 scale, during the run and the next "
        f"morning. Made on {_day(report.end)}.\nName: ______________________",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    _heading(pdf, "Runs")
    if report.runs:
        _runs_table(pdf, report)
    else:
        pdf.multi_cell(0, 5, "No runs logged in this period.")
    try:
        entries = [run.entry for run in report.runs]
        chart = progress_chart(entries, report.zone, report.end, report.unit)
    except NoData:
        chart = None
    if chart is not None:
        _heading(pdf, "Pain and distance")
        pdf.image(io.BytesIO(chart), w=pdf.epw * 0.85)
    _spikes(pdf, report)
    _stages(pdf, report)
    _heading(pdf, "Not recorded")
    for line in _NOT_RECORDED:
        pdf.multi_cell(0, 5, f"- {line}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())

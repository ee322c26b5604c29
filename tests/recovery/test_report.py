"""The physio report: opened as a PDF reader would, its text checked."""

import io
from datetime import date, timedelta

import pypdf

from bot.domain.recovery.entry import PainEntry
from bot.domain.recovery.spike import Spike
from bot.features.recovery.report import Report, ReportRun
from bot.features.recovery.report_pdf import render_report

END = date(2026, 6, 30)


def _runs() -> list[ReportRun]:
    runs = []
    for index in range(10):
        entry = PainEntry(
            day=END - timedelta(days=36 - index * 4),
            during_run=index % 4,
            next_morning=None if index == 9 else 1,
            minutes=30 + index,
            metres=(5 + index) * 1000,
        )
        spike = Spike(14_000, 12_000) if index == 9 else None
        runs.append(
            ReportRun(entry, stage=1 if index < 3 else 2 if index < 5 else None, spike=spike)
        )
    return runs


def _read(report: Report) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(render_report(report)))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_report_lists_the_period_every_run_spikes_stages_and_what_is_not_kept() -> None:
    reader, text = _read(
        Report(start=date(2026, 5, 19), end=END, zone="Europe/Berlin", runs=_runs())
    )
    assert "Period: Tue 19 May 2026 to Tue 30 Jun 2026 (dates in Europe/Berlin)" in text
    assert "10 runs logged" in text
    assert "Mon 25 May 2026 5 km 30 min 0/10 1/10 1" in text
    assert "Tue 30 Jun 2026 (spike) 14 km 39 min 1/10 - -" in text  # no morning answer yet
    assert "14 km, 16% longer than the 30-day longest (12 km)" in text
    assert "not a prediction for one runner" in text
    assert "Mon 25 May 2026: stage 1\nSat 6 Jun 2026: stage 2\n" in text
    assert "Answers to the /kneepain check (it is never stored)" in text
    assert len(reader.pages[0].images) == 1  # the pain and distance chart
    assert reader.pages[0].mediabox.width == 595.28  # A4, in points


def test_letter_paper_and_miles_by_the_runner_s_setting() -> None:
    reader, text = _read(
        Report(
            start=date(2026, 5, 19),
            end=END,
            zone="America/New_York",
            runs=_runs(),
            paper="Letter",
            unit="mi",
        )
    )
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert "8.7 mi" in text  # 14 km
    # On Letter the spikes come after the chart on a second page: their heading goes with them.
    first, second = (page.extract_text() for page in reader.pages[:2])
    assert not first.rstrip().endswith("Single-run spikes")
    assert second.startswith("Single-run spikes")


def test_an_empty_period_says_so_without_a_chart() -> None:
    reader, text = _read(Report(start=date(2026, 6, 1), end=END, zone="UTC", runs=()))
    assert "No runs logged in this period." in text
    assert "No run had a month of logged distances before it to compare with" in text
    assert "No walk-run (/comeback) sessions in this period." in text
    assert not reader.pages[0].images


def test_no_spike_is_said_only_of_runs_a_month_of_history_could_judge() -> None:
    runs = [
        ReportRun(run.entry, run.stage, None, judged=index >= 7)
        for index, run in enumerate(_runs())
    ]
    _, text = _read(Report(start=date(2026, 5, 19), end=END, zone="UTC", runs=runs))
    assert "No run was more than 10% longer than the 30-day longest before it." in text
    assert "7 of the runs had too little history before them to\njudge." in text  # wrapped

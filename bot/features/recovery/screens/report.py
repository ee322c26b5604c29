"""/report: what comes with the PDF, or why there is none."""

from datetime import date

from bot.ui.calendar import day_label


def caption(start: date, end: date, runs: int) -> str:
    noun = "run" if runs == 1 else "runs"
    return (
        f"📄 Your running log for your physiotherapist: {runs} {noun}, "
        f"{day_label(start)} to {day_label(end)}. It prints well in black and white."
    )


def nothing_logged() -> str:
    return (
        "Nothing to report yet: no run logged in the last 8 weeks. After your next run, send "
        "/log; /report then makes a PDF of your runs and knee pain for your physiotherapist."
    )

"""The single-choice settings: warm-up lead, stretch time, quiet hours, pausing."""

from datetime import time

from telegram import InlineKeyboardMarkup

from bot.domain.paper import PAPERS, report_paper
from bot.domain.runner import QuietEdge, RunnerOverview
from bot.domain.units import UNIT_NAMES, UNITS
from bot.features.settings.screens.common import (
    ZONE_EXAMPLE,
    back,
    chosen,
    clock,
    data,
    quiet_text,
    rows,
)
from bot.features.settings.screens.menu import paper_text, unit_text, with_note
from bot.ui.calendar import weekday_date
from bot.ui.html import b, h
from bot.ui.keyboards import button
from bot.ui.screen import Screen

# Never under 5 minutes: the scheduler drops a warm-up reminder due within 3 minutes of the run.
LEADS = (5, 10, 15, 20, 30, 45, 60)
STRETCH_HOURS = tuple(range(6, 22))
PAUSE_DAYS = (3, 7, 14)
MAX_PAUSE_DAYS = 90


def lead(view: RunnerOverview) -> Screen:
    text = (
        b("Warm-up reminder") + f"\n\nHow long before each run? Now: {view.lead_minutes} min.\n"
        "Enough time to do the warm-up and get out of the door."
    )
    buttons = [
        button(chosen(f"{minutes} min", minutes == view.lead_minutes), data("lead", minutes))
        for minutes in LEADS
    ]
    return Screen(text, InlineKeyboardMarkup([*rows(buttons, 4), [back()]]))


def stretch(view: RunnerOverview) -> Screen:
    now = f"at {clock(view.stretch_time)}" if view.stretch_time else "off"
    text = (
        b("Stretch of the day")
        + f"\n\nOne short stretch a day, at a time you choose. Now: {now}.\n"
        "It waits until your quiet hours are over."
    )
    hours = [
        button(chosen(clock(time(hour)), view.stretch_time == time(hour)), data("str", hour))
        for hour in STRETCH_HOURS
    ]
    off = button(chosen("Off", view.stretch_time is None), data("str", "off"))
    return Screen(text, InlineKeyboardMarkup([[off], *rows(hours, 4), [back()]]))


def quiet(view: RunnerOverview, note: str = "") -> Screen:
    text = (
        b("Quiet hours") + f"\n\nNow: {quiet_text(view.quiet)}.\n"
        "The stretch of the day and rest-day nudges wait until quiet hours end. Warm-up "
        "reminders always come on time: they follow your run."
    )
    keyboard = [
        [
            button(f"Start {clock(view.quiet.start)}", data("qt", "start")),
            button(f"End {clock(view.quiet.end)}", data("qt", "end")),
        ],
        [back()],
    ]
    return Screen(with_note(note, text), InlineKeyboardMarkup(keyboard))


def quiet_hour(edge: QuietEdge, view: RunnerOverview) -> Screen:
    current = view.quiet.start if edge == "start" else view.quiet.end
    text = b("Quiet hours") + f"\n\nThey {edge} at:"
    buttons = [
        button(chosen(clock(time(hour)), current == time(hour)), data("qt", edge, hour))
        for hour in range(24)
    ]
    return Screen(text, InlineKeyboardMarkup([*rows(buttons, 6), [back("qt")]]))


def pause(view: RunnerOverview) -> Screen:
    if view.zone is None:
        text = (
            b("Pause reminders")
            + f"\n\nNothing to pause yet: reminders start once you set your timezone "
            f"({h(ZONE_EXAMPLE)})."
        )
        keyboard = [[button("🌍 Timezone", data("tz"))], [back()]]
        return Screen(text, InlineKeyboardMarkup(keyboard))
    text = b("Pause reminders") + (
        "\n\nA holiday or a break? No reminders for a few days, then they start again on their "
        "own. Or type /pause and a number of days, up to "
        f"{MAX_PAUSE_DAYS}."
    )
    if view.resume_on:
        text += f"\n\n⏸ Paused now: reminders start again on {weekday_date(view.resume_on)}."
    keyboard = [[button(f"{days} days", data("pse", days)) for days in PAUSE_DAYS]]
    if view.resume_on:
        keyboard.append([button("▶️ Resume now", data("on"))])
    keyboard.append([back()])
    return Screen(text, InlineKeyboardMarkup(keyboard))


def bad_pause() -> str:
    return (
        f"Tell me how many days to pause, from 1 to {MAX_PAUSE_DAYS}. Try: /pause 7\n"
        "To turn reminders off until you turn them back on: /stop\n\nNothing was changed."
    )


def unit(view: RunnerOverview) -> Screen:
    text = (
        b("Distances") + f"\n\nNow: {unit_text(view)}.\nHow /log, /progress and /report show "
        "how far you ran. What is logged stays as it was; typing either works: /log 5 mi ..."
    )
    buttons = [
        button(chosen(UNIT_NAMES[choice].capitalize(), view.unit == choice), data("unit", choice))
        for choice in UNITS
    ]
    return Screen(text, InlineKeyboardMarkup([buttons, [back()]]))


def paper(view: RunnerOverview) -> Screen:
    text = (
        b("Report paper") + f"\n\nNow: {paper_text(view)}.\nThe page size of the PDF "
        "/report makes for your physiotherapist."
    )
    current = report_paper(view.paper, view.zone) if view.paper else None
    buttons = [button(chosen(choice, current == choice), data("ppr", choice)) for choice in PAPERS]
    return Screen(text, InlineKeyboardMarkup([buttons, [back()]]))

"""The settings menu: every setting on one screen, a button for each, and what comes next."""

from telegram import InlineKeyboardMarkup

from bot.domain.paper import report_paper
from bot.domain.runner import RunnerOverview
from bot.domain.units import UNIT_NAMES
from bot.features.settings.screens.common import (
    KIND_NAMES,
    OPEN_RUN_PLAN,
    ZONE_EXAMPLE,
    clock,
    data,
    quiet_text,
    run_list,
)
from bot.ui.calendar import weekday_date, when
from bot.ui.html import b, h
from bot.ui.keyboards import button
from bot.ui.screen import Screen

_NEXT = {
    "warmup": "Next warm-up reminder",
    "stretch": "Next stretch of the day",
    "nudge": "Next rest-day nudge",
    "postrun": "Next after-run check-in",
}


def status(view: RunnerOverview, kind: str | None = None) -> str:
    """Whether reminders come, and the next one: of `kind` if there is one, else the soonest."""
    if view.stopped:
        return "⏹ Reminders are stopped: /resume turns them back on."
    if view.zone is None:
        return f"Reminders start once you set your timezone (🌍 Timezone, or {ZONE_EXAMPLE})."
    paused = (
        f"⏸ Paused: reminders start again on {weekday_date(view.resume_on)} at 00:00. "
        if view.resume_on
        else ""
    )
    found = view.next(kind) or view.next()
    if found is None:
        return paused + "No reminders yet: add your runs (🏃 Runs) or a stretch time."
    found_kind, at = found
    if found_kind == kind:
        return paused + f"{_NEXT[found_kind]}: {when(at, view.zone)}."
    return paused + f"Next reminder: {KIND_NAMES[found_kind]}, {when(at, view.zone)}."


def _checkins(view: RunnerOverview) -> str:
    state = "on" if view.checkins else "off"
    if view.checkins_chosen:
        return state
    return f"{state} (on while a /comeback plan runs)"


def unit_text(view: RunnerOverview) -> str:
    return UNIT_NAMES[view.unit] if view.unit else "not chosen yet (/log asks)"


def paper_text(view: RunnerOverview) -> str:
    paper = report_paper(view.paper, view.zone)
    if view.paper:
        return paper
    return f"{paper} (from your timezone until you choose)" if view.zone else f"{paper} for now"


def settings_lines(view: RunnerOverview) -> str:
    stretch = f"at {clock(view.stretch_time)}" if view.stretch_time else "off"
    return "\n".join(
        [
            f"🌍 Timezone: {h(view.zone or 'not set')}",
            f"🏃 Runs: {run_list(view.runs, view.distances, view.unit or 'km')}",
            f"⏱ Warm-up reminder: {view.lead_minutes} min before each run",
            f"🧘 Stretch of the day: {stretch}",
            f"💤 Rest-day nudges: {_nudges(view)}",
            f"📝 After-run check-ins: {_checkins(view)}",
            f"🌙 Quiet hours: {quiet_text(view.quiet)}",
            f"📏 Distances: {unit_text(view)}",
            f"📄 /report paper: {paper_text(view)}",
        ]
    )


def with_note(note: str, text: str) -> str:
    return f"{note}\n\n{text}" if note else text


def menu(view: RunnerOverview, note: str = "") -> Screen:
    """The menu; below a change's confirmation (`note`, which names the next reminder), without
    its own line about the next reminder, so that one message says it once."""
    parts = [b("Your settings"), settings_lines(view)]
    if not note:
        parts.append("🔔 " + status(view))
    parts.append(
        "Tap to change. Typing works too: /timezone Berlin, /runs mon,wed 07:00, /pause 7."
    )
    text = "\n\n".join(parts)
    nudges = "💤 Turn nudges off" if view.nudges else "💤 Turn nudges on"
    checkins = "📝 Turn check-ins off" if view.checkins else "📝 Turn check-ins on"
    if view.stopped:
        last_row = [button("▶️ Turn reminders on", data("on"))]
    else:
        pause = (
            button("▶️ Resume now", data("on")) if view.resume_on else button("⏸ Pause", data("pse"))
        )
        last_row = [pause, button("⏹ Stop reminders", data("off"))]
    keyboard = [
        [button("🌍 Timezone", data("tz")), button("🏃 Runs", OPEN_RUN_PLAN)],
        [button("⏱ Warm-up lead", data("lead")), button("🧘 Stretch time", data("str"))],
        [
            button(nudges, data("ndg", "off" if view.nudges else "on")),
            button("🌙 Quiet hours", data("qt")),
        ],
        [button(checkins, data("chk", "off" if view.checkins else "on"))],
        [button("📏 km or miles", data("unit")), button("📄 Report paper", data("ppr"))],
        last_row,
    ]
    return Screen(with_note(note, text), InlineKeyboardMarkup(keyboard))


def _nudges(view: RunnerOverview) -> str:
    if not view.nudges:
        return "off"
    # Without a plan every day is a rest day, and a daily "rest today" would be noise.
    return "on" if view.runs else "on (they start once you plan your runs)"

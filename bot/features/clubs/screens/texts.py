"""The club's words in the group: the introduction, the settings, answers to the club commands."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.club import (
    MAX_CLUB_RUNS,
    MAX_TITLE,
    Answer,
    Club,
    ClubChanged,
    ClubRunRemoved,
    ClubRunsAdded,
    RunClash,
    TooManyRuns,
    WeeklyClubRun,
)
from bot.domain.runner import SetLead, SetStretch, SetZone
from bot.ui.calendar import DAY_NAMES, DAYS, when
from bot.ui.html import b, h, i

ZONE_EXAMPLE = "/clubtimezone Europe/London"
RUN_EXAMPLE = "/clubrun add tue 18:30 Track session"
STRETCH_EXAMPLE = "/clubstretch 07:30"
ERASE_COMMAND = "/clubdeletedata"


def run_name(run: WeeklyClubRun) -> str:
    """'Tue 18:30 · Track session' (escaped)."""
    return f"{DAYS[run.weekday]} {run.time:%H:%M} · {h(run.title)}"


def run_lines(club: Club) -> str:
    if not club.runs:
        return "No club runs yet."
    return "\n".join(f"{n}. {run_name(run)}" for n, run in enumerate(club.runs, start=1))


def intro(club: Club) -> str:
    """Posted when the bot is added to a group."""
    parts = [
        "👋 " + b("Hi, I'm Knee Coach.") + " In this group I post a warm-up before each club run, "
        "with “I'm running”, “Walk-run” and “Can't make it” buttons so you can see who's coming, "
        "and a stretch of the day if you like. Anyone can use /warmup, /stretch, /exercises and "
        "/help here.",
        b("For admins")
        + f"\n{ZONE_EXAMPLE} – the club's timezone (a city works too)"
        + f"\n{RUN_EXAMPLE} – a weekly club run (/clubrun list, /clubrun remove 2)"
        + f"\n{STRETCH_EXAMPLE} – the daily stretch (or off)"
        + "\n/clubsettings – all of it by tapping"
        + f"\n{ERASE_COMMAND} – erase what I store for the club",
        "Knee pain or another health question? Ask me in a private chat with /kneepain: "
        "nothing about anyone's health is discussed in the group.",
    ]
    if club.configured:
        parts.insert(1, "Welcome back: the club's settings are as you left them.\n" + summary(club))
    return "\n\n".join(parts)


def summary(club: Club) -> str:
    zone = h(club.zone) if club.zone else i("not set") + f" – {ZONE_EXAMPLE}"
    stretch = f"{club.stretch_time:%H:%M}" if club.stretch_time else "off"
    lines = [
        f"🌍 Timezone: {zone}",
        f"🏃 Club runs (warm-up reminder {club.lead_minutes} min before):\n{run_lines(club)}",
        f"🧘 Stretch of the day: {stretch}",
    ]
    return "\n".join(lines)


def settings(club: Club, note: str = "") -> str:
    text = b("Club settings") + "\n\n" + summary(club)
    return f"{note}\n\n{text}" if note else text


def no_zone_yet(club: Club) -> str:
    """Added to answers while reminders cannot be planned."""
    if club.zone is not None:
        return ""
    return f"\n\n⚠️ Set the club's timezone so I know when to post: {ZONE_EXAMPLE}"


def refusal() -> str:
    return (
        "Sorry, only the group's admins can change the club's settings. "
        "Anyone can see the club runs with /clubrun list."
    )


def group_only() -> str:
    return (
        "Club commands work in your club's group chat: add me to the group, then an admin sends "
        f"them there, for example {RUN_EXAMPLE}."
    )


def unreadable(problem: str, example: str) -> str:
    """`problem` is already escaped; nothing was changed. `example`: one, or one a line."""
    joiner = "\n" if "\n" in example else " "
    return f"{problem}\n\nNothing was changed. Try:{joiner}{example}"


def quoted(text: str) -> str:
    # What people typed comes back short and escaped.
    return "“" + h(text if len(text) <= 20 else text[:20] + "…") + "”"


def zone_usage(club: Club) -> str:
    current = h(club.zone) if club.zone else "not set yet"
    return f"The club's timezone: {current}.\nAdmins change it with {ZONE_EXAMPLE} or a city."


def run_usage(club: Club) -> str:
    removal = ", /clubrun remove 1" if club.runs else ""
    return (
        b("Club runs") + f" (warm-up reminder {club.lead_minutes} min before)\n{run_lines(club)}"
        f"\n\nAdmins: {RUN_EXAMPLE}{removal}" + no_zone_yet(club)
    )


def stretch_usage(club: Club) -> str:
    current = f"at {club.stretch_time:%H:%M}" if club.stretch_time else "off"
    return (
        f"The club's stretch of the day is {current}.\n"
        f"Admins change it with {STRETCH_EXAMPLE} or /clubstretch off."
    )


def done(note: str, club: Club) -> str:
    """The answer to a club command that changed something: what changed, then the club."""
    return f"{note}\n\n{summary(club)}{no_zone_yet(club)}"


def changed(outcome: ClubChanged, now: datetime) -> str:
    """The note on what a change did: the first line of a command's answer or of the menu.
    A new timezone comes with the time there now, so a wrong one shows at once."""
    match outcome:
        case SetZone(zone):
            there = now.astimezone(ZoneInfo(zone))
            return f"✅ The club's timezone is now {h(zone)} ({there:%H:%M} there now)."
        case ClubRunsAdded(runs, lead_minutes, zone):
            names = ", ".join(run_name(run) for run in runs)
            note = f"✅ Added: {names}. A warm-up reminder comes {lead_minutes} min before"
            first = outcome.first_post(now)
            if first is None or zone is None:  # no timezone yet: no_zone_yet says so
                return note + "."
            return f"{note}: the first is posted {when(first, zone)}."
        case ClubRunRemoved(run):
            return f"✅ Removed: {run_name(run)}." if run else "That run was removed already."
        case SetStretch(None):
            return "✅ The club's stretch of the day is off."
        case SetStretch(at):
            return f"✅ The stretch of the day will be posted here at {at:%H:%M}."
        case SetLead(minutes):
            return f"✅ Warm-up reminders now come {minutes} min before each club run."


def refused(refusal: RunClash | TooManyRuns) -> str:
    """Why a change was refused (nothing changed)."""
    if isinstance(refusal, TooManyRuns):
        return f"A club can have up to {MAX_CLUB_RUNS} weekly runs: remove one first."
    run = refusal.run
    when = f"{DAY_NAMES[run.weekday]} at {run.time:%H:%M}"
    return f"There's already a club run on {when}: {h(run.title)}."


# Why a typed command cannot be read.


def title_too_long(length: int) -> str:
    return f"That name is {length} characters long; keep it to {MAX_TITLE}."


def no_such_run(club: Club) -> str:
    count = len(club.runs)
    if not count:
        return "There are no club runs to remove."
    numbers = "just 1" if count == 1 else f"1 to {count}"
    return f"Tell me the run's number from /clubrun list ({numbers}), like /clubrun remove 1."


# Erasing the club's data.


def _erasing(club: Club) -> str:
    runs = len(club.runs)
    listed = f"its {runs} club run{'s' if runs != 1 else ''}" if runs else "its club runs"
    return (
        "the club's settings (timezone, stretch of the day, warm-up reminder time, forum topic), "
        f"{listed}, the reminders planned from them and the answers on their posts"
    )


def erase_confirm(club: Club) -> str:
    return (
        b("Erase the club's data?")
        + f"\n\nThis erases {_erasing(club)}. I stay in the group, and the club starts again "
        "from the defaults; messages already posted here stay. This cannot be undone.\n\n"
        + summary(club)
    )


def erased(before: Club, now: Club) -> str:
    """`before`: the club as it was; `now`: as it is after, the defaults."""
    return (
        f"🗑 Erased: {_erasing(before)}. I'm still in the group, and the club now starts from "
        f"the defaults:\n\n{summary(now)}\n\nAdmins set it up again with /clubsettings."
    )


def erase_cancelled() -> str:
    return "Nothing was erased: the club's settings are as they were."


# The toasts after a tap on a club-run post's answers (at most 200 characters).

WALKING = "🚶 You're walk-running."


def going_answer(answer: Answer | None) -> str:
    """After a tap on "I'm running" or "Can't make it", or a tap that took the answer back."""
    match answer:
        case "run":
            return "🙋 You're on the list. Have a good run!"
        case "walk":
            return f"{WALKING} Have a good one!"
        case "out":
            return "🙅 Noted: you can't make it. See you next time!"
    return "You're off the list."


def walk_note_sent() -> str:
    return f"{WALKING} Your walk-run note is in our private chat."


def walk_note_held() -> str:
    return f"{WALKING} No private note: you paused or stopped my messages."


def walk_invitation(link: str) -> str:
    """`link`: the deep link into the private chat, where the note waits."""
    return f"{WALKING} For your walk-run plan, open me privately and press Start: {link}"


def run_started() -> str:
    return "This run has started already."

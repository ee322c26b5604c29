"""/mydata: everything stored about a runner, readably."""

from collections.abc import Mapping

from bot.domain.runner import KeptMessage, MyData, RunningTap, StoredRun
from bot.domain.units import Unit, format_distance
from bot.features.settings.screens.common import KIND_NAMES, KIND_PLURALS, run_list
from bot.features.settings.screens.menu import settings_lines, status
from bot.ui.calendar import MONTHS, day_label, weekday_date, when
from bot.ui.html import b, h

# The kinds of message a runner can be sent, beyond the reminders they schedule themselves.
_MESSAGE_NAMES = {
    **KIND_NAMES,
    "checkin": "morning check-in",
    "club_warmup": "club warm-up",
    "club_stretch": "club stretch",
    "run_soon": "10-minutes-before reminder",
}
# What became of a kept message, in words (the outbox's statuses are bot.db.outbox's).
_STATUS_WORDS = {
    "sent": "sent",
    "failed": "not delivered (Telegram refused it)",
    "dropped": "not sent (no longer needed, or too late to help)",
    "uncertain": "may not have arrived (the bot restarted while sending)",
}


def _reminder_counts(counts: Mapping[str, int]) -> str:
    total = sum(counts.values())
    if not total:
        return "0"
    kinds = ", ".join(
        f"{count} {(KIND_NAMES if count == 1 else KIND_PLURALS).get(kind, kind)}"
        for kind, count in sorted(counts.items())
    )
    return f"{total} ({kinds})"


def _logged(run: StoredRun, unit: Unit) -> str:
    entry = run.entry
    parts = [f"during the run {entry.during_run}/10"]
    if entry.next_morning is not None:
        parts.append(f"next morning {entry.next_morning}/10")
    if entry.metres is not None:
        parts.append(format_distance(entry.metres, unit))
    if entry.minutes is not None:
        parts.append(f"{entry.minutes} min")
    parts += [
        sign for sign, shown in (("swollen", entry.swelling), ("stiffer", entry.stiffer)) if shown
    ]
    if run.stage is not None:
        parts.append(f"walk-run stage {run.stage}")
    return f"• {day_label(entry.day)} {entry.day.year}: {', '.join(parts)}"


_ANSWERS = {"run": "“I'm running”", "walk": "“Walk-run”", "out": "“Can't make it”"}


def _running(tap: RunningTap) -> str:
    title = f" {h(tap.title)}" if tap.title else ""
    who = f"{h(tap.first_name)}, " if tap.first_name else ""  # no name is kept for "out"
    answer = _ANSWERS.get(tap.answer, tap.answer)
    return f"• {who}{answer} for {when(tap.run_at, tap.zone)}{title}"


def _kept(message: KeptMessage) -> str:
    name = _MESSAGE_NAMES.get(message.kind, message.kind)
    status = _STATUS_WORDS.get(message.status, message.status)
    return f"• {when(message.planned_for, message.zone)} {name}: {status}"


def _listed(title: str, lines: list[str], empty: str) -> str:
    return b(title) + "\n" + ("\n".join(lines) if lines else empty)


def _answers(running: tuple[RunningTap, ...]) -> str:
    return _listed(
        "Your answers on club-run posts (and the first name the group sees), until the run starts",
        [_running(tap) for tap in running],
        "None.",
    )


def club_answers_only(running: tuple[RunningTap, ...]) -> str:
    """/mydata for someone whose only data is their answers in a club's group."""
    return "\n\n".join(
        [b("Everything stored about you"), _answers(running), "Erase it: /deletemydata"]
    )


def my_data(data: MyData) -> str:
    """Every stored row listed; may be longer than one message (see bot.ui.html.pages)."""
    seen = data.first_seen
    you = "\n".join(
        [
            f"• Telegram user id: <code>{data.user_id}</code>",
            f"• Language: {h(data.language_code or 'not shared')}",
            f"• Reachable: {'yes' if data.reachable else 'no (you blocked the bot)'}",
            f"• First seen: {seen.day} {MONTHS[seen.month - 1]} {seen.year}",
        ]
    )
    if data.settings is None:
        settings = f"None chosen yet: the defaults apply.\n🏃 Runs: {run_list(data.runs)}"
    else:
        settings = settings_lines(data.settings)
        settings += "\n🔔 " + status(data.settings)
    scheduled = "\n".join(
        [
            f"• Scheduled reminders: {_reminder_counts(data.reminders)}",
            f"• Messages waiting to be sent: {data.pending_deliveries}",
        ]
    )
    stage = data.comeback_stage
    unit = (data.settings.unit if data.settings else None) or "km"
    plan = f"• Walk-run plan: {f'stage {stage}' if stage is not None else 'not running'}"
    return "\n\n".join(
        [
            b("Everything stored about you"),
            b("You") + "\n" + you,
            b("Settings") + "\n" + settings,
            b("Scheduled") + "\n" + scheduled,
            b("Recovery") + "\n" + plan,
            _listed(
                "Pain log (/log)", [_logged(run, unit) for run in data.pain_log], "No runs logged."
            ),
            _answers(data.running),
            _listed(
                "Runs you said you were not running (kept a week)",
                [f"• {weekday_date(skipped)} {at:%H:%M}" for skipped, at in data.skipped_runs],
                "None.",
            ),
            _listed(
                "Messages sent or planned for you, kept a week so none goes twice",
                [_kept(message) for message in data.kept_messages],
                "None kept.",
            ),
            "Never stored: your username, last name or phone number, what you write, your "
            "/kneepain answers. See /privacy.",
            "Erase all of it: /deletemydata",
        ]
    )

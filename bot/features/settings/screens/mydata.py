"""/mydata: everything stored about a runner, readably."""

from collections.abc import Mapping

from bot.domain.runner import MyData
from bot.features.settings.screens.common import KIND_NAMES, KIND_PLURALS, run_list
from bot.features.settings.screens.menu import settings_lines, status
from bot.ui.calendar import MONTHS
from bot.ui.html import b, h


def _reminder_counts(counts: Mapping[str, int]) -> str:
    total = sum(counts.values())
    if not total:
        return "0"
    kinds = ", ".join(
        f"{count} {(KIND_NAMES if count == 1 else KIND_PLURALS).get(kind, kind)}"
        for kind, count in sorted(counts.items())
    )
    return f"{total} ({kinds})"


def my_data(data: MyData) -> str:
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
    recovery = "\n".join(
        [
            f"• Runs in your pain log: {data.pain_logs}",
            f"• Walk-run plan: {f'stage {stage}' if stage is not None else 'not running'}",
        ]
    )
    return "\n\n".join(
        [
            b("Everything stored about you"),
            b("You") + "\n" + you,
            b("Settings") + "\n" + settings,
            b("Scheduled") + "\n" + scheduled,
            b("Recovery") + "\n" + recovery,
            "Never stored: your name, username or phone number, what you write, your "
            "/kneepain answers. See /privacy.",
            "Erase all of it: /deletemydata",
        ]
    )

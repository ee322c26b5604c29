"""Applying an admin's change to the club, whether typed or tapped: one transaction that also
rebuilds the club's reminders, and a note on what changed or why nothing did."""

from telegram import Message

from bot.db import clubs
from bot.features.clubs.screens import texts
from bot.features.clubs.screens.changes import (
    AddRuns,
    Change,
    RemoveRun,
    SetLead,
    SetStretch,
    SetZone,
)
from bot.services import BotContext


def topic_of(message: Message) -> int | None:
    """The forum topic a message is in (None: General, or not a forum): club posts go there."""
    return message.message_thread_id if message.is_topic_message else None


async def apply(context: BotContext, chat_id: int, thread_id: int | None, change: Change) -> str:
    """Applies `change` (the sender is an admin); returns the note for the answer."""
    services = context.services
    transaction = clubs.changing(services.database, chat_id, thread_id, services.clock())
    try:
        async with transaction as (session, club):
            match change:
                case SetZone(zone):
                    club.timezone = zone
                    return texts.zone_now(zone)
                case AddRuns(weekdays, at, title):
                    added = await clubs.add_runs(session, chat_id, weekdays, at, title)
                    return texts.added(
                        [clubs.as_run(run) for run in added], club.warmup_lead_minutes
                    )
                case RemoveRun(run_id):
                    run = await clubs.remove_run(session, chat_id, run_id)
                    return texts.removed(clubs.as_run(run)) if run else texts.already_removed()
                case SetStretch(at):
                    club.stretch_time = at
                    return texts.stretch_now(at)
                case SetLead(minutes):
                    club.warmup_lead_minutes = minutes
                    return texts.lead_now(minutes)
    except clubs.RunClash as clash:
        return texts.run_exists(clubs.as_run(clash.run))
    except clubs.TooManyRuns:
        return texts.too_many_runs(clubs.MAX_RUNS)

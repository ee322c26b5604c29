"""Applying an admin's change to the club, whether typed or tapped: one transaction that also
rebuilds the club's reminders (bot.db.clubs.apply), and a note on what changed or why nothing
did."""

from telegram import Message

from bot.db import clubs
from bot.domain.club import ClubChange, RunClash, TooManyRuns
from bot.features.clubs.screens import texts
from bot.services import BotContext


def topic_of(message: Message) -> int | None:
    """The forum topic a message is in (None: General, or not a forum): club posts go there."""
    return message.message_thread_id if message.is_topic_message else None


async def apply(
    context: BotContext, chat_id: int, thread_id: int | None, change: ClubChange
) -> str:
    """Applies `change` (the sender is an admin); returns the note for the answer."""
    services = context.services
    now = services.clock()
    try:
        outcome = await clubs.apply(services.database, chat_id, thread_id, change, now)
    except (RunClash, TooManyRuns) as refusal:
        return texts.refused(refusal)
    return texts.changed(outcome, now)

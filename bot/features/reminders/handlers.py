"""The presses on a warm-up reminder's buttons. Thin: the rules are bot.domain.schedule.run_day,
the queries bot.db.run_day."""

from telegram import Update

from bot.db import run_day as queries
from bot.domain.schedule.run_day import (
    day_is_over,
    offers_reminder,
    reminder_before,
    too_late_to_remind,
)
from bot.features.reminders import screens
from bot.features.reminders.buttons import RUN_DAY, parse
from bot.services import BotApplication, BotContext, in_private_chat
from bot.ui.presses import Notice, PressAnswer, on_press


async def pressed(update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
    user = update.effective_user
    press = parse(args) if in_private_chat(update) else None
    if press is None or user is None:
        return None
    verb, delivery_id = press
    services = context.services
    database, now = services.database, services.clock()
    run = await queries.warmup_occurrence(database, user.id, delivery_id)
    if run is None:
        return None
    at = run.local
    match verb:
        case "soon":
            firing = reminder_before(run)
            if too_late_to_remind(run, now):
                return Notice(screens.too_late(at))
            fire_at = firing.fire_at.astimezone(at.tzinfo)
            match await queries.remind_before(database, user.id, run, firing):
                case "set":
                    return Notice(screens.reminder_set(fire_at))
                case "already":
                    return Notice(screens.reminder_already(fire_at))
                case "skipped":
                    return Notice(screens.skipped_already())
                case "off":
                    return Notice(screens.reminders_off(), alert=True)
        case _ if day_is_over(run, now):
            return Notice(screens.day_over())
        case "skip":
            await queries.skip_run(database, user.id, run)
            return screens.skipped(at, delivery_id)
        case "undo":
            await queries.take_back_skip(database, user.id, run)
            offer = offers_reminder(run.run_at, now)
            return screens.back_on(services.library, at, delivery_id, offer)


def register(application: BotApplication) -> None:
    application.add_handler(on_press(RUN_DAY, pressed))

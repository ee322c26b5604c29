"""Telegram handlers, one module per feature. Each is thin: read the update, call the domain,
render, reply."""

from bot.handlers import (
    basics,
    clubs,
    contacts,
    errors,
    library,
    privacy,
    recovery,
    settings,
    triage,
)
from bot.services import BotApplication


def register_handlers(application: BotApplication) -> None:
    contacts.register(application)
    privacy.register(application)
    triage.register(application)
    library.register(application)
    settings.register(application)
    clubs.register(application)
    recovery.register(application)
    basics.register(application)  # last: its catch-alls answer what nothing else did
    application.add_error_handler(errors.on_error)

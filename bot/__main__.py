"""Command line: `python -m bot run | console | migrate` (also installed as `kneecoach`)."""

import argparse
import asyncio
import logging
import sys
from urllib.parse import urlparse

from bot.app import ALLOWED_UPDATES, build_application
from bot.config import ConfigError, Settings, load_settings
from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.domain.content.library import load_library
from bot.domain.yamlfile import ContentError
from bot.logs import configure_logging
from bot.services import Services

log = logging.getLogger("bot")

EXIT_CONFIG = 2


def _secrets(settings: Settings) -> list[str]:
    return [
        secret.get_secret_value()
        for secret in (settings.telegram_bot_token, settings.webhook_secret)
        if secret is not None
    ]


def _services(settings: Settings) -> Services:
    library = load_library(settings.content_dir)
    asyncio.run(upgrade(settings.database_url))
    return Services(settings=settings, database=Database(settings.database_url), library=library)


def run(settings: Settings, mode: str = "auto") -> None:
    token = settings.require_token()
    if mode == "webhook" and not settings.uses_webhook:
        raise ConfigError("WEBHOOK_URL: set it (and WEBHOOK_SECRET) to run in webhook mode")
    services = _services(settings)
    application = build_application(services, token=token, base_url=settings.telegram_api_base_url)
    webhook = mode == "webhook" or (mode == "auto" and settings.uses_webhook)
    if webhook and settings.webhook_url is not None and settings.webhook_secret is not None:
        log.info("serving the webhook on port %d", settings.port)
        application.run_webhook(
            listen="0.0.0.0",  # noqa: S104 - a web dyno must accept the platform's router
            port=settings.port,
            url_path=urlparse(settings.webhook_url).path.lstrip("/"),
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=ALLOWED_UPDATES,
        )
    else:
        log.info("polling Telegram for updates")
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    log.info("stopped")


def console(settings: Settings, *, group: bool = False) -> None:
    from bot.console import run_console  # the local Bot API is only loaded when used

    asyncio.run(run_console(_services(settings), sys.stdin, sys.stdout, group=group))


def migrate(settings: Settings) -> None:
    asyncio.run(upgrade(settings.database_url))
    log.info("database is at the latest revision")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kneecoach", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run_parser = commands.add_parser(
        "run", help="migrate, then serve Telegram (polling or webhook)"
    )
    mode = run_parser.add_mutually_exclusive_group()
    mode.add_argument("--polling", dest="mode", action="store_const", const="polling")
    mode.add_argument("--webhook", dest="mode", action="store_const", const="webhook")
    console_parser = commands.add_parser(
        "console",
        help="chat with the bot offline in this terminal",
        description="Chat with the bot offline: type commands, or a button's number to press it. "
        "Photos the bot sends are saved under ./console-files/. Console commands: :group (the "
        "club chat, where you are the admin), :private, :sam (a club member), :you, :help.",
    )
    console_parser.add_argument(
        "--group",
        action="store_true",
        help="start in a club group chat as its admin, with Sam as a second member",
    )
    commands.add_parser("migrate", help="bring the database to the latest schema and exit")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        # The console is a conversation on the terminal: only problems interrupt it.
        quiet = args.command == "console" and settings.log_level != "DEBUG"
        configure_logging("WARNING" if quiet else settings.log_level, _secrets(settings))
        if args.command == "run":
            run(settings, args.mode or "auto")
        elif args.command == "console":
            console(settings, group=args.group)
        else:
            migrate(settings)
    except (ConfigError, ContentError) as error:
        print(f"kneecoach: {error}", file=sys.stderr)
        return EXIT_CONFIG
    return 0


if __name__ == "__main__":
    sys.exit(main())

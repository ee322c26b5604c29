"""Command line: `python -m bot run | send | console | migrate | capacity | demos` (also installed
as `kneecoach`)."""

import argparse
import asyncio
import logging
import sys
from urllib.parse import urlparse

from telegram.error import InvalidToken, NetworkError

from bot.app import ALLOWED_UPDATES, build_application, serve_sending, serve_webhook
from bot.config import ConfigError, Settings, load_settings
from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.demos.cache import Demos
from bot.domain.content.library import load_library
from bot.domain.schedule.capacity import Forecast
from bot.domain.yamlfile import ContentError
from bot.logs import configure_logging
from bot.ops.capacity import forecast_week
from bot.ops.http import Webhook
from bot.services import Services
from bot.ui.timing import system_clock

log = logging.getLogger("bot")

EXIT_CONFIG = 2
EXIT_UNREACHABLE = 1


def _secrets(settings: Settings) -> list[str]:
    return [
        secret.get_secret_value()
        for secret in (settings.telegram_bot_token, settings.webhook_secret)
        if secret is not None
    ]


def _services(settings: Settings) -> Services:
    library = load_library(settings.content_dir)
    asyncio.run(upgrade(settings.database_url))
    return Services(
        settings=settings,
        database=Database(settings.database_url),
        library=library,
        demos=Demos(library.demos, settings.demos_dir),
    )


def run(settings: Settings, mode: str = "auto") -> None:
    token = settings.require_token()
    if mode == "webhook" and not settings.uses_webhook:
        raise ConfigError("WEBHOOK_URL: set it (and WEBHOOK_SECRET) to run in webhook mode")
    services = _services(settings)
    application = build_application(services, token=token, base_url=settings.telegram_api_base_url)
    webhook = mode == "webhook" or (mode == "auto" and settings.uses_webhook)
    if webhook and settings.webhook_url is not None and settings.webhook_secret is not None:
        log.info("serving the webhook, /healthz and /metrics on port %d", settings.port)
        hook = Webhook(
            path=urlparse(settings.webhook_url).path or "/",
            secret=settings.webhook_secret.get_secret_value(),
        )
        asyncio.run(serve_webhook(application, hook, settings.webhook_url, settings.port))
    else:
        log.info("polling Telegram for updates")
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    log.info("stopped")


def send(settings: Settings) -> None:
    """Sends reminders without receiving updates, beside a `run` process (PostgreSQL)."""
    token = settings.require_token()
    services = _services(settings)
    application = build_application(services, token=token, base_url=settings.telegram_api_base_url)
    log.info("sending reminders; updates are left to the `run` process")
    asyncio.run(serve_sending(application))
    log.info("stopped")


def console(settings: Settings, *, group: bool = False) -> None:
    from bot.console import run_console  # the local Bot API is only loaded when used

    asyncio.run(run_console(_services(settings), sys.stdin, sys.stdout, group=group))


def capacity(settings: Settings) -> int:
    """Prints the coming week's forecast; exit status 1 when some reminders would be late."""

    async def forecast() -> Forecast:
        database = Database(settings.database_url)
        try:
            return await forecast_week(database, system_clock(), settings.send_rate)
        finally:
            await database.dispose()

    result = asyncio.run(forecast())
    print(result.summary())
    if result.fits:
        return 0
    print(_advice(settings))
    return 1


def _advice(settings: Settings) -> str:
    if settings.paid_broadcasts:
        return "Raise SEND_RATE (up to 1000 with PAID_BROADCASTS), or ask runners to spread out."
    return "Consider PAID_BROADCASTS=true with a higher SEND_RATE (README: Paid broadcasts)."


def migrate(settings: Settings) -> None:
    asyncio.run(upgrade(settings.database_url))
    log.info("database is at the latest revision")


def demos(settings: Settings, rebuild: bool) -> None:
    """Renders the demonstrations that are missing (all of them with --all) into the cache."""
    cache = Demos(load_library(settings.content_dir).demos, settings.demos_dir)
    todo = [demo.id for demo in cache.content.demos] if rebuild else cache.missing()
    if todo:
        cache.build(todo, _progress)
    print(f"demonstrations: {len(todo)} rendered, all in {cache.directory}", file=sys.stderr)


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total if total else width
    bar = "#" * filled + "." * (width - filled)
    end = "\n" if done == total else ""
    print(
        f"\rrendering demonstrations [{bar}] {done}/{total}", end=end, file=sys.stderr, flush=True
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kneecoach", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run_parser = commands.add_parser(
        "run", help="migrate, then serve Telegram (polling or webhook)"
    )
    mode = run_parser.add_mutually_exclusive_group()
    mode.add_argument("--polling", dest="mode", action="store_const", const="polling")
    mode.add_argument("--webhook", dest="mode", action="store_const", const="webhook")
    commands.add_parser(
        "send", help="send reminders only, beside a `run` process sharing PostgreSQL"
    )
    console_parser = commands.add_parser(
        "console",
        help="chat with the bot offline in this terminal",
        description="Chat with the bot offline: type commands, or a button's number to press it. "
        "Photos and animations the bot sends are saved under ./console-files/. Console commands: "
        ":group (the club chat, where you are the admin), :private, :sam (a club member), :you, "
        ":help.",
    )
    console_parser.add_argument(
        "--group",
        action="store_true",
        help="start in a club group chat as its admin, with Sam as a second member",
    )
    commands.add_parser("migrate", help="bring the database to the latest schema and exit")
    commands.add_parser(
        "capacity", help="whether the next 7 days' busiest minute fits the send rate"
    )
    demos_parser = commands.add_parser(
        "demos", help="render the library's animated demonstrations that are missing"
    )
    demos_parser.add_argument("--all", action="store_true", help="render every one again")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        # The console is a conversation on the terminal: only problems interrupt it.
        quiet = args.command == "console" and settings.log_level != "DEBUG"
        configure_logging(
            "WARNING" if quiet else settings.log_level, _secrets(settings), settings.log_format
        )
        if args.command == "run":
            run(settings, args.mode or "auto")
        elif args.command == "send":
            send(settings)
        elif args.command == "console":
            console(settings, group=args.group)
        elif args.command == "capacity":
            return capacity(settings)
        elif args.command == "demos":
            demos(settings, args.all)
        else:
            migrate(settings)
    except (ConfigError, ContentError) as error:
        print(f"kneecoach: {error}", file=sys.stderr)
        return EXIT_CONFIG
    # At start-up only (later, polling retries by itself). One line, never the error's own
    # text or traceback: both can carry the request URL, and the URL carries the token.
    except InvalidToken:
        print("kneecoach: Telegram rejected TELEGRAM_BOT_TOKEN (401): check it", file=sys.stderr)
        return EXIT_CONFIG
    except NetworkError:
        print("kneecoach: cannot reach the Bot API at TELEGRAM_API_BASE_URL", file=sys.stderr)
        return EXIT_UNREACHABLE
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line: `python -m bot run | console | migrate` (also installed as `kneecoach`)."""

import argparse
import asyncio
import logging
import signal
import sys

from telegram.error import InvalidToken, NetworkError

from bot.app import ALLOWED_UPDATES, build_application, webhook
from bot.config import ConfigError, Settings, load_settings
from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.domain.content.library import load_library
from bot.domain.yamlfile import ContentError
from bot.logs import configure_logging
from bot.services import BotApplication, Services

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
    return Services(settings=settings, database=Database(settings.database_url), library=library)


async def _serve_webhook(application: BotApplication, url: str, secret: str, port: int) -> None:
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop_signal, stopped.set)
    async with webhook(application, url=url, secret=secret, port=port):
        log.info("serving the webhook on port %d", port)
        await stopped.wait()


def run(settings: Settings, mode: str = "auto") -> None:
    token = settings.require_token()
    if mode == "webhook" and not settings.uses_webhook:
        raise ConfigError("WEBHOOK_URL: set it (and WEBHOOK_SECRET) to run in webhook mode")
    services = _services(settings)
    application = build_application(services, token=token, base_url=settings.telegram_api_base_url)
    use_webhook = mode == "webhook" or (mode == "auto" and settings.uses_webhook)
    if use_webhook and settings.webhook_url is not None and settings.webhook_secret is not None:
        secret = settings.webhook_secret.get_secret_value()
        asyncio.run(_serve_webhook(application, settings.webhook_url, secret, settings.port))
    else:
        log.info("polling Telegram for updates")
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    log.info("stopped")


def console(settings: Settings) -> None:
    from bot.console import run_console  # the local Bot API is only loaded when used

    asyncio.run(run_console(_services(settings), sys.stdin, sys.stdout))


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
    commands.add_parser("console", help="chat with the bot offline in this terminal")
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
            console(settings)
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

"""/start, /help, commands not built yet, and the catch-alls for everything else."""

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.commands import Command, Where, private_only
from bot.features.basics import texts
from bot.services import BotApplication, BotContext, in_private_chat
from bot.ui import keyboards
from bot.ui.replies import expire, reply
from bot.ui.words import expired_button

_PRIVATE_COMMANDS: dict[str, Command] = {command.name: command for command in private_only()}
# What a group's button may open the private chat on (`/start start` would only greet twice).
_LINKED = {name: command for name, command in _PRIVATE_COMMANDS.items() if name != "start"}


def _where(update: Update) -> Where:
    return Where.PRIVATE if in_private_chat(update) else Where.GROUP


async def start(update: Update, _context: BotContext) -> None:
    await reply(update, texts.start())


async def show_help(update: Update, _context: BotContext) -> None:
    await reply(update, texts.help_text(_where(update)))


async def point_to_private_chat(update: Update, context: BotContext) -> None:
    """A private command sent in a group: point to the private chat instead of answering there;
    the button opens it on that command (`/start <command>`, see `asked_in_a_group`)."""
    name = _command_name(update)
    payload = name if name in _LINKED else None
    await reply(
        update, texts.private_only(), keyboards.open_private_chat(context.bot.username, payload)
    )


async def asked_in_a_group(update: Update, _context: BotContext) -> None:
    """The private chat opened from a group's button: the command asked for, one tap away (not
    run: a link must not change anything, /stop say, by itself)."""
    await reply(update, texts.asked_in_a_group(_LINKED[_payload(update)]))


def _command_name(update: Update) -> str:
    """`/Log@KneeCoachBot now` -> "log"."""
    message = update.effective_message
    text = message.text if message is not None and message.text else ""
    return text.split(maxsplit=1)[0].removeprefix("/").partition("@")[0].lower() if text else ""


def _payload(update: Update) -> str:
    message = update.effective_message
    assert message is not None and message.text is not None  # the handler's filter saw it
    return message.text.split()[1]


def _addressed_to_me(update: Update, username: str) -> bool:
    """In groups only `/command@thisbot` is surely ours: a bare `/command` may be another bot's."""
    message = update.effective_message
    if message is None or message.text is None:
        return False
    first_word = message.text.split(maxsplit=1)[0] if message.text.strip() else ""
    return first_word.lower().endswith("@" + username.lower())


async def unknown_command(update: Update, context: BotContext) -> None:
    if _where(update) is Where.PRIVATE or _addressed_to_me(update, context.bot.username):
        await reply(update, texts.unknown_command())


async def stale_button(update: Update, _context: BotContext) -> None:
    """A press no handler claimed: a button from an older version of the bot, or forged data."""
    await expire(update, expired_button())


async def free_text(update: Update, _context: BotContext) -> None:
    await reply(update, texts.free_text())


def register(application: BotApplication) -> None:
    private = filters.ChatType.PRIVATE
    from_group = filters.Regex(rf"^/start ({'|'.join(_LINKED)})$")
    application.add_handler(CommandHandler("start", asked_in_a_group, private & from_group))
    application.add_handler(CommandHandler("start", start, private))
    application.add_handler(CommandHandler("help", show_help))
    application.add_handler(
        CommandHandler(list(_PRIVATE_COMMANDS), point_to_private_chat, filters.ChatType.GROUPS)
    )
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_handler(CallbackQueryHandler(stale_button))
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & ~filters.COMMAND & ~filters.StatusUpdate.ALL, free_text
        )
    )

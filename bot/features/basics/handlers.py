"""/start, /help, commands not built yet, and the catch-alls for everything else."""

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.commands import Where, private_only
from bot.features.basics import texts
from bot.services import BotApplication, BotContext, in_private_chat
from bot.ui import keyboards
from bot.ui.replies import expire, reply
from bot.ui.words import expired_button


def _where(update: Update) -> Where:
    return Where.PRIVATE if in_private_chat(update) else Where.GROUP


async def start(update: Update, _context: BotContext) -> None:
    await reply(update, texts.start())


async def show_help(update: Update, _context: BotContext) -> None:
    await reply(update, texts.help_text(_where(update)))


async def point_to_private_chat(update: Update, context: BotContext) -> None:
    """A private command sent in a group: point to the private chat instead of answering there."""
    await reply(update, texts.private_only(), keyboards.open_private_chat(context.bot.username))


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
    application.add_handler(CommandHandler("start", start, filters.ChatType.PRIVATE))
    application.add_handler(CommandHandler("help", show_help))
    private_commands = [command.name for command in private_only()]
    application.add_handler(
        CommandHandler(private_commands, point_to_private_chat, filters.ChatType.GROUPS)
    )
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_handler(CallbackQueryHandler(stale_button))
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & ~filters.COMMAND & ~filters.StatusUpdate.ALL, free_text
        )
    )

"""Which chats the bot may use, with Telegram's answers when it may not."""

from bot.telegram_local.chat import LocalChat
from bot.telegram_local.errors import ApiError, bad_request, forbidden
from bot.telegram_local.world import World


def bot_chat(world: World, chat_id: int | str, *, writing: bool = True) -> LocalChat:
    """The chat, if the bot can act in it (`writing`: send or edit there, not just look)."""
    chat = world.find_chat(chat_id)
    if chat is None and isinstance(chat_id, int) and chat_id in world.users:
        chat = world.private_chat(world.users[chat_id])  # the bot knows the user from a group
    if chat is None:
        raise bad_request("chat not found")
    if chat.migrated_to is not None:
        raise ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": chat.migrated_to.id},
        )
    if chat.is_private:
        if writing and not chat.started:
            raise forbidden("bot can't initiate conversation with a user")
        if writing and chat.blocked:
            raise forbidden("bot was blocked by the user")
        return chat
    kind = f"{chat.type} chat"
    if chat.bot_removed and not chat.bot_present:
        raise forbidden(f"bot was kicked from the {kind}")
    if not chat.bot_present:
        raise forbidden(f"bot is not a member of the {kind}")
    return chat

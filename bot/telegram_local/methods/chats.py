"""Looking at chats and their members, chat actions, and leaving chats."""

from bot.telegram_local.errors import bad_request
from bot.telegram_local.methods.access import bot_chat
from bot.telegram_local.methods.params import Handler, Params
from bot.telegram_local.wire import JSONDict
from bot.telegram_local.world import World

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


async def get_chat(world: World, p: Params) -> JSONDict:
    return bot_chat(world, p.chat_id(), writing=False).full_info_json()


async def get_chat_member(world: World, p: Params) -> JSONDict:
    chat = bot_chat(world, p.chat_id(), writing=False)
    user_id = p.required_integer("user_id")
    user = world.bot if user_id == world.bot.id else world.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    return chat.member_json(user)


async def get_chat_administrators(world: World, p: Params) -> list[JSONDict]:
    chat = bot_chat(world, p.chat_id(), writing=False)
    if chat.is_private:
        raise bad_request("there are no administrators in the private chat")
    admins = [world.users[user_id] for user_id in sorted(chat.admins)]
    if chat.bot_status == "administrator":
        admins.append(world.bot)
    return [chat.member_json(user) for user in admins]


async def send_chat_action(world: World, p: Params) -> bool:
    bot_chat(world, p.chat_id())
    if p.text("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


async def leave_chat(world: World, p: Params) -> bool:
    chat = bot_chat(world, p.chat_id(), writing=False)
    if chat.is_private:
        raise bad_request("chat member status can't be changed in private chats")
    await chat.bot_leaves()
    return True


METHODS: dict[str, Handler] = {
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "sendChatAction": send_chat_action,
    "leaveChat": leave_chat,
}

"""The bot's own profile: getMe, command menus, descriptions, files, logging out."""

import json
import re

from bot.telegram_local.errors import bad_request
from bot.telegram_local.methods.access import bot_chat
from bot.telegram_local.methods.params import Handler, Params
from bot.telegram_local.wire import JSONDict
from bot.telegram_local.world import World

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_CHAT_SCOPES = frozenset({"chat", "chat_administrators", "chat_member"})
_SCOPES = _CHAT_SCOPES | {
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
}


async def get_me(world: World, p: Params) -> JSONDict:
    return {
        **world.bot.to_json(),
        "can_join_groups": True,
        "can_read_all_group_messages": not world.group_privacy,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def succeed(world: World, p: Params) -> bool:
    """logOut and close: nothing to hand over between local servers."""
    return True


def _commands_key(world: World, p: Params) -> tuple[str, str]:
    """(canonical scope, language) under which Telegram keeps one list of commands."""
    scope = p.json("scope") or {"type": "default"}
    kind = scope.get("type") if isinstance(scope, dict) else None
    if not isinstance(scope, dict) or kind not in _SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    key: JSONDict = {"type": kind}
    if kind in _CHAT_SCOPES:
        key["chat_id"] = bot_chat(world, Params(scope).chat_id(), writing=False).id
    if kind == "chat_member":
        key["user_id"] = Params(scope).required_integer("user_id")
    return json.dumps(key, sort_keys=True), p.text("language_code") or ""


async def set_my_commands(world: World, p: Params) -> bool:
    commands = p.json("commands")
    if not isinstance(commands, list) or not all(isinstance(c, dict) for c in commands):
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not _COMMAND.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not description.strip():
            raise bad_request("command description must be non-empty")
    world.commands[_commands_key(world, p)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


async def get_my_commands(world: World, p: Params) -> list[JSONDict]:
    return world.commands.get(_commands_key(world, p), [])


async def delete_my_commands(world: World, p: Params) -> bool:
    world.commands.pop(_commands_key(world, p), None)
    return True


async def set_my_description(world: World, p: Params) -> bool:
    world.descriptions[p.text("language_code") or ""] = p.text("description") or ""
    return True


async def get_my_description(world: World, p: Params) -> JSONDict:
    return {"description": world.descriptions.get(p.text("language_code") or "", "")}


async def set_my_short_description(world: World, p: Params) -> bool:
    world.short_descriptions[p.text("language_code") or ""] = p.text("short_description") or ""
    return True


async def get_my_short_description(world: World, p: Params) -> JSONDict:
    language = p.text("language_code") or ""
    return {"short_description": world.short_descriptions.get(language, "")}


async def get_file(world: World, p: Params) -> JSONDict:
    stored = world.files.get(p.text("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    return stored.file_json()


METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "logOut": succeed,
    "close": succeed,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setMyDescription": set_my_description,
    "getMyDescription": get_my_description,
    "setMyShortDescription": set_my_short_description,
    "getMyShortDescription": get_my_short_description,
    "getFile": get_file,
}

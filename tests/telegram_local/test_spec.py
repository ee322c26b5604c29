"""The spec checker: calls Telegram would accept pass, each kind of mistake is named."""

import json

import pytest

from bot.telegram_local.wire import UploadedFile
from tests.support.spec import SpecChecker

KEYBOARD = {"inline_keyboard": [[{"text": "Yes", "callback_data": "triage:yes"}]]}


def valid_send_message() -> dict[str, object]:
    return {
        "chat_id": 100000001,
        "message_thread_id": 7,
        "text": "<b>Knee</b> check &amp; stretch",
        "parse_mode": "HTML",
        "reply_markup": KEYBOARD,
        "link_preview_options": {"is_disabled": True},
        "reply_parameters": {"message_id": 3, "allow_sending_without_reply": True},
    }


def test_a_valid_send_message_passes(checker: SpecChecker) -> None:
    assert checker.check("sendMessage", valid_send_message()) == []


def test_method_names_are_case_insensitive_and_unknown_ones_reported(
    checker: SpecChecker,
) -> None:
    assert checker.method_name("SENDMESSAGE") == "sendMessage"
    assert checker.check("sendmessage", valid_send_message()) == []
    assert checker.check("sendMesage", {}) == ["sendMesage: Bot API 10.1 has no such method"]


def button(**fields: object) -> dict[str, object]:
    return {"inline_keyboard": [[{"text": "Go", **fields}]]}


@pytest.mark.parametrize(
    ("method", "changes", "violation"),
    [
        ("sendMessage", {"chat_id": None}, "sendMessage: missing required parameter 'chat_id'"),
        ("sendMessage", {"colour": "red"}, "sendMessage: unknown parameter 'colour'"),
        (
            "sendMessage",
            {"reply_markup": button(callback_data="x" * 65)},
            "sendMessage.reply_markup.inline_keyboard[0][0].callback_data: 65 bytes, "
            "Telegram allows 1-64",
        ),
        (
            "sendMessage",
            {"reply_markup": button(callback_data="é" * 33)},
            "sendMessage.reply_markup.inline_keyboard[0][0].callback_data: 66 bytes, "
            "Telegram allows 1-64",
        ),
        (
            "sendMessage",
            {"reply_markup": button(callback_data="a", url="https://example.org")},
            "sendMessage.reply_markup.inline_keyboard[0][0]: an inline button needs exactly one "
            "action besides its text, found 2: callback_data, url",
        ),
        (
            "sendMessage",
            {"reply_markup": button()},
            "sendMessage.reply_markup.inline_keyboard[0][0]: an inline button needs exactly one "
            "action besides its text, found 0",
        ),
        (
            "sendMessage",
            {"text": "x" * 4097, "parse_mode": None},
            "sendMessage.text: 4097 characters after entity parsing, Telegram allows 1-4096",
        ),
        (
            "sendMessage",
            {"text": "<b>" + "x" * 4097 + "</b>"},
            "sendMessage.text: 4097 characters after entity parsing, Telegram allows 1-4096",
        ),
        (
            "sendMessage",
            {"text": "<b>   </b>"},
            "sendMessage.text: 0 characters after entity parsing, Telegram allows 1-4096",
        ),
        (
            "sendMessage",
            {"text": "<b>Run"},
            "sendMessage.text: can't parse entities: "
            'Can\'t find end tag corresponding to start tag "b"',
        ),
        (
            "sendMessage",
            {"text": "<blink>Run</blink>"},
            "sendMessage.text: can't parse entities: "
            'Unsupported start tag "blink" at byte offset 0',
        ),
        (
            "sendMessage",
            {"text": "Run&nbsp;now"},
            "sendMessage.text: HTML entity &nbsp; is not supported by Telegram "
            "(only &lt; &gt; &amp; &quot; and numeric ones)",
        ),
        (
            "sendMessage",
            {"parse_mode": "Textile"},
            "sendMessage.parse_mode: unsupported parse_mode 'Textile'",
        ),
        (
            "sendMessage",
            {"chat_id": [1]},
            "sendMessage.chat_id: expected Integer or String, got list",
        ),
        (
            "sendMessage",
            {"disable_notification": "yes"},
            "sendMessage.disable_notification: expected Boolean, got str",
        ),
        (
            "sendMessage",
            {"reply_markup": {"inline_keyboard": [[{"text": "Go", "callback_data": 5}]]}},
            "sendMessage.reply_markup.inline_keyboard[0][0].callback_data: "
            "expected String, got int",
        ),
        (
            "sendMessage",
            {"link_preview_options": {"is_disabled": True, "hidden": True}},
            "sendMessage.link_preview_options: unknown field 'hidden'",
        ),
        (
            "sendMessage",
            {"reply_parameters": {"chat_id": 1}},
            "sendMessage.reply_parameters: missing required field 'message_id'",
        ),
    ],
)
def test_each_mistake_is_a_violation(
    checker: SpecChecker, method: str, changes: dict[str, object], violation: str
) -> None:
    params = {**valid_send_message(), **changes}
    params = {name: value for name, value in params.items() if value is not None}
    assert checker.check(method, params) == [violation]


def command(name: str, description: str = "Start over") -> dict[str, object]:
    return {"command": name, "description": description}


def test_set_my_commands_rules(checker: SpecChecker) -> None:
    scope = {"type": "chat", "chat_id": -1002100000001}
    assert checker.check("setMyCommands", {"commands": [command("start")], "scope": scope}) == []
    assert checker.check("setMyCommands", {"commands": [command("Start")]}) == [
        "setMyCommands.commands[0].command: 'Start' must be 1-32 characters of a-z, 0-9 and _"
    ]
    assert checker.check("setMyCommands", {"commands": [command("start", "")]}) == [
        "setMyCommands.commands[0].description: 0 characters, Telegram allows 1-256"
    ]
    assert checker.check("setMyCommands", {"commands": [command("a")] * 101}) == [
        "setMyCommands.commands: 101 commands, Telegram allows 1-100"
    ]
    assert checker.check("setMyCommands", {"commands": []}) == [
        "setMyCommands.commands: 0 commands, Telegram allows 1-100"
    ]


def test_subtypes_are_told_apart_by_their_kind(checker: SpecChecker) -> None:
    commands = [command("start")]
    assert checker.check("setMyCommands", {"commands": commands, "scope": {"type": "chat"}}) == [
        "setMyCommands.scope: missing required field 'chat_id'"
    ]
    [problem] = checker.check(
        "setMyCommands", {"commands": commands, "scope": {"type": "everyone"}}
    )
    assert problem.startswith("setMyCommands.scope: not any kind of BotCommandScope (expected ")


def test_other_length_limits_come_from_the_spec(checker: SpecChecker) -> None:
    answer = {"callback_query_id": "1", "text": "x" * 201}
    assert checker.check("answerCallbackQuery", answer) == [
        "answerCallbackQuery.text: 201 characters, Telegram allows 0-200"
    ]
    photo = {
        "chat_id": 1,
        "photo": "file-id",
        "caption": "<i>" + "x" * 1025 + "</i>",
        "parse_mode": "HTML",
    }
    assert checker.check("sendPhoto", photo) == [
        "sendPhoto.caption: 1025 characters after entity parsing, Telegram allows 0-1024"
    ]


def test_uploads_and_file_ids_are_both_photos(checker: SpecChecker) -> None:
    upload = UploadedFile("knee.png", "image/png", b"...")
    assert checker.check("sendPhoto", {"chat_id": 1, "photo": upload}) == []
    assert checker.check("sendPhoto", {"chat_id": 1, "photo": "AgACAgLocal"}) == []
    assert checker.check("setChatPhoto", {"chat_id": 1, "photo": "AgACAgLocal"}) == [
        "setChatPhoto.photo: expected an uploaded file, got str"
    ]


def test_reply_keyboards_accept_strings_for_plain_buttons(checker: SpecChecker) -> None:
    markup = {"keyboard": [["Yes", {"text": "No"}]], "resize_keyboard": True}
    assert checker.check("sendMessage", {"chat_id": 1, "text": "?", "reply_markup": markup}) == []


def test_decoding_follows_the_spec_types(checker: SpecChecker) -> None:
    # What PTB posts: strings, with JSON text for everything that is not a String.
    form = {
        "chat_id": "-1002100000001",
        "text": "123",
        "reply_markup": json.dumps(KEYBOARD),
        "disable_notification": "true",
    }
    assert checker.decode("sendMessage", form) == {
        "chat_id": -1002100000001,
        "text": "123",
        "reply_markup": KEYBOARD,
        "disable_notification": True,
    }
    assert checker.decode("sendMessage", {"chat_id": "@runners"}) == {"chat_id": "@runners"}
    assert checker.decode("sendPhoto", {"photo": "12345"}) == {"photo": "12345"}


def test_objects_are_checked_field_by_field(checker: SpecChecker) -> None:
    chat = {"id": 1, "type": "private", "first_name": "Ann"}
    message = {"message_id": "7", "date": 0, "chat": chat, "colour": "red"}
    assert checker.check_object("Message", message) == [
        "Message.message_id: expected Integer, got str",
        "Message: unknown field 'colour'",
    ]
    gone = {"chat": chat, "message_id": 7, "date": 0}
    assert checker.check_object("MaybeInaccessibleMessage", gone) == []

"""The local Bot API's sendAnimation, as Telegram behaves: an uploaded H.264 MP4 (or GIF) comes
back as an Animation with a reusable file_id; anything else, a photo's file_id or a too long
caption is refused; every call passes the spec check."""

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.demos.cache import Demos
from bot.telegram_local import LocalBotApi
from bot.telegram_local.media import animation_info
from tests.telegram_local.helpers import png


@pytest.fixture(scope="module")
def mp4(rendered_demos: Demos) -> bytes:
    return rendered_demos.path("clamshell").read_bytes()


def test_an_mp4s_size_and_length_are_read_from_its_header(mp4: bytes) -> None:
    assert animation_info(mp4) == (640, 480, 4)  # the clamshell loop lasts 3.5 s
    assert animation_info(png(4, 3)) is None
    assert animation_info(b"\x00\x00\x00\x18ftypisom" + b"\x00" * 20) is None  # no moov box


async def test_upload_then_resend_by_file_id(api: LocalBotApi, bot: Bot, mp4: bytes) -> None:
    dm = api.private_chat(api.user("Ann", language_code="en"))
    await dm.send("/start")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="wu:full:1")]])
    sent = await bot.send_animation(
        dm.id,
        mp4,
        filename="clamshell.mp4",
        caption="<b>Clamshells</b>",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
    )
    assert sent.animation is not None and sent.document is not None
    animation = sent.animation
    described = sent.to_dict()["animation"]  # duration read raw: PTB is changing its type
    assert (described["width"], described["height"], described["duration"]) == (640, 480, 4)
    assert (animation.mime_type, animation.file_name) == ("video/mp4", "clamshell.mp4")
    assert sent.caption == "Clamshells" and sent.reply_markup == keyboard
    again = await bot.send_animation(dm.id, animation.file_id, caption="Again")
    assert again.animation is not None and again.animation.file_id == animation.file_id
    assert [m.animation for m in dm.bot_messages] == [mp4, mp4]
    downloaded = await (await bot.get_file(animation.file_id)).download_as_bytearray()
    assert bytes(downloaded) == mp4
    with pytest.raises(BadRequest, match=r"(?i)no text in the message"):
        await bot.edit_message_text("Text", chat_id=dm.id, message_id=sent.message_id)


async def test_what_is_no_animation_is_refused(api: LocalBotApi, bot: Bot, mp4: bytes) -> None:
    dm = api.private_chat(api.user("Ann", language_code="en"))
    await dm.send("/start")
    with pytest.raises(BadRequest, match=r"(?i)wrong file type"):
        await bot.send_animation(dm.id, png(4, 3))
    photo = await bot.send_photo(dm.id, png(4, 3))
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_animation(dm.id, photo.photo[-1].file_id)
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_animation(dm.id, mp4, caption="x" * 1025)
    assert api.violations == [
        "sendAnimation.caption: 1025 characters after entity parsing, Telegram allows 0-1024"
    ]
    api.violations.clear()
    assert len(dm.bot_messages) == 1  # only the photo

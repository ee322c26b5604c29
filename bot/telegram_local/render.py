"""A bot message as plain text for the console: the text, then numbered buttons row by row."""

from bot.telegram_local.models import LocalMessage, inline_rows


def render_message(message: LocalMessage) -> str:
    lines = []
    if message.photo is not None:
        lines.append(f"[photo, {len(message.photo)} bytes]")
    if message.animation is not None:
        lines.append(f"[animation, {len(message.animation)} bytes]")
    if message.document_file is not None:
        document = message.document_file
        lines.append(f"[document {document.file_name}, {len(document.data)} bytes]")
    if message.text:
        lines.append(message.text)
    number = 0
    for row in inline_rows(message.reply_markup):
        cells = []
        for button in row:
            number += 1
            url = button.get("url")
            link = f" ({url})" if isinstance(url, str) else ""
            cells.append(f"[{number}] {button['text']}{link}")
        lines.append("  ".join(cells))
    return "\n".join(lines)

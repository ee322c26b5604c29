"""The bot's own words. Every message text is built here from safe pieces."""

from bot.commands import Command, Where, commands_for, group_only
from bot.ui.html import b, h, i

DISCLAIMER = (
    "Knee Coach gives general information for runners. It does not diagnose and is no substitute "
    "for a doctor or physiotherapist. In an emergency, call your local emergency number."
)


def _command_lines(commands: tuple[Command, ...]) -> str:
    return "\n".join(f"/{command.name} – {h(command.description)}" for command in commands)


def start() -> str:
    return "\n\n".join(
        [
            b("Knee Coach") + " helps runners look after their knees, inner knee pain above all.",
            "• /kneepain – a few taps to see how urgently to get a painful knee checked\n"
            "• /stretch, /warmup, /exercises – sourced routines you can follow step by step\n"
            "• /prevent – what actually prevents running injuries\n"
            "• /settings – reminders before your runs, in your timezone",
            i(h(DISCLAIMER)),
            "Send /help for every command.",
        ]
    )


def help_text(where: Where) -> str:
    text = b("Knee Coach commands") + "\n\n" + _command_lines(commands_for(where))
    if where is Where.GROUP:
        text += "\n\nHealth questions are private: send /kneepain to me in a private chat."
    else:
        clubs = b("For running clubs") + ": add me to your club's group chat, where these work:"
        text += f"\n\n{clubs}\n" + _command_lines(group_only())
    return text


def private_only() -> str:
    return "That one is personal, so it works in a private chat with me. Tap below to open it."


def asked_in_a_group(command: Command) -> str:
    line = _command_lines((command,))
    return f"Here it is, between the two of us. Tap the command to go on:\n{line}"


def unknown_command() -> str:
    return "I don't know that command. Send /help to see what I can do."


def free_text() -> str:
    return (
        "I work with commands and buttons rather than free text. In the middle of a check or a "
        "log? Its buttons above still work, and a typed answer goes with its command: "
        "/timezone Lisbon, /log 8 km 45 min 3/10.\n"
        "• Knee hurts? Send /kneepain\n"
        "• Before a run: /warmup\n"
        "• Everything else: /help"
    )

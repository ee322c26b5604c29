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


def privacy() -> str:
    return "\n\n".join(
        [
            b("Your data"),
            b("What is stored") + "\n"
            "• your Telegram user id and language code – to answer you in a private chat\n"
            "• whether the bot can still reach you – so nothing is sent after you block it\n"
            "• what you choose in /settings: your timezone, weekly run plan and reminder settings "
            "(warm-up lead, stretch time, rest-day nudges, after-run check-ins, quiet hours, "
            "pause or stop)\n"
            "• the reminders scheduled from them, and messages waiting to be sent – so they "
            "arrive on time\n"
            "• for group chats: the chat id and its type, and a club's settings (timezone, runs, "
            "stretch time, the forum topic to post in) – the group's admins can erase all of the "
            "club's data, “I'm running” lists included, with /clubdeletedata\n"
            "• if you tap “I'm running” on a club run: your user id and first name, to show who "
            "is coming – deleted within an hour of the run's start\n"
            "• if you use /log or /comeback (health data, only when you tap it in): each run's "
            "date, pain during it and the next morning (0-10), its length, whether the knee was "
            "stiffer or swollen, and your walk-run stage – to give advice and draw /progress. "
            "The reminders you get read it too: after a red day they suggest rest, and the "
            "morning after a logged run the bot asks how the knee feels",
            b("What is never stored") + "\n"
            "• your username, phone number or last name, nor your first name beyond a club "
            "run's list\n"
            "• what you write to the bot\n"
            "• your answers to /kneepain – they are used to show the result, then forgotten\n"
            "• a location you share – it is only used to suggest your timezone",
            b("Logs") + " record only which kind of update arrived and errors, never message texts "
            "or answers.",
            b("Seeing and deleting it") + "\nSend /mydata to see everything stored about you, "
            "and /deletemydata to erase all of it: settings, runs, reminders and your pain log "
            "included. "
            "Blocking the bot stops all messages at once.",
        ]
    )


def private_only() -> str:
    return "That one is personal, so it works in a private chat with me. Tap below to open it."


def unknown_command() -> str:
    return "I don't know that command. Send /help to see what I can do."


def free_text() -> str:
    return (
        "I work with commands and buttons rather than free text.\n"
        "• Knee hurts? Send /kneepain\n"
        "• Before a run: /warmup\n"
        "• Everything else: /help"
    )


def nothing_stored() -> str:
    return "Nothing is stored about you."


def delete_confirm() -> str:
    return (
        b("Delete your data?")
        + "\n\nThis erases everything Knee Coach stores about you. It cannot be undone."
    )


def deleted() -> str:
    return "Done: everything stored about you has been deleted. Send /start if you come back."


def delete_cancelled() -> str:
    return "Nothing was deleted."

"""What /privacy, /mydata and /deletemydata say: what is stored, and the confirmation before
everything about a person is erased."""

from telegram import InlineKeyboardMarkup

from bot.features.privacy.buttons import DELETE
from bot.ui.html import b
from bot.ui.keyboards import button


def _period(days: int) -> str:
    years, rest = divmod(days, 365)
    if rest == 0:
        return "12 months" if years == 1 else f"{years} years"
    return f"{days} days"


def privacy(pain_log_days: int) -> str:
    return "\n\n".join(
        [
            b("Your data"),
            b("What is stored") + "\n"
            "Nothing, until you set something up: talking to the bot, /kneepain and the "
            "library leave no record of you. Once you do:\n"
            "• your Telegram user id and language code – to answer you in a private chat\n"
            "• whether the bot can still reach you – so nothing is sent after you block it\n"
            "• what you choose in /settings: your timezone, weekly run plan (with a run's "
            "intended distance, if you give one), reminder settings (warm-up lead, stretch "
            "time, rest-day nudges, after-run check-ins, quiet hours, pause or stop), whether "
            "you read distances in km or miles, and the paper /report is printed on\n"
            "• if you tap “Not running today” on a warm-up reminder: that run's date and time – "
            "so no check-in comes for it – deleted after a week\n"
            "• the reminders scheduled from them, and messages waiting to be sent – so they "
            "arrive on time\n"
            "• for group chats: the chat id and its type, and a club's settings (timezone, runs, "
            "stretch time, the forum topic to post in) – the group's admins can erase all of the "
            "club's data, the answers on club-run posts included, with /clubdeletedata\n"
            "• if you answer a club run's post: for “I'm running” or “Walk-run”, your user id, "
            "the answer and your first name, to show who is coming; for “Can't make it”: your "
            "user id and the answer only (the group sees a count, never a name or a reason) – "
            "deleted within an hour of the run's start. A Walk-run note is sent to you "
            "privately and not kept\n"
            "• if you use /log or /comeback (health data, only when you tap it in): each run's "
            "date, pain during it and the next morning (0-10), its length and distance (when you "
            "give them), whether the knee was stiffer or swollen and your walk-run stage – to "
            "give advice, draw /progress and make /report. "
            "The reminders you get read it too: after a red day they suggest rest, and the "
            "morning after a logged run the bot asks how the knee feels. "
            f"Each run is deleted {_period(pain_log_days)} after its date\n"
            "• messages sent to you, by kind and time (not their text) – kept a week, so that "
            "none is sent twice",
            b("What is never stored") + "\n"
            "• your username, phone number or last name, nor your first name beyond a club "
            "run's list\n"
            "• what you write to the bot\n"
            "• your answers to /kneepain – they are used to show the result, then forgotten\n"
            "• a location you share – it is only used to suggest your timezone\n"
            "• a watch or app file you send (GPX, FIT, TCX) – its date, distance and time are "
            "read and the file is dropped; no route, heart rate or place is kept\n"
            "• the /report PDF – it is made when you ask and not kept",
            b("Logs") + " record only which kind of update arrived and errors, never message "
            "texts, names, button presses or answers, at any log level.",
            b("Seeing and deleting it") + "\nSend /mydata to see everything stored about you, "
            "every pain-log entry included, and /deletemydata to erase all of it: settings, "
            "runs, reminders and your pain log included; your answers and name are also taken "
            "off the club-run posts already in groups. "
            "Blocking the bot stops all messages at once.",
        ]
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


def delete_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button("Yes, delete everything", DELETE.data("yes")),
                button("Cancel", DELETE.data("no")),
            ]
        ]
    )

"""The bot's commands: one list drives /help and the command menus Telegram shows."""

from dataclasses import dataclass
from enum import Flag, auto


class Where(Flag):
    PRIVATE = auto()
    GROUP = auto()
    ANYWHERE = PRIVATE | GROUP


@dataclass(frozen=True)
class Command:
    name: str
    description: str  # the menu line: at most 256 characters, shown in Telegram's command menu
    where: Where = Where.ANYWHERE
    admins_only: bool = False  # in group menus, shown to the chat's administrators only


COMMANDS: tuple[Command, ...] = (
    Command("start", "What Knee Coach does", Where.PRIVATE),
    Command("kneepain", "Check inner knee pain: how urgently to get seen"),
    Command("stretch", "The stretch of the day"),
    Command("warmup", "Pre-run warm-up routine"),
    Command("exercises", "Rehab and strength exercises"),
    Command("prevent", "Preventing knee injuries: what works"),
    Command("settings", "Your timezone, run plan and reminders", Where.PRIVATE),
    Command("timezone", "Set your timezone: /timezone Berlin", Where.PRIVATE),
    Command("runs", "Your weekly runs: /runs mon,wed 07:00; sat 09:30", Where.PRIVATE),
    Command("pause", "Pause reminders for a few days: /pause 7", Where.PRIVATE),
    Command("resume", "Turn reminders back on", Where.PRIVATE),
    Command("stop", "Turn all reminders off (your settings are kept)", Where.PRIVATE),
    Command("log", "Log a run: distance, time and knee pain", Where.PRIVATE),
    Command("progress", "Your knee pain and running: a chart of the last weeks", Where.PRIVATE),
    Command("report", "A PDF of your runs and knee pain for your physio", Where.PRIVATE),
    Command("comeback", "A walk-run plan back to running, paced by your knee", Where.PRIVATE),
    Command("clubrun", "The club's weekly runs (admins add and remove them)", Where.GROUP),
    Command("clubtimezone", "Admins: the club's timezone", Where.GROUP, admins_only=True),
    Command(
        "clubstretch",
        "Admins: the time of the club's daily stretch, or off",
        Where.GROUP,
        admins_only=True,
    ),
    Command(
        "clubsettings", "Admins: the club's settings by tapping", Where.GROUP, admins_only=True
    ),
    Command(
        "clubdeletedata",
        "Admins: erase everything stored for the club",
        Where.GROUP,
        admins_only=True,
    ),
    Command("privacy", "What is stored about you and how to delete it"),
    Command("mydata", "Everything stored about you", Where.PRIVATE),
    Command("deletemydata", "Erase everything stored about you", Where.PRIVATE),
    Command("help", "Every command in one list"),
)


def commands_for(where: Where) -> tuple[Command, ...]:
    return tuple(command for command in COMMANDS if command.where & where)


def member_commands(where: Where) -> tuple[Command, ...]:
    """What a group's members may use: its menu leaves out the administrators' commands."""
    return tuple(command for command in commands_for(where) if not command.admins_only)


def private_only() -> tuple[Command, ...]:
    return tuple(command for command in COMMANDS if command.where is Where.PRIVATE)


def group_only() -> tuple[Command, ...]:
    return tuple(command for command in COMMANDS if command.where is Where.GROUP)

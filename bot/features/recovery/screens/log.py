"""/log: pain during the run, how long it was, the next morning, and the verdict."""

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.content.comeback import Comeback
from bot.domain.recovery import Decision, RunReview, Sign, Zone
from bot.features.recovery import buttons as grammar
from bot.features.recovery.screens.common import pain_rows
from bot.ui.calendar import day_label
from bot.ui.html import b, h, i
from bot.ui.screen import Screen

ZONE_ICONS: dict[Zone, str] = {"green": "🟢", "amber": "🟠", "red": "🔴"}  # the text names it
SCALE = "0 = no pain, 10 = the worst pain you can imagine."
KNEEPAIN_HINT = "Some of this can be a warning sign: check it with /kneepain."


def ask_pain(comeback: bool, stage: int | None = None) -> Screen:
    session = f" (walk-run stage {stage})" if stage is not None else ""
    text = f"{b('How much did the knee hurt during today’s run' + h(session) + '?')}\n{SCALE}"
    rows = pain_rows(lambda value: grammar.pain(comeback, value))
    return Screen(text, InlineKeyboardMarkup(rows))


def ask_minutes(log_id: int, pain: int) -> Screen:
    buttons = [
        InlineKeyboardButton(f"{value} min", callback_data=grammar.minutes(log_id, value))
        for value in grammar.DURATIONS
    ]
    skip = InlineKeyboardButton("Skip", callback_data=grammar.minutes(log_id, None))
    text = f"Logged: {pain}/10 during the run.\n{b('How long did you run?')} (optional)"
    return Screen(text, InlineKeyboardMarkup([buttons, [skip]]))


def ask_morning(log_id: int, day: date) -> Screen:
    text = (
        f"{b('How does the knee feel this morning?')}\n"
        f"After your run on {h(day_label(day))}. {SCALE}"
    )
    rows = pain_rows(lambda value: grammar.morning(log_id, value))
    rows.append(
        [InlineKeyboardButton("Log a new run instead", callback_data=grammar.ask_pain(False))]
    )
    return Screen(text, InlineKeyboardMarkup(rows))


def ask_signs(log_id: int, pain: int) -> Screen:
    text = f"Logged: {pain}/10 this morning.\n{b('Is the knee stiffer than usual, or swollen?')}"
    choices: tuple[tuple[str, Sign], ...] = (
        ("Neither", "none"),
        ("Stiffer", "stiffer"),
        ("Swollen", "swelling"),
    )
    row = [
        InlineKeyboardButton(label, callback_data=grammar.signs(log_id, sign))
        for label, sign in choices
    ]
    return Screen(text, InlineKeyboardMarkup([row]))


def _plan_line(content: Comeback, decision: Decision) -> str:
    words = content.decisions[decision.reason].text
    if decision.move == "done":
        return f"{b('Walk-run plan')}: {h(words)}"
    return f"{b('Walk-run plan')}: {h(words)} Next session: stage {decision.stage}. /comeback"


def verdict(content: Comeback, review: RunReview) -> Screen:
    found = review.verdict
    parts = [f"{ZONE_ICONS[found.zone]} {h(content.steps[found.step].text)}"]
    if found.suggest_kneepain:
        parts.append(KNEEPAIN_HINT)
    if review.decision is not None:
        parts.append(_plan_line(content, review.decision))
    parts.append(i(h(content.not_for.text)))
    parts.append("See the trend: /progress")
    return Screen("\n\n".join(parts))

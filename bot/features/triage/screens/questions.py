"""A question of the /kneepain check: its text and its buttons, each carrying the signed state."""

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.triage import Findings, Question, shown_options
from bot.features.triage import state as codec
from bot.features.triage.buttons import CANCEL
from bot.ui.html import b, h, i
from bot.ui.keyboards import button
from bot.ui.signed import StateSigner

INTRO = (
    b("Knee pain check")
    + "\nA few taps to see how urgently to get your knee looked at. It cannot examine you and "
    "is not a diagnosis. Your answers are not stored."
)
TICKED = "✅ "
DONE = "✔ Done"
NONE_TICKED = "None of these"


def question_text(question: Question, findings: Findings, *, first: bool) -> str:
    """The question, and the hints of the options this runner sees (a hint about a hidden
    option would explain a button that is not there)."""
    hints = [option.hint for option in shown_options(question, findings) if option.hint]
    text = "\n".join([b(h(question.text)), *(i(h(hint)) for hint in hints)])
    return f"{INTRO}\n\n{text}" if first else text


def question_keyboard(
    question: Question,
    findings: Findings,
    progress: codec.Progress,
    signer: StateSigner,
    now: datetime,
) -> InlineKeyboardMarkup:
    """One button per option this runner sees; a multi-select question ticks and unticks in
    place and ends with Done ("None of these" while nothing is ticked)."""
    shown = {option.id for option in shown_options(question, findings)}
    rows: list[list[InlineKeyboardButton]] = []
    given = progress.given
    if question.multi:
        ticked = progress.ticked or frozenset()
        for n, option in enumerate(question.options):
            if option.id in shown:
                label = (TICKED if n in ticked else "") + option.label
                data = signer.encode(codec.ticking(given, ticked ^ {n}), now)
                rows.append([button(label, data)])
        finish = DONE if ticked else NONE_TICKED
        rows.append([button(finish, signer.encode(codec.done(given, ticked), now))])
    else:
        for n, option in enumerate(question.options):
            if option.id in shown:
                rows.append([button(option.label, signer.encode(codec.single(given, n), now))])
    controls = [button("✖ Cancel", CANCEL.data())]
    if progress.back is not None:
        controls.insert(0, button("◀ Back", signer.encode(progress.back, now)))
    return InlineKeyboardMarkup([*rows, controls])

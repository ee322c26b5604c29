"""Texts and keyboards of the /kneepain check: questions, the outcome, expiry and cancelling.

The answers so far travel in the buttons as a string of option indices (one character per
answer), signed and time-stamped by StateSigner, so nothing about them is stored anywhere.
"""

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.content.library import Library
from bot.domain.triage import Assessment, ConditionId, Level, Question, TriageContent, next_question
from bot.domain.triage.questionnaire import AnswerError, Answers
from bot.features.library import exercise_button_for
from bot.features.triage.buttons import CANCEL, RESTART
from bot.ui.html import b, h, i
from bot.ui.signed import StateSigner

_INDEX = "0123456789abcdefghijklmnopqrstuvwxyz"  # option number -> one state character

HEADLINES: dict[Level, str] = {
    "emergency": "🚑 Emergency",
    "urgent": "🏥 Get seen today",
    "soon": "🩺 See a GP or physio within 1-3 days",
    "routine": "📅 Book an appointment",
    "self_care": "🏠 Self-care",
}
IF_SIGNS: dict[Level, str] = {
    "emergency": "Call your emergency number if",
    "urgent": "Go to urgent care the same day if",
    "soon": "See a GP or physio within 1-3 days if",
    "routine": "Book an appointment if",
    "self_care": "",
}
MAX_CONDITIONS_SHOWN = 3
NOT_A_DIAGNOSIS = (
    "This is not a diagnosis: it is general guidance from your answers. If you are worried, "
    "or things change, get seen."
)
INTRO = (
    b("Knee pain check")
    + "\nA few taps to see how urgently to get your knee looked at. It cannot examine you and "
    "is not a diagnosis. Your answers are not stored."
)


def answers_from_state(state: str, content: TriageContent) -> Answers:
    """Rebuilds the answers from option indices, replaying the questionnaire; AnswerError when
    the state does not fit the questions (forged, or from an older version of the questions)."""
    answers: list[tuple[str, str]] = []
    for char in state:
        question = next_question(answers, content)
        index = _INDEX.find(char)
        if question is None or not 0 <= index < len(question.options):
            raise AnswerError(f"state {state!r} does not fit the questions")
        answers.append((question.id, question.options[index].id))
    return answers


def question_text(question: Question, *, first: bool) -> str:
    text = b(h(question.text))
    return f"{INTRO}\n\n{text}" if first else text


def question_keyboard(
    question: Question, state: str, signer: StateSigner, now: datetime
) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(option.label, callback_data=signer.encode(state + _INDEX[n], now))]
        for n, option in enumerate(question.options)
    ]
    controls = [InlineKeyboardButton("✖ Cancel", callback_data=CANCEL.data())]
    if state:
        back = InlineKeyboardButton("◀ Back", callback_data=signer.encode(state[:-1], now))
        controls.insert(0, back)
    return InlineKeyboardMarkup([*rows, controls])


def outcome_text(assessment: Assessment, content: TriageContent) -> str:
    level = content.levels[assessment.level]
    parts = [b(h(HEADLINES[assessment.level])) + "\n" + h(level.action)]
    flags = {flag.id: flag for flag in content.red_flags}
    referrals = {referral.id: referral for referral in content.referrals}
    reasons = [flags[i].text for i in assessment.red_flags] + [
        referrals[i].text for i in assessment.referrals
    ]
    if reasons:
        parts.append("\n".join(f"• {h(reason)}" for reason in dict.fromkeys(reasons)))
    parts.append(_conditions(assessment, content))
    advice = [content.advice[a].text for a in assessment.advice.self_care]
    if assessment.advice.pain_monitoring:
        advice.append(content.pain_monitoring.text)
    if advice:
        parts.append(b("Meanwhile") + "\n" + "\n".join(f"• {h(line)}" for line in advice))
    parts.extend(_safety_net(assessment, content))
    parts.append(i(h(NOT_A_DIAGNOSIS)))
    return "\n\n".join(parts)


def _conditions(assessment: Assessment, content: TriageContent) -> str:
    lines = [b("What it could be") + " (most likely first)"]
    for condition_id in _shown_conditions(assessment, content):
        condition = content.conditions[condition_id]
        features = {feature.id: feature for feature in condition.features}
        why = [features[f].why for f in assessment.why.get(condition_id, []) if f in features]
        line = f"• {b(h(condition.name))}: {h(why[0] if why else condition.about)}"
        lines.append(line)
    return "\n".join(lines)


def _shown_conditions(assessment: Assessment, content: TriageContent) -> list[ConditionId]:
    """In an emergency only what the emergency signs point to: a list of overuse problems
    beside "call an ambulance" would only distract."""
    shown = assessment.conditions
    if assessment.level == "emergency":
        named = {
            c
            for flag in content.red_flags
            if flag.id in assessment.red_flags
            for c in flag.conditions
        }
        shown = [condition for condition in shown if condition in named] or shown
    return shown[:MAX_CONDITIONS_SHOWN]


def _safety_net(assessment: Assessment, content: TriageContent) -> list[str]:
    by_level: dict[Level, list[str]] = {}
    for sign_id in assessment.advice.get_seen_if:
        sign = content.safety_net[sign_id]
        by_level.setdefault(sign.level, []).append(sign.text)
    return [
        b(IF_SIGNS[level]) + "\n" + "\n".join(f"• {h(text)}" for text in texts)
        for level, texts in by_level.items()
    ]


# Exercises suit problems a runner may manage or load while waiting; not before an urgent check.
EXERCISE_LEVELS: frozenset[Level] = frozenset({"routine", "self_care"})


def outcome_keyboard(assessment: Assessment, library: Library) -> InlineKeyboardMarkup:
    rows = []
    if assessment.level in EXERCISE_LEVELS:
        top = assessment.conditions[0]
        exercises = exercise_button_for(
            library, top, f"Exercises for {library.triage.conditions[top].name}"
        )
        if exercises is not None:
            rows.append([exercises])
    rows.append([InlineKeyboardButton("↺ Start over", callback_data=RESTART.data())])
    return InlineKeyboardMarkup(rows)


def expired() -> str:
    return "This question has expired – send /kneepain to start again."


def timed_out() -> str:
    return (
        "This knee check timed out after 30 minutes without an answer, and nothing was kept. "
        "Send /kneepain to start again."
    )


def cancelled() -> str:
    return "Check cancelled; nothing was kept. Send /kneepain whenever you want to start again."


def in_group() -> str:
    return (
        "Knee questions are personal, so I ask them in a private chat. Tap below, then press Start."
    )

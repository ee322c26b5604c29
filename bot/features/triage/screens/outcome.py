"""The outcome of the /kneepain check: a summary that fits a phone screen, and the rest one tap
away (why these causes, what to do, sources). Nothing is cut: every reason, cause, piece of
advice and source the assessment holds is on one of the four screens."""

from collections.abc import Callable, Iterator
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.content.library import Library
from bot.domain.triage import Assessment, ConditionId, Level, TriageContent
from bot.features.library import exercise_button_for
from bot.features.triage.buttons import RESTART
from bot.ui.html import b, h, i
from bot.ui.keyboards import button
from bot.ui.signs import signs_by_urgency

View = Literal["s", "c", "d", "r"]  # summary, causes, what to do, sources
VIEWS: tuple[View, ...] = ("s", "c", "d", "r")
LABELS: dict[View, str] = {
    "s": "◀ Summary",
    "c": "Why these causes",
    "d": "What to do",
    "r": "Sources",
}
SUMMARY_BUDGET = 1200  # characters a phone shows without scrolling, about
HEADLINES: dict[Level, str] = {
    "emergency": "🚑 Emergency",
    "urgent": "🏥 Get seen today",
    "soon": "🩺 See a GP or physio within 1-3 days",
    "routine": "📅 Book an appointment",
    "self_care": "🏠 Self-care",
}
# When a reason needs a doctor (LevelInfo.doctor_action).
DOCTOR_HEADLINES: dict[Level, str] = {
    "soon": "🩺 See a GP within 1-3 days",
    "routine": "📅 Book a GP appointment",
}
MAX_CONDITIONS_SHOWN = 3
REASONS_IN_SUMMARY = 2  # the rest of the reasons are on the causes screen
NOT_A_DIAGNOSIS = (
    "This is not a diagnosis, only guidance from your answers. "
    "If you are worried, or things change, get seen."
)
# Exercises suit problems a runner may manage or load while waiting; not before an urgent check.
EXERCISE_LEVELS: frozenset[Level] = frozenset({"routine", "self_care"})

Link = Callable[[View], str]  # a view's signed callback data


def screen_text(view: View, assessment: Assessment, library: Library) -> str:
    content = library.triage
    if view == "s":
        body = _summary(assessment, content)
    elif view == "c":
        body = _causes(assessment, content)
    elif view == "d":
        body = _what_to_do(assessment, content)
    else:
        body = _sources(assessment, library)
    return f"{body}\n\n{i(h(NOT_A_DIAGNOSIS))}"


def keyboard(
    view: View, assessment: Assessment, library: Library, link: Link
) -> InlineKeyboardMarkup:
    others = [button(LABELS[other], link(other)) for other in VIEWS if other != view]
    rows: list[list[InlineKeyboardButton]] = [others[:2], others[2:]]
    if assessment.level in EXERCISE_LEVELS:
        top = assessment.conditions[0]
        name = library.triage.conditions[top].name
        exercises = exercise_button_for(library, top, f"Exercises for {name}")
        if exercises is not None:
            rows.append([exercises])
    rows.append([button("↺ Start over", RESTART.data())])
    return InlineKeyboardMarkup(rows)


def _headline(assessment: Assessment, content: TriageContent) -> str:
    """The level in a few words and what to do, as a doctor's when a reason needs one."""
    level = content.levels[assessment.level]
    if assessment.doctor and level.doctor_action is not None:
        headline = DOCTOR_HEADLINES.get(assessment.level, HEADLINES[assessment.level])
        return b(h(headline)) + "\n" + h(level.doctor_action)
    return b(h(HEADLINES[assessment.level])) + "\n" + h(level.action)


def _summary(assessment: Assessment, content: TriageContent) -> str:
    parts = [_headline(assessment, content)]
    reasons = _reasons(assessment, content)
    if reasons:
        shown = reasons[:REASONS_IN_SUMMARY]
        more = len(reasons) - len(shown)
        lines = [f"• {h(reason)}" for reason in shown]
        if more:
            lines.append(f"• …and {more} more under “{LABELS['c']}”.")
        parts.append(b("Why this level") + "\n" + "\n".join(lines))
    names = [content.conditions[c].name for c in shown_conditions(assessment, content)]
    parts.append(b("What it could be") + " (likeliest first): " + h("; ".join(names)) + ".")
    if assessment.advice.get_seen_if:
        parts.append(f"⚠️ Signs that mean acting sooner are under “{LABELS['d']}”.")
    return "\n\n".join(parts)


def _causes(assessment: Assessment, content: TriageContent) -> str:
    parts = []
    reasons = _reasons(assessment, content)
    if reasons:
        parts.append(b("Why this level") + "\n" + "\n".join(f"• {h(r)}" for r in reasons))
    lines = [b("What it could be") + " (likeliest first)"]
    for condition_id in shown_conditions(assessment, content):
        condition = content.conditions[condition_id]
        features = {feature.id: feature for feature in condition.features}
        why = [features[f].why for f in assessment.why.get(condition_id, []) if f in features]
        lines.append(f"• {b(h(condition.name))}: {h(condition.about)}")
        lines.extend(f"   – {h(line)}" for line in why)
    parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _what_to_do(assessment: Assessment, content: TriageContent) -> str:
    parts = [_headline(assessment, content)]
    advice = [content.advice[a].text for a in assessment.advice.self_care]
    if assessment.advice.pain_monitoring:
        advice.append(content.pain_monitoring.text)
    if advice:
        parts.append(b("Meanwhile") + "\n" + "\n".join(f"• {h(line)}" for line in advice))
    parts.extend(signs_by_urgency(assessment.advice.get_seen_if, content.safety_net))
    return "\n\n".join(parts)


def _sources(assessment: Assessment, library: Library) -> str:
    ids = dict.fromkeys(_cited(assessment, library.triage))
    lines = [f"• {h(library.sources[source].cite)}" for source in ids]
    return b("Sources of this result") + "\n" + "\n".join(lines)


def _cited(assessment: Assessment, content: TriageContent) -> Iterator[str]:
    """The sources of everything the four screens say, in the order they say it."""
    yield from content.levels[assessment.level].sources
    rules = {rule.id: rule for rule in content.rules()}
    for rule_id in (*assessment.red_flags, *assessment.referrals):
        yield from rules[rule_id].sources
    for condition_id in shown_conditions(assessment, content):
        condition = content.conditions[condition_id]
        features = {feature.id: feature for feature in condition.features}
        yield from condition.sources
        for feature_id in assessment.why.get(condition_id, []):
            yield from features[feature_id].sources
    for advice_id in assessment.advice.self_care:
        yield from content.advice[advice_id].sources
    if assessment.advice.pain_monitoring:
        yield from content.pain_monitoring.sources
    for sign_id in assessment.advice.get_seen_if:
        yield from content.safety_net[sign_id].sources


def _reasons(assessment: Assessment, content: TriageContent) -> list[str]:
    rules = {rule.id: rule for rule in content.rules()}
    texts = [rules[rule_id].text for rule_id in (*assessment.red_flags, *assessment.referrals)]
    return list(dict.fromkeys(texts))


def shown_conditions(assessment: Assessment, content: TriageContent) -> list[ConditionId]:
    """The likeliest causes, always with those the reasons for the level name (a reason about
    infection beside a list without it would read as a contradiction). In an emergency only
    what the emergency signs point to: a list of overuse problems beside "call an ambulance"
    would only distract."""
    fired = set(assessment.red_flags) | set(assessment.referrals)
    named = {c for rule in content.rules() if rule.id in fired for c in rule.conditions}
    shown = assessment.conditions
    if assessment.level == "emergency":
        shown = [condition for condition in shown if condition in named] or shown
    kept = [condition for condition in shown if condition in named][:MAX_CONDITIONS_SHOWN]
    room = MAX_CONDITIONS_SHOWN - len(kept)
    others = [condition for condition in shown if condition not in named][:room]
    return [condition for condition in shown if condition in kept or condition in others]

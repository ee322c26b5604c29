"""/prevent: what prevents running injuries and how sure we are, one section per message.

Callback data: `pv:o` the overview, `pv:r:<risk factor id>` a risk factor, `pv:d` when to see a
doctor; each followed by `:src` shows its sources.
"""

from telegram import InlineKeyboardMarkup

from bot.domain.content.library import Library
from bot.domain.content.prevention import RiskFactor, Strength, Verdict
from bot.features.library.buttons import PREVENTION
from bot.features.library.screens.common import (
    bullets,
    section,
    sources_button,
    sources_screen,
)
from bot.ui.html import b, h
from bot.ui.keyboards import button
from bot.ui.screen import Screen
from bot.ui.signs import signs_by_urgency

VERDICTS: dict[Verdict, str] = {
    "helps": "helps",
    "not_shown": "not shown to help",
    "unclear": "not yet known",
}
EVIDENCE: dict[Strength, str] = {
    "strong": "strong evidence",
    "moderate": "moderate evidence",
    "weak": "weak evidence",
}


def _back(sources_data: str) -> InlineKeyboardMarkup:
    overview_button = button("‹ Prevention overview", PREVENTION.data("o"))
    return InlineKeyboardMarkup([[overview_button, sources_button(sources_data)]])


def overview(library: Library) -> Screen:
    prevention = library.prevention
    findings = "\n\n".join(
        f"{b(h(finding.topic))} – {VERDICTS[finding.verdict]}\n{h(finding.claim)}"
        for finding in prevention.overview.findings
    )
    text = "\n\n".join(
        [
            b(h(prevention.overview.name)),
            h(prevention.overview.intro),
            findings,
            "Risk factors and what to do about them:",
        ]
    )
    rows = [
        [button(factor.name, PREVENTION.data("r", factor.id))] for factor in prevention.risk_factors
    ]
    rows.append([button(prevention.see_a_doctor.name, PREVENTION.data("d"))])
    rows.append([sources_button(PREVENTION.data("o", "src"))])
    return Screen(text, InlineKeyboardMarkup(rows))


def _overview_sources(library: Library) -> tuple[str, ...]:
    findings = library.prevention.overview.findings
    return tuple(source for finding in findings for source in finding.sources)


def risk_factor(factor: RiskFactor) -> Screen:
    text = "\n\n".join(
        [
            b(h(factor.name)) + "\n" + h(factor.risk),
            section(f"How sure we are: {EVIDENCE[factor.evidence]}", h(factor.evidence_note)),
            section("What to do", bullets(factor.advice)),
        ]
    )
    return Screen(text, _back(PREVENTION.data("r", factor.id, "src")))


def _doctor_sources(library: Library) -> tuple[str, ...]:
    # The signs are /kneepain's own (content/triage.yaml): their sources are cited too.
    doctor, safety_net = library.prevention.see_a_doctor, library.triage.safety_net
    return (*doctor.sources, *(s for sign in doctor.signs for s in safety_net[sign].sources))


def see_a_doctor(library: Library) -> Screen:
    doctor = library.prevention.see_a_doctor
    # The signs are /kneepain's own, so both give the same advice.
    text = "\n\n".join(
        [
            b(h(doctor.name)) + "\n" + h(doctor.intro),
            *signs_by_urgency(doctor.signs, library.triage.safety_net),
        ]
    )
    return Screen(text, _back(PREVENTION.data("d", "src")))


def route(library: Library, args: tuple[str, ...]) -> Screen | None:
    """The screen a press asks for, or None for stale or forged data."""
    match args:
        case ("o",):
            return overview(library)
        case ("o", "src"):
            return sources_screen(library, _overview_sources(library), PREVENTION.data("o"))
        case ("d",):
            return see_a_doctor(library)
        case ("d", "src"):
            return sources_screen(library, _doctor_sources(library), PREVENTION.data("d"))
        case ("r", factor_id, *part) if part in ([], ["src"]):
            factors = library.prevention.risk_factors
            factor = next((f for f in factors if f.id == factor_id), None)
            if factor is None:
                return None
            if part:
                return sources_screen(library, factor.sources, PREVENTION.data("r", factor_id))
            return risk_factor(factor)
    return None

"""/prevent: what prevents running injuries and how sure we are, one section per message.

Callback data: `pv:o` the overview, `pv:r:<risk factor id>` a risk factor, `pv:d` when to see a
doctor.
"""

from telegram import InlineKeyboardMarkup

from bot.domain.content.library import Library
from bot.domain.content.prevention import RiskFactor, Strength, Verdict
from bot.features.library.buttons import PREVENTION
from bot.features.library.screens.common import bullets, section, sources
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


def _back() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button("« Prevention overview", PREVENTION.data("o"))]])


def overview(library: Library) -> Screen:
    prevention = library.prevention
    findings = "\n\n".join(
        f"{b(h(finding.topic))} – {VERDICTS[finding.verdict]}\n{h(finding.claim)}"
        for finding in prevention.overview.findings
    )
    cited = (source for finding in prevention.overview.findings for source in finding.sources)
    text = "\n\n".join(
        [
            b(h(prevention.overview.name)),
            h(prevention.overview.intro),
            findings,
            sources(library, cited),
            "Risk factors and what to do about them:",
        ]
    )
    rows = [
        [button(factor.name, PREVENTION.data("r", factor.id))] for factor in prevention.risk_factors
    ]
    rows.append([button(prevention.see_a_doctor.name, PREVENTION.data("d"))])
    return Screen(text, InlineKeyboardMarkup(rows))


def risk_factor(library: Library, factor: RiskFactor) -> Screen:
    text = "\n\n".join(
        [
            b(h(factor.name)) + "\n" + h(factor.risk),
            section(f"How sure we are: {EVIDENCE[factor.evidence]}", h(factor.evidence_note)),
            section("What to do", bullets(factor.advice)),
            sources(library, factor.sources),
        ]
    )
    return Screen(text, _back())


def see_a_doctor(library: Library) -> Screen:
    doctor = library.prevention.see_a_doctor
    # The signs are /kneepain's own (content/triage.yaml), so both give the same advice.
    safety_net = library.triage.safety_net
    cited = [*doctor.sources, *(s for sign in doctor.signs for s in safety_net[sign].sources)]
    text = "\n\n".join(
        [
            b(h(doctor.name)) + "\n" + h(doctor.intro),
            *signs_by_urgency(doctor.signs, safety_net),
            sources(library, cited),
        ]
    )
    return Screen(text, _back())


def route(library: Library, args: tuple[str, ...]) -> Screen | None:
    """The screen a press asks for, or None for stale or forged data."""
    match args:
        case ("o",):
            return overview(library)
        case ("d",):
            return see_a_doctor(library)
        case ("r", factor_id):
            factors = library.prevention.risk_factors
            factor = next((f for f in factors if f.id == factor_id), None)
            return None if factor is None else risk_factor(library, factor)
    return None

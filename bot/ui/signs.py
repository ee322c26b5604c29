""" "Get seen if" signs, grouped by how urgently to act: one rendering for every screen that
lists them (/kneepain's outcome, /prevent), so a sign never reads differently in two places."""

from collections.abc import Iterable, Mapping

from bot.domain.triage import LEVELS, Level
from bot.domain.triage.rules import SafetyNetSign
from bot.ui.html import b, h

IF_SIGNS: dict[Level, str] = {
    "emergency": "Call your emergency number if",
    "urgent": "Go to urgent care the same day if",
    "soon": "See a GP or physio within 1-3 days if",
    "routine": "Book an appointment if",
    "self_care": "",  # no sign ever lowers the level to self-care
}


def signs_by_urgency(sign_ids: Iterable[str], safety_net: Mapping[str, SafetyNetSign]) -> list[str]:
    """One HTML section per level, most urgent first, each sign once in the order given."""
    by_level: dict[Level, list[str]] = {}
    for sign_id in dict.fromkeys(sign_ids):
        sign = safety_net[sign_id]
        by_level.setdefault(sign.level, []).append(sign.text)
    return [
        b(IF_SIGNS[level]) + "\n" + "\n".join(f"• {h(text)}" for text in by_level[level])
        for level in LEVELS
        if level in by_level
    ]

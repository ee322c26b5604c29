"""assess(): the level first (red flags, then referrals), then the likely conditions and advice."""

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.triage.findings import Findings
from bot.domain.triage.ids import LEVELS, ConditionId, Level
from bot.domain.triage.load import default_content
from bot.domain.triage.ranking import Match, shortlist
from bot.domain.triage.rules import RedFlag, Referral, TriageContent

SELF_CARE_FROM_TOP = 2  # the self-care of this many of the likeliest conditions is shown


class Advice(BaseModel):
    """Ids into TriageContent: `self_care` into .advice, `get_seen_if` into .safety_net."""

    model_config = ConfigDict(frozen=True)

    self_care: list[str]
    get_seen_if: list[str]  # most urgent sign first; only signs that would raise the level
    pain_monitoring: bool  # show TriageContent.pain_monitoring


class Assessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    level: Level
    conditions: list[ConditionId] = Field(min_length=1)  # likeliest first
    red_flags: list[str]  # ids of the red flags that fired, most urgent first
    referrals: list[str]  # ids of the non-red-flag rules that fired
    why: dict[ConditionId, list[str]]  # matched feature ids per listed condition
    advice: Advice
    stop_running: bool
    doctor: bool  # a reason needs a doctor, not only a physiotherapist


def urgency(level: Level) -> int:
    """0 is the most urgent."""
    return LEVELS.index(level)


def fired_rules(findings: Findings, content: TriageContent) -> list[RedFlag | Referral]:
    """Every red flag and referral that holds, most urgent first."""
    fired = [rule for rule in content.rules() if rule.when.holds(findings)]
    return sorted(fired, key=lambda rule: urgency(rule.level))


def level_of(fired: Sequence[RedFlag | Referral]) -> Level:
    # Safety first: the most urgent rule that fired decides, whatever else is true.
    return fired[0].level if fired else "self_care"


def assess(findings: Findings, content: TriageContent | None = None) -> Assessment:
    """Assess with the given content, or with the content shipped in content/ (loaded once)."""
    if content is None:
        content = default_content()
    fired = fired_rules(findings, content)
    level = level_of(fired)
    implicated = [cid for rule in fired for cid in rule.conditions]
    matches = shortlist(content.conditions.values(), findings, implicated)
    return Assessment(
        level=level,
        conditions=[m.condition for m in matches],
        red_flags=[rule.id for rule in fired if isinstance(rule, RedFlag)],
        referrals=[rule.id for rule in fired if isinstance(rule, Referral)],
        why={m.condition: list(m.features) for m in matches},
        advice=_advice(level, findings, matches, content),
        stop_running=content.levels[level].stop_running,
        doctor=any(rule.doctor for rule in fired),
    )


def _advice(
    level: Level, findings: Findings, matches: Sequence[Match], content: TriageContent
) -> Advice:
    causes = [m.condition for m in matches]
    shown = [content.conditions[cause] for cause in causes]
    offered = [*content.levels[level].advice]
    for condition in shown[:SELF_CARE_FROM_TOP]:
        offered += condition.self_care
    self_care = [a for a in offered if content.advice[a].fits(level, findings, causes)]
    # Load-guided running suits tendon and kneecap pain, never a possible tear or bone stress.
    pain_monitoring = (
        content.pain_monitoring.fits(level, findings, causes)
        and shown[0].pain_monitoring == "fits"
        and all(condition.pain_monitoring != "never" for condition in shown)
    )
    signs = [*content.general_safety_net, *(s for c in shown for s in c.get_seen_if)]
    raising = [s for s in signs if urgency(content.safety_net[s].level) < urgency(level)]
    by_urgency = sorted(dict.fromkeys(raising), key=lambda s: urgency(content.safety_net[s].level))
    return Advice(
        self_care=list(dict.fromkeys(self_care)),
        get_seen_if=by_urgency,
        pain_monitoring=pain_monitoring,
    )

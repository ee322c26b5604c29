"""Which conditions fit the findings best: weighted features per condition, ranked by score."""

from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.triage.findings import Findings
from bot.domain.triage.ids import LEVELS, ConditionId
from bot.domain.triage.rules import Condition

MAX_SHOWN = 4
# A condition scoring a quarter of the leader or less is noise next to it (e.g. a base score).
MIN_SHARE_OF_TOP = 4
# Age alone tells nothing about this knee: a condition is listed for what the runner reported.
DEMOGRAPHIC = frozenset({"age"})


@dataclass(frozen=True)
class Match:
    condition: ConditionId
    score: int
    features: tuple[str, ...]  # ids of the features that matched, for "why this fits"
    telling: bool  # a matched feature is about the knee, not only the runner's age


def match(condition: Condition, findings: Findings) -> Match:
    matched = [feature for feature in condition.features if feature.when.holds(findings)]
    score = condition.base + sum(feature.weight for feature in matched)
    telling = any(feature.when.fields() - DEMOGRAPHIC for feature in matched)
    return Match(condition.id, score, tuple(feature.id for feature in matched), telling)


def shortlist(
    conditions: Iterable[Condition], findings: Findings, implicated: Iterable[ConditionId]
) -> list[Match]:
    """The likeliest conditions first; whatever a fired rule implicates is always kept."""
    ordered = list(conditions)
    matches = {condition.id: match(condition, findings) for condition in ordered}
    position = {condition.id: index for index, condition in enumerate(ordered)}
    care = {condition.id: LEVELS.index(condition.care) for condition in ordered}
    # Ties go to the condition that needs more urgent care, then to file order.
    ranked = sorted(
        matches.values(), key=lambda m: (-m.score, care[m.condition], position[m.condition])
    )
    must = list(dict.fromkeys(implicated))
    telling = [m for m in ranked if m.telling]
    if not telling and not must:  # nothing to go on: the commonest complaint, by its base score
        telling = [matches[max(ordered, key=lambda condition: condition.base).id]]
    top = telling[0].score if telling else 0
    chosen = [m for m in telling if m.score * MIN_SHARE_OF_TOP > top][:MAX_SHOWN]
    chosen += [matches[cid] for cid in must if matches[cid] not in chosen]
    while len(chosen) > MAX_SHOWN and any(m.condition not in must for m in chosen):
        drop = next(m for m in reversed(chosen) if m.condition not in must)
        chosen.remove(drop)
    return chosen

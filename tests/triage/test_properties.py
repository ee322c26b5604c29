"""Safety properties over any findings, checked with hypothesis."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.triage import Findings, TriageContent, assess, urgency
from tests.triage.strategies import findings as any_findings
from tests.triage.strategies import with_changes

# Each alarming finding a runner can report, as the change it makes to the findings.
RED_FLAG_FINDINGS: list[dict[str, Any]] = [
    {"deformity_or_numb_cold_foot": True},
    {"calf_swelling": True},
    {"breathless_or_chest_pain": True},
    {"feels_very_unwell": True},
    {"very_swollen": True},
    {"pain_on_hopping": True},
    {"wound_into_joint": True},
    {"hot_red_or_fever": True},
    {"locked": True},
    {"catching": True},
    {"giving_way": True},
    {"cannot_bend_90": True},
    {"bone_tenderness": True},
    {"night_or_rest_pain": True},
    {"weight_loss_or_lump": True},
    {"groin_or_thigh_pain": True},
    {"weight_bearing": "unable"},
    {"swelling": "rapid"},
]


@given(findings=any_findings, added=st.sampled_from(RED_FLAG_FINDINGS))
def test_adding_a_red_flag_finding_never_lowers_the_level(
    content: TriageContent, findings: Findings, added: dict[str, Any]
) -> None:
    before = assess(findings, content)
    after = assess(with_changes(findings, **added), content)
    assert urgency(after.level) <= urgency(before.level)


@given(findings=any_findings)
def test_the_level_is_at_least_every_fired_rule(content: TriageContent, findings: Findings) -> None:
    result = assess(findings, content)
    fired = {rule.id: rule.level for rule in content.rules()}
    for rule_id in result.red_flags + result.referrals:
        assert urgency(result.level) <= urgency(fired[rule_id])
    if (
        findings.deformity_or_numb_cold_foot
        or findings.breathless_or_chest_pain
        or findings.wound_into_joint
        or findings.feels_very_unwell
    ):
        assert result.level == "emergency"
    if findings.wound_into_joint:
        assert "septic_arthritis" in result.conditions
    if findings.weight_loss_or_lump:
        assert urgency(result.level) <= urgency("soon")
        assert "weight_loss_lump" in result.red_flags
    assert 1 <= len(result.conditions) == len(set(result.conditions))
    assert set(result.why) == set(result.conditions)
    assert result.stop_running == (urgency(result.level) <= urgency("soon"))

"""Every red flag and referral fires on its trigger and stays quiet without it."""

from typing import Any

import pytest

from bot.domain.triage import Findings, TriageContent, assess, urgency

Case = dict[str, Any]
INJURY = {"onset": "injury"}

# rule id -> (findings that fire it, near misses that must not); age is 30 unless given.
RULES: dict[str, tuple[list[Case], list[Case]]] = {
    "deformity_cold_foot": ([{"deformity_or_numb_cold_foot": True}], [{}]),
    "calf_or_breathless": ([{"calf_swelling_or_breathless": True}], [{}]),
    "joint_wound": (
        [
            {"wound_into_joint": True},
            {**INJURY, "mechanism": "direct_blow", "wound_into_joint": True},
        ],
        [{**INJURY, "mechanism": "direct_blow"}, {"hot_red_or_fever": True}],
    ),
    "ottawa_age": (
        [{**INJURY, "age": 55, "days_since_onset": 7}, {**INJURY, "age": 80}],
        [{**INJURY, "age": 54}, {**INJURY, "age": 60, "days_since_onset": 8}, {"age": 60}],
    ),
    "ottawa_bone": (
        [{**INJURY, "days_since_onset": 7, "bone_tenderness": True}],
        [{**INJURY, "days_since_onset": 8, "bone_tenderness": True}, {"bone_tenderness": True}],
    ),
    "ottawa_flexion": (
        [{**INJURY, "cannot_bend_90": True}],
        [{**INJURY, "days_since_onset": 8, "cannot_bend_90": True}, {"cannot_bend_90": True}],
    ),
    "cannot_bear_weight": (
        [{"weight_bearing": "unable"}, {**INJURY, "weight_bearing": "unable"}],
        [{"weight_bearing": "limping"}],
    ),
    "pittsburgh_age": (
        [
            {**INJURY, "mechanism": "direct_blow", "age": 11},
            {**INJURY, "mechanism": "direct_blow", "age": 51},
        ],
        [
            {**INJURY, "mechanism": "direct_blow", "age": 12},
            {**INJURY, "mechanism": "direct_blow", "age": 50},
            {**INJURY, "mechanism": "twist", "age": 51},
        ],
    ),
    "rapid_swelling": (
        [{**INJURY, "swelling": "rapid"}],
        [{**INJURY, "swelling": "delayed"}, {"swelling": "mild"}],
    ),
    "hot_red_fever": ([{"hot_red_or_fever": True}], [{"swelling": "mild"}]),
    "locked_knee": ([{"locked": True}], [{"catching": True}]),
    "child_hip_or_limp": (
        [{"age": 17, "hip_thigh_pain_or_limp": True}, {"age": 9, "hip_thigh_pain_or_limp": True}],
        [{"age": 18, "hip_thigh_pain_or_limp": True}, {"age": 14}],
    ),
    "catching": ([{"catching": True}], [{"clicking": True}]),
    "giving_way": ([{"giving_way": True}], [{}]),
    "delayed_swelling": (
        [{**INJURY, "swelling": "delayed"}],
        [{"swelling": "delayed"}, {**INJURY, "swelling": "mild"}],
    ),
    "side_step_instability": (
        [{**INJURY, "mechanism": "inward_force", "worse_with": ["side_step"]}],
        [
            {**INJURY, "mechanism": "inward_force"},
            {**INJURY, "mechanism": "twist", "worse_with": ["side_step"]},
        ],
    ),
    "bone_spot_pain": (
        [{"bone_tenderness": True}],
        [{**INJURY, "bone_tenderness": True}, {"recent_load_increase": True}],
    ),
    "late_bone_pain": (
        [{**INJURY, "days_since_onset": 8, "bone_tenderness": True}],
        [
            {**INJURY, "days_since_onset": 7, "bone_tenderness": True},
            {**INJURY, "days_since_onset": 20},
        ],
    ),
    "night_or_rest_pain": ([{"night_or_rest_pain": True}], [{}]),
    "weight_loss_lump": (
        [{"weight_loss_or_lump": True}, {"age": 15, "weight_loss_or_lump": True}],
        [{"night_or_rest_pain": True}, {"bone_tenderness": True}, {"swelling": "mild"}],
    ),
    "cannot_bend": ([{"cannot_bend_90": True}], [{}]),
    "no_improvement": ([{"weeks_without_improvement": 6}], [{"weeks_without_improvement": 5}]),
    "oa_limiting_life": (
        [
            {
                "age": 45,
                "morning_stiffness_minutes": 30,
                "pain_site": "joint_line",
                "worse_with": ["stairs"],
            },
            {"age": 60, "weight_bearing": "limping"},
        ],
        [
            {"age": 44, "worse_with": ["stairs"]},
            {"age": 60, "morning_stiffness_minutes": 31, "worse_with": ["stairs"]},
            {"age": 60, "pain_site": "below_joint_line", "worse_with": ["rising"]},
            {"age": 60, "worse_with": ["long_runs"]},
            {**INJURY, "age": 60, "days_since_onset": 30, "worse_with": ["stairs"]},
        ],
    ),
    "long_morning_stiffness": (
        [{"morning_stiffness_minutes": 31}],
        [{"morning_stiffness_minutes": 30}],
    ),
    "adult_hip_pain": (
        [{"age": 18, "hip_thigh_pain_or_limp": True}],
        [{"age": 17, "hip_thigh_pain_or_limp": True}, {"age": 40}],
    ),
}


def _findings(case: Case) -> Findings:
    return Findings.model_validate({"age": 30, **case})


def test_every_rule_has_cases(content: TriageContent) -> None:
    ids = {rule.id for rule in content.rules()}
    assert ids == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_fires_on_its_trigger_only(content: TriageContent, rule_id: str) -> None:
    rule = next(r for r in content.rules() if r.id == rule_id)
    fires, misses = RULES[rule_id]
    for case in fires:
        result = assess(_findings(case), content)
        assert rule_id in result.red_flags + result.referrals, case
        assert urgency(result.level) <= urgency(rule.level), case
        assert set(rule.conditions) <= set(result.conditions), case
    for case in misses:
        result = assess(_findings(case), content)
        assert rule_id not in result.red_flags + result.referrals, case


def test_red_flags_and_referrals_are_reported_apart(content: TriageContent) -> None:
    result = assess(_findings({"locked": True, "weeks_without_improvement": 8}), content)
    assert result.red_flags == ["locked_knee"]
    assert result.referrals == ["no_improvement"]

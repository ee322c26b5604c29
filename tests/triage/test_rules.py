"""Every red flag and referral fires on its trigger and stays quiet without it."""

from typing import Any

import pytest

from bot.domain.triage import Findings, TriageContent, assess, urgency

Case = dict[str, Any]
INJURY = {"onset": "injury"}
RECENT = {**INJURY, "days_since_onset": 3}
OLD = {**INJURY, "days_since_onset": 30}
BLOW = {**INJURY, "mechanism": "direct_blow"}
GRADUAL = {"onset": "gradual"}

# rule id -> (findings that fire it, near misses that must not); age is 30 unless given.
# Every time-limited rule misses on an injury of unknown date: unknown is never "today".
RULES: dict[str, tuple[list[Case], list[Case]]] = {
    "deformity_cold_foot": ([{"deformity_or_numb_cold_foot": True}], [{}]),
    "breathless_chest_pain": (
        [
            {"breathless_or_chest_pain": True},
            {"breathless_or_chest_pain": True, "calf_swelling": True},
        ],
        [{"calf_swelling": True}],
    ),
    "joint_wound": (
        [{"wound_into_joint": True}, {**BLOW, "wound_into_joint": True}],
        [BLOW, {"hot_red_or_fever": True}],
    ),
    "sepsis_signs": ([{"feels_very_unwell": True}], [{"hot_red_or_fever": True}]),
    "cauda_equina": (
        [{"back_pain_or_tingling": True, "cauda_equina_signs": True}],
        [{"back_pain_or_tingling": True}],
    ),
    "ottawa_age": (
        [{**INJURY, "age": 55, "days_since_onset": 7}, {**RECENT, "age": 80}],
        [
            {**RECENT, "age": 54},
            {**INJURY, "age": 60, "days_since_onset": 8},
            {**INJURY, "age": 60},
            {"age": 60},
        ],
    ),
    "ottawa_bone": (
        [{**INJURY, "days_since_onset": 7, "bone_tenderness": True}],
        [
            {**INJURY, "days_since_onset": 8, "bone_tenderness": True},
            {**INJURY, "bone_tenderness": True},
            {"bone_tenderness": True},
        ],
    ),
    "ottawa_flexion": (
        [{**RECENT, "cannot_bend_90": True}],
        [
            {**OLD, "cannot_bend_90": True},
            {**INJURY, "cannot_bend_90": True},
            {"cannot_bend_90": True},
        ],
    ),
    "cannot_bear_weight": (
        [{"weight_bearing": "unable"}, {**INJURY, "weight_bearing": "unable"}],
        [{"weight_bearing": "limping"}],
    ),
    "pittsburgh_age": (
        [
            {**BLOW, "days_since_onset": 0, "age": 11},
            {**BLOW, "days_since_onset": 7, "age": 51},
        ],
        [
            {**BLOW, "days_since_onset": 0, "age": 12},
            {**BLOW, "days_since_onset": 0, "age": 50},
            {**BLOW, "age": 60},
            {**BLOW, "days_since_onset": 28, "age": 57},
            {**RECENT, "mechanism": "twist", "age": 51},
        ],
    ),
    "rapid_swelling": (
        [{**RECENT, "swelling": "rapid"}],
        [
            {**OLD, "swelling": "rapid"},
            {**INJURY, "swelling": "rapid"},
            {**RECENT, "swelling": "delayed"},
        ],
    ),
    "calf_swelling": ([{"calf_swelling": True}], [{"pain_site": "back_of_knee"}]),
    "hot_red_fever": ([{"hot_red_or_fever": True}], [{"swelling": "mild"}]),
    "swollen_infection_risk": (
        [
            {"infection_risk": True, "very_swollen": True},
            {"infection_risk": True, **RECENT, "swelling": "delayed"},
            {"infection_risk": True, **GRADUAL, "swollen_without_injury": True},
        ],
        [
            {"infection_risk": True},
            {"infection_risk": True, **RECENT, "swelling": "mild"},
            {**GRADUAL, "swollen_without_injury": True},
        ],
    ),
    "very_swollen": (
        [{"very_swollen": True}, {**OLD, "very_swollen": True}],
        [{"swelling": "mild"}],
    ),
    "blood_thinner_swelling": (
        [
            {**BLOW, "days_since_onset": 1, "blood_thinners": True, "swelling": "mild"},
            {**RECENT, "blood_thinners": True, "very_swollen": True},
        ],
        [
            {**RECENT, "blood_thinners": True},
            {**OLD, "blood_thinners": True, "swelling": "mild"},
            {**RECENT, "swelling": "mild"},
        ],
    ),
    "locked_knee": ([{"locked": True}], [{"catching": True}]),
    "child_hip_or_limp": (
        [
            {"age": 17, "groin_or_thigh_pain": True},
            {"age": 9, "weight_bearing": "limping"},
        ],
        [{"age": 18, "groin_or_thigh_pain": True}, {"age": 18, "weight_bearing": "limping"}],
    ),
    "femoral_stress": (
        [
            {"groin_or_thigh_pain": True, "pain_on_hopping": True},
            {"groin_or_thigh_pain": True, "weight_bearing": "limping"},
            {"groin_or_thigh_pain": True, "bone_stress_risk": True},
        ],
        [
            {"groin_or_thigh_pain": True},
            {"pain_on_hopping": True},
            {"age": 14, "groin_or_thigh_pain": True, "pain_on_hopping": True},
        ],
    ),
    "pain_on_hopping": ([{"pain_on_hopping": True}], [{"bone_stress_risk": True}]),
    "catching": ([{"catching": True}], [{"clicking": True}]),
    "giving_way": ([{"giving_way": True}], [{"worse_with": ["side_step"]}]),
    "delayed_swelling": (
        [{**INJURY, "swelling": "delayed"}, {**OLD, "swelling": "delayed"}],
        [
            {"swelling": "delayed"},
            {**INJURY, "swelling": "mild"},
            {**INJURY, "days_since_onset": 60, "swelling": "delayed"},
        ],
    ),
    "teen_bone_pain": (
        [{"age": 14, "night_or_rest_pain": True}, {"age": 15, **GRADUAL, "bone_tenderness": True}],
        [
            {"age": 18, "night_or_rest_pain": True},
            {"age": 15, **RECENT, "bone_tenderness": True},
            {"age": 15, "bone_tenderness": True},  # how it started is not known
        ],
    ),
    "bone_spot_pain": (
        [{**GRADUAL, "bone_tenderness": True}],
        [
            {**INJURY, "bone_tenderness": True},
            {"bone_tenderness": True},
            {**GRADUAL, "recent_load_increase": True},
        ],
    ),
    "late_bone_pain": (
        [
            {**INJURY, "days_since_onset": 8, "bone_tenderness": True},
            {**INJURY, "bone_tenderness": True},
        ],
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
    "old_rapid_swelling": (
        [{**OLD, "swelling": "rapid"}, {**INJURY, "swelling": "rapid"}],
        [{**RECENT, "swelling": "rapid"}, {**OLD, "swelling": "delayed"}],
    ),
    "no_improvement": ([{"weeks_without_improvement": 6}], [{"weeks_without_improvement": 5}]),
    "limits_daily_life": ([{"limits_daily_life": True}], [{"weight_bearing": "limping"}]),
    "long_morning_stiffness": (
        [{"morning_stiffness_minutes": 31}],
        [{"morning_stiffness_minutes": 30}],
    ),
    "adult_hip_pain": (
        [{"age": 18, "groin_or_thigh_pain": True}],
        [{"age": 17, "groin_or_thigh_pain": True}, {"age": 40}],
    ),
    "back_referral": ([{"back_pain_or_tingling": True}], [{}]),
    "bone_stress_risk": (
        [{**GRADUAL, "bone_stress_risk": True}],
        [
            {**OLD, "bone_stress_risk": True},
            {"bone_stress_risk": True},
            {**GRADUAL, "recent_load_increase": True},
        ],
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

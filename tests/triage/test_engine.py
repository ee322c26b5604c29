"""How assess() combines rules, ranks conditions and picks advice."""

import pytest
from hypothesis import given
from pydantic import ValidationError

from bot.domain.triage import Findings, TriageContent, assess, urgency
from tests.triage.strategies import findings as any_findings


def test_the_most_urgent_rule_decides(content: TriageContent) -> None:
    findings = Findings(
        age=30,
        breathless_or_chest_pain=True,
        locked=True,
        catching=True,
        weeks_without_improvement=9,
    )
    result = assess(findings, content)
    assert result.level == "emergency"
    assert result.red_flags[0] == "breathless_chest_pain"  # most urgent first
    assert {"locked_knee", "catching"} <= set(result.red_flags)


def test_without_any_rule_it_is_self_care(content: TriageContent) -> None:
    result = assess(Findings(age=30), content)
    assert result.level == "self_care"
    assert not result.red_flags and not result.referrals
    assert result.conditions  # never empty: a base score is the fallback
    assert not result.stop_running


def test_one_argument_uses_the_shipped_content(content: TriageContent) -> None:
    findings = Findings(age=40, onset="injury", mechanism="twist", swelling="delayed")
    assert assess(findings) == assess(findings, content)


def test_implicated_conditions_are_always_listed(content: TriageContent) -> None:
    # Age alone makes the Ottawa rule fire: a fracture must be on the list even if unlikely.
    findings = Findings(
        age=70,
        onset="injury",
        mechanism="twist",
        days_since_onset=2,
        pain_site="joint_line",
        swelling="delayed",
    )
    result = assess(findings, content)
    assert result.conditions[0] == "meniscus_tear"
    assert "fracture" in result.conditions
    assert len(result.conditions) <= 4


def test_why_names_the_matched_features(content: TriageContent) -> None:
    result = assess(
        Findings(age=30, pain_site="below_kneecap", worse_with=["start_of_run"]), content
    )
    assert result.conditions[0] == "patellar_tendinopathy"
    assert result.why["patellar_tendinopathy"] == ["below_kneecap", "warms_up"]
    features = {f.id for f in content.conditions["patellar_tendinopathy"].features}
    assert set(result.why["patellar_tendinopathy"]) <= features


def test_ties_go_to_the_condition_needing_more_urgent_care(content: TriageContent) -> None:
    # A twist that leaves the runner unable to walk: fracture, meniscus and ACL score alike.
    findings = Findings(age=40, onset="injury", mechanism="twist", weight_bearing="unable")
    result = assess(findings, content)
    assert result.conditions[0] == "fracture"


def test_urgent_advice_is_only_the_action(content: TriageContent) -> None:
    result = assess(Findings(age=30, hot_red_or_fever=True), content)
    assert result.level == "urgent"
    assert result.stop_running
    assert result.advice.self_care == []
    # Only what would raise it: the emergency signs.
    assert result.advice.get_seen_if == ["sn_deformed", "sn_breathless", "sn_very_unwell"]
    assert not result.advice.pain_monitoring


def test_soon_advice_stops_running_first(content: TriageContent) -> None:
    findings = Findings(age=24, onset="gradual", bone_tenderness=True, recent_load_increase=True)
    result = assess(findings, content)
    assert result.level == "soon"
    assert result.advice.self_care[0] == "stop_running_now"
    assert "bone_stop" in result.advice.self_care
    assert "walk_run_return" not in result.advice.self_care  # not before being seen
    levels = [content.safety_net[sign].level for sign in result.advice.get_seen_if]
    assert all(urgency(level) < urgency("soon") for level in levels)
    assert levels == sorted(levels, key=urgency)


def test_a_wound_into_the_joint_is_an_emergency_for_infection(content: TriageContent) -> None:
    findings = Findings(age=35, onset="injury", mechanism="direct_blow", wound_into_joint=True)
    result = assess(findings, content)
    assert result.level == "emergency"
    assert result.red_flags == ["joint_wound"]
    assert result.conditions[0] == "septic_arthritis"
    assert result.why["septic_arthritis"] == ["wound"]
    assert result.advice.self_care == [] and result.advice.get_seen_if == []
    assert "ambulance" in content.levels["emergency"].action


def test_weight_loss_or_a_lump_sends_to_a_gp_within_days(content: TriageContent) -> None:
    findings = Findings(age=45, pain_site="below_joint_line", weight_loss_or_lump=True)
    result = assess(findings, content)
    assert (result.level, result.red_flags) == ("soon", ["weight_loss_lump"])
    assert result.stop_running and result.advice.self_care[0] == "stop_running_now"
    flag = next(f for f in content.red_flags if f.id == "weight_loss_lump")
    assert "see a GP" in flag.text and "doctor" in flag.text
    # The rule outranks a referral but never an urgent finding reported with it.
    referral = Findings(age=45, weight_loss_or_lump=True, weeks_without_improvement=8)
    assert assess(referral, content).level == "soon"
    urgent = Findings(age=45, weight_loss_or_lump=True, locked=True)
    assert assess(urgent, content).level == "urgent"


def test_a_lump_or_weight_loss_is_a_sign_to_get_seen_for_milder_outcomes(
    content: TriageContent,
) -> None:
    sign = content.safety_net["sn_lump_weight"]
    assert sign.level == "soon" and "GP" in sign.text
    for findings in (Findings(age=30), Findings(age=60, weeks_without_improvement=6)):
        result = assess(findings, content)
        assert result.level in ("self_care", "routine")
        assert "sn_lump_weight" in result.advice.get_seen_if
    soon = assess(Findings(age=30, weight_loss_or_lump=True), content)
    assert "sn_lump_weight" not in soon.advice.get_seen_if


def test_pain_monitoring_for_kneecap_and_tendon_pain(content: TriageContent) -> None:
    kneecap = Findings(age=22, pain_site="inner_kneecap", worse_with=["sitting"])
    assert assess(kneecap, content).advice.pain_monitoring
    tendon = Findings(age=25, pain_site="below_kneecap", weeks_without_improvement=7)
    assert assess(tendon, content).level == "routine"
    assert assess(tendon, content).advice.pain_monitoring


def test_no_pain_monitoring_when_a_tear_is_listed(content: TriageContent) -> None:
    findings = Findings(
        age=22, onset="injury", mechanism="twist", pain_site="inner_kneecap", worse_with=["sitting"]
    )
    result = assess(findings, content)
    assert result.conditions[0] == "patellofemoral_pain"
    assert "meniscus_tear" in result.conditions
    assert not result.advice.pain_monitoring


def test_advice_ids_resolve_and_fit_the_level(content: TriageContent) -> None:
    result = assess(Findings(age=52, pain_site="below_joint_line", worse_with=["stairs"]), content)
    assert result.level == "self_care"
    for advice_id in result.advice.self_care:
        assert "self_care" in content.advice[advice_id].levels
    assert "pes_anserine_care" in result.advice.self_care
    assert "sn_bone_spot" in result.advice.get_seen_if


def test_findings_have_the_agreed_fields_and_neutral_defaults() -> None:
    findings = Findings(age=30)
    assert findings.model_dump() == {
        "age": 30,
        "onset": None,  # not asked yet: never read as "it came on gradually"
        "mechanism": "none",
        "days_since_onset": None,
        "weight_bearing": "normal",
        "swelling": "none",
        **dict.fromkeys(
            [
                "very_swollen",
                "swollen_without_injury",
                "hot_red_or_fever",
                "feels_very_unwell",
                "infection_risk",
                "blood_thinners",
                "locked",
                "catching",
                "clicking",
                "giving_way",
                "cannot_bend_90",
                "deformity_or_numb_cold_foot",
                "calf_swelling",
                "breathless_or_chest_pain",
                "wound_into_joint",
                "bone_tenderness",
                "pain_on_hopping",
                "night_or_rest_pain",
                "weight_loss_or_lump",
                "groin_or_thigh_pain",
                "bone_stress_risk",
                "back_pain_or_tingling",
                "cauda_equina_signs",
                "limits_daily_life",
                "recent_load_increase",
            ],
            False,
        ),
        "pain_site": "diffuse",
        "worse_with": [],
        "morning_stiffness_minutes": 0,
        "weeks_without_improvement": 0,
    }
    with pytest.raises(ValidationError, match="Extra inputs"):
        Findings.model_validate({"age": 30, "locked_knee": True})


# Advice must never contradict the likely causes or the person.
BONE_CAUSES = {"bone_stress_injury", "fracture", "femoral_stress_fracture"}


@given(findings=any_findings)
def test_no_nsaid_tablets_with_bone_stress_a_fracture_or_blood_thinners(
    content: TriageContent, findings: Findings
) -> None:
    result = assess(findings, content)
    if BONE_CAUSES & set(result.conditions) or findings.blood_thinners:
        assert "nsaid_tablets" not in result.advice.self_care
    if findings.blood_thinners and result.advice.self_care:
        assert "no_nsaid_blood_thinners" in result.advice.self_care


def test_bone_stress_warns_off_anti_inflammatory_tablets(content: TriageContent) -> None:
    findings = Findings(age=24, onset="gradual", bone_tenderness=True, recent_load_increase=True)
    result = assess(findings, content)
    assert result.conditions[0] == "bone_stress_injury"
    assert "no_nsaid_bone" in result.advice.self_care
    assert "nsaid_tablets" not in result.advice.self_care


def test_a_soft_tissue_injury_gets_peace_and_love_not_tablets(content: TriageContent) -> None:
    findings = Findings(
        age=26,
        onset="injury",
        mechanism="inward_force",
        days_since_onset=1,
        pain_site="inner_side_ligament",
    )
    result = assess(findings, content)
    assert result.level == "self_care"
    assert {"peace_love", "topical_nsaid"} <= set(result.advice.self_care)
    assert "nsaid_tablets" not in result.advice.self_care
    assert "anti-inflammatory tablets" in content.advice["peace_love"].text


def test_osteoarthritis_gets_gel_first_and_tablets_with_their_cautions(
    content: TriageContent,
) -> None:
    findings = Findings(age=60, onset="gradual", pain_site="diffuse", morning_stiffness_minutes=15)
    result = assess(findings, content)
    assert result.conditions[0] == "knee_osteoarthritis"
    advice = result.advice.self_care
    assert advice.index("topical_nsaid") < advice.index("nsaid_tablets")
    for caution in ("long runs", "asthma", "kidney", "pregnancy"):
        assert caution in content.advice["nsaid_tablets"].text


def test_pain_monitoring_says_acceptable_not_safe(content: TriageContent) -> None:
    text = content.pain_monitoring.text
    assert "acceptable" in text and "safe" not in text
    # Not for growing children's bone pain.
    osgood = assess(Findings(age=12, pain_site="below_kneecap"), content)
    assert osgood.conditions[0] == "osgood_schlatter"
    assert not osgood.advice.pain_monitoring


def test_osteoarthritis_is_not_named_before_45(content: TriageContent) -> None:
    for age, named in ((44, False), (45, True)):
        result = assess(Findings(age=age, morning_stiffness_minutes=15), content)
        assert ("knee_osteoarthritis" in result.conditions) == named, age

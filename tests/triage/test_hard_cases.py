"""Hard cases a tester walked through /kneepain as runners: what the check asks, what it says,
and that its advice never contradicts itself."""

from datetime import UTC, datetime

from bot.domain.content.library import Library
from bot.domain.triage import TriageContent, assess, findings_from, next_question
from bot.features.triage.screens.outcome import screen_text, shown_conditions
from bot.features.triage.screens.questions import question_keyboard, question_text
from bot.features.triage.state import Progress
from bot.ui.signed import StateSigner
from tests.triage.test_questionnaire import Walk, _script
from tests.triage.test_questionnaire import walks as walks  # a fixture

FRESH_TWIST = "emergency:none age:a18_39 now: onset:twist when:today swelling:a_little bone_acute:"
OLD_TWIST = "emergency:none age:a18_39 now: onset:twist when:w6_better swelling:a_little"
GRADUAL = "emergency:none age:a18_39 now: onset:more_running course:better"
NOW = datetime(2026, 12, 4, 12, tzinfo=UTC)


def _signs_screen(content: TriageContent, script: str) -> tuple[str, list[str]]:
    """The signs question as the runner sees it: its text and its buttons."""
    answers = _script(script)
    question = next_question(answers, content)
    assert question is not None and question.id == "signs"
    findings = findings_from(answers, content)
    progress = Progress(answers=answers, given="", ticked=frozenset(), back=None)
    keyboard = question_keyboard(question, findings, progress, StateSigner("1:x", "t"), NOW)
    labels = [button.text for row in keyboard.inline_keyboard for button in row]
    return question_text(question, findings, first=False), labels


def _outcome(library: Library, script: str) -> dict[str, str]:
    content = library.triage
    answers = _script(script)
    assert next_question(answers, content) is None, "the check is not over"
    assessment = assess(findings_from(answers, content), content)
    return {view: screen_text(view, assessment, library) for view in ("s", "c", "d")}


def test_no_one_is_asked_to_hop_on_a_fresh_injury_or_a_limp(content: TriageContent) -> None:
    for script in (FRESH_TWIST, GRADUAL.replace("now:", "now:limp")):
        text, labels = _signs_screen(content, script)
        assert "Hopping on it hurts" not in labels and "hop" not in text.lower(), script
    text, labels = _signs_screen(content, f"{OLD_TWIST}")
    assert "Hopping on it hurts" in labels and "a few small hops" in text


def test_the_signs_screen_explains_only_the_buttons_it_shows(content: TriageContent) -> None:
    fresh, labels = _signs_screen(content, FRESH_TWIST)
    assert "A bone spot is very sore" not in labels and "bone spot" not in fresh
    gradual, labels = _signs_screen(content, GRADUAL)
    assert "A bone spot is very sore" in labels and "sore bone spot" in gradual
    # An ache after long sitting (kneecap pain) is not night or rest pain.
    assert "sitting a long time is not this" in gradual


def test_a_swollen_knee_without_an_injury_is_urgent_with_a_risk_of_infection(
    library: Library,
) -> None:
    after_op = (
        "emergency:none age:a45_50 now: onset:gradual course:lt_6w morning:up_to_30 signs:swollen"
    )
    screens = _outcome(library, f"{after_op} about:knee_op")
    assert "🏥 Get seen today" in screens["s"]
    assert "Joint infection (septic arthritis)" in screens["s"]
    without_risk = _outcome(library, f"{after_op} about: site:joint_line worse:stairs")
    assert "Get seen today" not in without_risk["s"]


def test_back_pain_asks_about_cauda_equina_and_yes_is_an_emergency(library: Library) -> None:
    content = library.triage
    back = _script(f"{GRADUAL} signs:back")
    question = next_question(back, content)
    assert question is not None and question.id == "cauda"
    assert "numbness between your legs" in question.text
    yes = _outcome(library, f"{GRADUAL} signs:back cauda:either")
    assert "🚑 Emergency" in yes["s"] and "cauda equina" in yes["s"]
    no = _outcome(library, f"{GRADUAL} signs:back cauda:neither about: site:diffuse worse:")
    assert "Book a GP appointment" in no["s"]


def test_without_back_pain_no_one_is_asked_about_bladder_or_bowels(walks: list[Walk]) -> None:
    for walk in walks:
        asked = [question for question, _ in walk.answers]
        assert ("cauda" in asked) == walk.findings.back_pain_or_tingling, walk.answers


def test_a_reason_that_needs_a_doctor_changes_the_headline(library: Library) -> None:
    teen_night = _outcome(
        library,
        "emergency:none age:a12_17 now: onset:gradual course:lt_6w signs:night about: "
        "site:below_cap worse:",
    )
    assert "🩺 See a GP within 1-3 days" in teen_night["s"]
    assert "physiotherapist alone is not enough" in teen_night["d"]
    assert "GP or sports physiotherapist" not in teen_night["s"] + teen_night["d"]
    # A kneecap problem needing a check is still for a GP or a physio.
    catching = _outcome(library, f"{GRADUAL} signs:catches about: site:kneecap worse:")
    assert "GP or sports physiotherapist within 1-3 days" in catching["s"]


def test_medicine_advice_never_contradicts_itself(walks: list[Walk]) -> None:
    bone = {"bone_stress_injury", "fracture", "femoral_stress_fracture"}
    for walk in walks:
        advice = walk.result.advice.self_care
        if walk.findings.blood_thinners or bone & set(walk.result.conditions):
            assert "topical_nsaid" not in advice, walk.answers
        if "femoral_stress_fracture" in walk.result.conditions:
            assert "stop_running_now" not in advice, walk.answers  # "walking is fine"
        if walk.result.level == "soon":
            assert "osgood_care" not in advice, walk.answers  # "cut back" beside "stop"


def test_first_days_advice_is_only_for_the_first_week(library: Library) -> None:
    fresh = _outcome(library, f"{FRESH_TWIST} signs: about: site:inner_side worse:")
    old = _outcome(library, f"{OLD_TWIST} signs: about: site:inner_side worse:")
    assert "First days after the injury" in fresh["d"]
    assert "First days after the injury" not in old["d"]


def test_a_check_that_ends_early_claims_nothing_it_did_not_ask(
    content: TriageContent, walks: list[Walk]
) -> None:
    """Locked, very swollen, a calf: the check stops before asking how the pain started, and no
    cause is explained by "it came on gradually" or listed for the runner's age alone (the
    causes a reason names are listed for that reason)."""
    rules = {rule.id: rule for rule in content.rules()}
    early = [walk for walk in walks if "onset" not in dict(walk.answers)]
    assert len(early) > 20
    for walk in early:
        assert walk.findings.onset is None
        fired = (*walk.result.red_flags, *walk.result.referrals)
        named = {condition for rule in fired for condition in rules[rule].conditions}
        for condition in shown_conditions(walk.result, content):
            features = {f.id: f for f in content.conditions[condition].features}
            matched = [features[f] for f in walk.result.why[condition]]
            assert all("onset" not in f.when.fields() for f in matched), walk.answers
            assert (
                condition in named
                or condition == "patellofemoral_pain"
                or any(f.when.fields() - {"age"} for f in matched)
            ), (condition, walk.answers)


def test_causes_the_reasons_name_are_always_listed(
    content: TriageContent, walks: list[Walk]
) -> None:
    rules = {rule.id: rule for rule in content.rules()}
    for walk in walks:
        shown = shown_conditions(walk.result, content)
        named = {
            condition
            for rule_id in (*walk.result.red_flags, *walk.result.referrals)
            for condition in rules[rule_id].conditions
        }
        assert named <= set(shown) or len(shown) == 3, walk.answers


def test_the_summary_points_to_the_warning_signs(library: Library) -> None:
    screens = _outcome(library, f"{GRADUAL} signs: about: site:kneecap worse:sit_squat")
    assert "🏠 Self-care" in screens["s"] and "signs below" not in screens["s"]
    assert "Signs that mean acting sooner are under “What to do”" in screens["s"]
    assert "Go to urgent care the same day if" in screens["d"]

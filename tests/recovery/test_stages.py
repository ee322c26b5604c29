"""Walk-run stage progression: worked examples and properties over any run of sessions."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.recovery import Decision, PainEntry, Session, classify, next_stage
from tests.recovery.strategies import runs_at, sessions, worse_than

STAGES = 10
DAY = date(2025, 3, 10)


def at(stage: int, during: int, morning: int | None = 0, **signs: bool) -> Session:
    return Session(stage, classify(PainEntry(DAY, during, morning, **signs)))


GREEN, AMBER, RED = (2, 1), (4, 2), (6, 3)


@pytest.mark.parametrize(
    ("current", "history", "expected"),
    [
        (3, [], Decision(3, "too_few")),
        (3, [at(3, *GREEN)], Decision(3, "too_few")),
        (3, [at(3, *GREEN), at(3, *GREEN)], Decision(4, "advance")),
        (3, [at(3, *AMBER), at(3, *GREEN), at(3, *GREEN)], Decision(4, "advance")),
        (3, [at(3, *GREEN), at(3, *AMBER)], Decision(3, "amber")),
        (3, [at(3, *AMBER), at(3, *GREEN)], Decision(3, "amber")),
        (3, [at(3, *GREEN), at(3, 2, None)], Decision(3, "await_morning")),
        (3, [at(3, *GREEN), at(3, *RED)], Decision(2, "red")),
        (1, [at(1, *RED)], Decision(1, "red_first_stage")),
        # After a red session at stage 1 the count starts again.
        (1, [at(1, *RED), at(1, *GREEN)], Decision(1, "too_few")),
        # Sessions at the stage before do not count toward this one.
        (4, [at(3, *GREEN), at(3, *GREEN)], Decision(4, "too_few")),
        (4, [at(4, *GREEN), at(3, *GREEN), at(4, *GREEN)], Decision(4, "too_few")),
        # Stepped back after a red at stage 4: stage 3 starts from scratch.
        (3, [at(3, *GREEN), at(3, *GREEN), at(4, *RED)], Decision(3, "too_few")),
        (STAGES, [at(STAGES, *GREEN), at(STAGES, *GREEN)], Decision(STAGES, "complete")),
        (3, [at(3, *GREEN), at(3, 1, 1, stiffer=True)], Decision(3, "amber")),
        (3, [at(3, *GREEN), at(3, 1, 1, swelling=True)], Decision(2, "red")),
    ],
)
def test_examples(current: int, history: list[Session], expected: Decision) -> None:
    assert next_stage(current, history, STAGES) == expected


def test_moves() -> None:
    assert next_stage(3, [at(3, *GREEN)] * 2, STAGES).move == "advance"
    assert next_stage(3, [at(3, *RED)], STAGES).move == "back"
    assert next_stage(1, [at(1, *RED)], STAGES).move == "repeat"
    assert next_stage(STAGES, [at(STAGES, *GREEN)] * 2, STAGES).move == "done"


def test_a_knee_that_is_always_fine_climbs_every_stage_in_two_sessions() -> None:
    stage, history, visited = 1, [at(1, *GREEN)], [1]
    while (decision := next_stage(stage, history, STAGES)).move != "done":
        if decision.stage != stage:
            stage = decision.stage
            visited.append(stage)
        history.append(at(stage, *GREEN))
    assert visited == list(range(1, STAGES + 1))
    assert len(history) == 2 * STAGES


@pytest.mark.parametrize("stage", [0, STAGES + 1])
def test_a_stage_outside_the_plan_is_refused(stage: int) -> None:
    with pytest.raises(ValueError, match="not in"):
        next_stage(stage, [], STAGES)


@st.composite
def situations(draw: st.DrawFn) -> tuple[int, int, list[Session]]:
    count = draw(st.integers(1, 12))
    current = draw(st.integers(1, count))
    return count, current, sessions(draw(runs_at(count, current)))


@settings(max_examples=300)
@given(situation=situations())
def test_never_skips_a_stage_or_leaves_the_plan(situation: tuple[int, int, list[Session]]) -> None:
    count, current, history = situation
    stage = next_stage(current, history, count).stage
    assert abs(stage - current) <= 1
    assert 1 <= stage <= count


@settings(max_examples=300)
@given(situation=situations())
def test_never_advances_after_a_red_session(situation: tuple[int, int, list[Session]]) -> None:
    count, current, history = situation
    decision = next_stage(current, history, count)
    if history and history[-1].verdict.zone == "red":
        assert decision.stage <= current
        assert decision.move in {"back", "repeat"}
    if history and history[-1].stage == current and history[-1].verdict.zone == "red":
        assert decision.stage == max(1, current - 1)


@settings(max_examples=300)
@given(situation=situations())
def test_advancing_needs_two_compliant_sessions_at_this_stage(
    situation: tuple[int, int, list[Session]],
) -> None:
    count, current, history = situation
    decision = next_stage(current, history, count)
    if decision.move in {"advance", "done"}:
        last_two = history[-2:]
        assert len(last_two) == 2
        assert all(s.stage == current and s.verdict.allows_progress for s in last_two)
    if decision.move == "done":
        assert current == count


@settings(max_examples=300)
@given(
    data=st.data(),
    situation=st.integers(1, 12).flatmap(lambda n: st.tuples(st.just(n), st.integers(1, n))),
)
def test_worse_pain_never_yields_a_later_stage(
    data: st.DataObject, situation: tuple[int, int]
) -> None:
    count, current = situation
    runs = data.draw(runs_at(count, current))
    worse = [(stage, data.draw(worse_than(entry))) for stage, entry in runs]
    better_stage = next_stage(current, sessions(runs), count).stage
    assert next_stage(current, sessions(worse), count).stage <= better_stage
